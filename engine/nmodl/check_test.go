package nmodl

import (
	"errors"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/internal/libm"
)

func checkTestdata(t *testing.T, name string) *Model {
	t.Helper()
	m, err := Check(parseTestdata(t, name))
	if err != nil {
		t.Fatalf("check %s: %v", name, err)
	}
	return m
}

func TestCheckGates(t *testing.T) {
	m := checkTestdata(t, "gates.mod")
	if m.Name != "gates" || m.Kind != KindDensity {
		t.Errorf("mechanism %s %v", m.Name, m.Kind)
	}
	if err := m.CanInstantiate(); err != nil {
		t.Errorf("CanInstantiate: %v", err)
	}
	tests := []struct {
		name      string
		kind      SymKind
		rng, glob bool
		ion       string
		role      IonRole
		current   bool
		def       float64
	}{
		{"gbar", SymParameter, true, false, "", IonNone, false, 0.12},
		{"q10", SymParameter, false, true, "", IonNone, false, 3},
		{"m", SymState, true, false, "", IonNone, false, 0},
		{"minf", SymAssigned, true, false, "", IonNone, false, 0},
		{"ena", SymAssigned, false, false, "na", IonErev, false, 0},
		{"ina", SymAssigned, false, false, "na", IonCurrent, true, 0},
		{"v", SymSpecial, false, false, "", IonNone, false, 0},
		{"celsius", SymSpecial, false, false, "", IonNone, false, 0},
	}
	for _, tc := range tests {
		s := m.Lookup(tc.name)
		if s == nil {
			t.Errorf("%s not found", tc.name)
			continue
		}
		ion := ""
		if s.Ion != nil {
			ion = s.Ion.Name
		}
		if s.Kind != tc.kind || s.Range != tc.rng || s.Global != tc.glob || ion != tc.ion ||
			s.IonRole != tc.role || s.Current != tc.current || s.Default != tc.def {
			t.Errorf("%s: got %+v", tc.name, s)
		}
	}
	if len(m.Currents) != 1 || m.Currents[0].Name != "ina" {
		t.Errorf("currents %v", m.Currents)
	}
	if len(m.Solves) != 1 || m.Solves[0].Method != "cnexp" || m.Solves[0].Block.Name.Name != "states" {
		t.Errorf("solves %+v", m.Solves)
	}
	rates := m.Funcs["rates"]
	if rates == nil || rates.Kind != FuncProcedure || rates.Table == nil || len(rates.TableSyms) != 4 ||
		rates.TableDepend[0].Name != "celsius" {
		t.Errorf("rates: %+v", rates)
	}
	if got := strings.Join(m.FuncNames(), " "); got != "rates trap" {
		t.Errorf("FuncNames = %q", got)
	}
	// every reference is resolved; the argument v of rates is not the
	// membrane potential
	for ref, s := range m.Refs {
		if ref.Name != s.Name {
			t.Errorf("%s resolved to %s", ref.Name, s.Name)
		}
	}
	var vArg int
	for ref, s := range m.Refs {
		if ref.Name == "v" && s.Kind == SymArg {
			vArg++
		}
	}
	if vArg != 4 {
		t.Errorf("v resolved to the argument %d times, want 4", vArg)
	}
}

func TestCheckSynapse(t *testing.T) {
	m := checkTestdata(t, "stpsyn.mod")
	if m.Kind != KindPointProcess || m.NetReceive == nil || m.NetInitial == nil {
		t.Fatalf("model %+v", m)
	}
	if len(m.Verbatims) != 1 || !m.Verbatims[0].ReturnGuard {
		t.Errorf("verbatims %+v", m.Verbatims)
	}
	if err := m.CanInstantiate(); err != nil {
		t.Errorf("CanInstantiate: %v", err)
	}
	if m.Lookup("A").Written != true {
		t.Errorf("A is written by NET_RECEIVE")
	}
}

func TestCheckMisc(t *testing.T) {
	m := checkTestdata(t, "misc.mod")
	if s := m.Lookup("FARADAY"); s == nil || s.Kind != SymConstant || s.Default != 1.602176634e-19*6.02214076e+23 {
		t.Errorf("FARADAY = %+v", s)
	}
	if s := m.Lookup("cai"); s.Kind != SymState || s.Ion == nil || s.IonRole != IonInside {
		t.Errorf("cai = %+v", s)
	}
	err := m.CanInstantiate()
	if err == nil || !strings.Contains(err.Error(), "mechanism misc cannot be instantiated: testdata/misc.mod:") {
		t.Fatalf("CanInstantiate = %v", err)
	}
	var reasons []string
	for _, e := range m.NotInstantiable {
		reasons = append(reasons, e.Error())
	}
	want := []string{
		"testdata/misc.mod:48:5: KINETIC block scheme is parsed but not compiled",
	}
	if strings.Join(reasons, "\n") != strings.Join(want, "\n") {
		t.Errorf("reasons:\n%s\nwant:\n%s", strings.Join(reasons, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckVerbatimNotInstantiable(t *testing.T) {
	src := `NEURON { ARTIFICIAL_CELL Gen  BBCOREPOINTER ptr }
ASSIGNED { ptr index }
INITIAL { index = 0 next() }
NET_RECEIVE (w) { net_event(t) }
PROCEDURE next() {
VERBATIM
  index += 1.;
ENDVERBATIM
  undeclared_in_nmodl = 2
}
`
	f, err := Parse("gen.mod", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Check(f)
	if err != nil {
		t.Fatalf("loading must succeed: %v", err)
	}
	err = m.CanInstantiate()
	want := "mechanism Gen cannot be instantiated: gen.mod:6: VERBATIM block (C code) cannot be run (and 1 more)"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0].Error(), "gen.mod:9:3: undeclared_in_nmodl undefined") {
		t.Errorf("warnings %v", m.Warnings)
	}
}

// TestCheckParameterAssignedInBreakpoint: nocmodl accepts assignments to
// PARAMETERs in any block (it only refuses t, dt, celsius, diam and area).
func TestCheckParameterAssignedInBreakpoint(t *testing.T) {
	src := `NEURON { SUFFIX p NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 1  gg = 2 }
ASSIGNED { i v }
BREAKPOINT { g = 2*g  gg = 3  i = g*v }
`
	f, err := Parse("p.mod", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Check(f)
	if err != nil {
		t.Fatalf("nocmodl accepts this file: %v", err)
	}
	if !m.Lookup("g").Written || !m.Lookup("gg").Global {
		t.Errorf("g written %v, gg global %v", m.Lookup("g").Written, m.Lookup("gg").Global)
	}
}

func TestCheckErrors(t *testing.T) {
	head := "NEURON { SUFFIX x NONSPECIFIC_CURRENT i }\nASSIGNED { i v }\n"
	tests := []struct {
		name, src, want string
	}{
		{"unknown name", head + "BREAKPOINT {\n  i = gbar*v\n}",
			"e.mod:4:7: undefined name gbar"},
		{"unknown function", head + "BREAKPOINT {\n  i = rate(v)\n}",
			"e.mod:4:7: undefined function rate"},
		{"state without derivative", head + "STATE { m h }\nBREAKPOINT { SOLVE s METHOD cnexp i = m*h }\nDERIVATIVE s {\n m' = -m\n}",
			"e.mod:3:11: STATE h has no derivative in DERIVATIVE block s that BREAKPOINT solves, and no other block changes it"},
		{"derivative of a non-state", head + "PARAMETER { a }\nSTATE { m }\nBREAKPOINT { SOLVE s METHOD cnexp i = m }\nDERIVATIVE s {\n m' = -m\n a' = 1\n}",
			"e.mod:8:2: a must be declared as a state variable"},
		{"no derivative equations", head + "STATE { m }\nBREAKPOINT { SOLVE s METHOD cnexp i = m }\nDERIVATIVE s {\n m = 1\n}",
			"e.mod:5:1: No derivative equations in DERIVATIVE block s"},
		{"assigning t", head + "BREAKPOINT {\n  t = 1\n  i = 0\n}",
			"e.mod:4:3: t is a special NEURON variable that should not be assigned a value in a model description file"},
		{"assigning celsius", head + "INITIAL {\n celsius = 6.3\n}",
			"e.mod:4:2: celsius is a special NEURON variable that should not be assigned a value in a model description file"},
		{"wrong method for a procedure", head + "BREAKPOINT { SOLVE p METHOD cnexp i = 0 }\nPROCEDURE p() { }",
			"e.mod:3:29: Method cnexp can't be used with Block p"},
		{"SOLVE of nothing", head + "BREAKPOINT { SOLVE q METHOD cnexp }",
			"e.mod:3:20: SOLVE q: no DERIVATIVE, KINETIC, LINEAR, NONLINEAR block or PROCEDURE of that name"},
		{"unknown method", head + "STATE { m }\nBREAKPOINT { SOLVE s METHOD magic }\nDERIVATIVE s { m' = 1 }",
			"e.mod:4:29: unknown integration method magic"},
		{"declared twice", head + "PARAMETER {\n a = 1\n a = 2\n}",
			"e.mod:5:2: a is declared twice (first as PARAMETER at e.mod:4:2)"},
		{"bad ion variable", "NEURON { SUFFIX x USEION na READ ena, nai WRITE ik }",
			"e.mod:1:49: ik is not a valid ionic variable for na"},
		{"array without index", head + "PARAMETER { d[3] }\nBREAKPOINT { i = d }",
			"e.mod:4:18: d is an array and needs an index"},
		{"index on scalar", head + "PARAMETER { d }\nBREAKPOINT { i = d[1] }",
			"e.mod:4:18: d is not an array"},
		{"argument count", head + "FUNCTION f(a, b) { f = a + b }\nBREAKPOINT { i = f(1) }",
			"e.mod:4:18: f takes 2 argument(s), called with 1"},
		{"builtin argument count", head + "BREAKPOINT { i = exp(1, 2) }",
			"e.mod:3:18: exp takes 1 argument(s), called with 2"},
		{"TABLE outside function", head + "BREAKPOINT {\n TABLE FROM 0 TO 1 WITH 2\n}",
			"e.mod:4:2: TABLE valid only for FUNCTION or PROCEDURE"},
		{"GLOBAL state", "NEURON { SUFFIX x GLOBAL m }\nSTATE { m }",
			"e.mod:1:26: m is a STATE variable and hence cannot be declared as GLOBAL"},
		{"variable and function", head + "PARAMETER { f }\nFUNCTION f() { f = 1 }",
			"e.mod:4:10: f is used as both variable and function"},
		{"flag outside NET_RECEIVE", head + "INITIAL { i = flag }",
			"e.mod:3:15: undefined name flag"},
		{"prime outside DERIVATIVE", head + "STATE { m }\nINITIAL { m' = 0 }",
			"e.mod:4:11: derivative m' outside a DERIVATIVE block"},
		{"reserved word", head + "PARAMETER { exp = 1 }",
			"e.mod:3:13: exp is a reserved word (a built-in function) and cannot be declared as PARAMETER"},
		{"constant assigned", head + "CONSTANT { k = 2 }\nINITIAL { k = 3 }",
			"e.mod:4:11: k is a constant and cannot be assigned"},
		{"net_send in BREAKPOINT", "NEURON { POINT_PROCESS x }\nBREAKPOINT { net_send(1, 1) }",
			"e.mod:2:14: net_send can only be called from NET_RECEIVE or INITIAL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("e.mod", []byte(tc.src))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			_, err = Check(f)
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("got %v, want an ErrorList", err)
			}
			if list[0].Error() != tc.want {
				t.Errorf("got  %s\nwant %s", list[0], tc.want)
			}
		})
	}
}

func TestCheckWarnsAboutExprelr(t *testing.T) {
	f, err := Parse("x.mod", []byte("NEURON { SUFFIX x RANGE y }\nASSIGNED { y v }\nBREAKPOINT {\n  y = exprelr(v)\n}"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Check(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 1 || !strings.HasPrefix(m.Warnings[0].Error(), "x.mod:4:7: exprelr is not provided by NEURON 8.2.2") {
		t.Errorf("warnings %v", m.Warnings)
	}
	if Exprelr(0) != 1 || Exprelr(1e-20) != 1 || Exprelr(2) != 2/(libm.Exp(2)-1) {
		t.Errorf("Exprelr values")
	}
}
