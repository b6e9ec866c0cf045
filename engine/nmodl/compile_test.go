package nmodl

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/internal/libm"
)

func compileSrc(t *testing.T, name, src string) *Program {
	t.Helper()
	f, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Check(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func compileTestdata(t *testing.T, name string) *Program {
	t.Helper()
	p, err := Compile(checkTestdata(t, name), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCnexpUpdateText(t *testing.T) {
	tests := []struct {
		eq, want string
	}{
		{"m' = (minf - m)/mtau",
			"m + (1. - exp(dt*(( ( ( - 1.0 ) ) ) / mtau)))*(- ( ( ( minf ) ) / mtau ) / ( ( ( ( - 1.0 ) ) ) / mtau ) - m)"},
		{"A' = -A/tau1",
			"A + (1. - exp(dt*(( - 1.0 ) / tau1)))*(- ( 0.0 ) / ( ( - 1.0 ) / tau1 ) - A)"},
		{"m' = k*2", "m - dt*(- ( ( k )*( 2.0 ) ) )"},
		{"m' = alpha*(1 - m) - beta*m",
			"m + (1. - exp(dt*(( alpha )*( ( ( - 1.0 ) ) ) - ( beta )*( 1.0 ))))*(- ( ( alpha )*( ( 1.0 ) ) ) / ( ( alpha )*( ( ( - 1.0 ) ) ) - ( beta )*( 1.0 ) ) - m)"},
		{"m' = -m*m", "m + (1. - exp(dt*((( - 1.0 )*( m ) + ( - m )*( 1.0 )))))*( - m)"},
		{"m' = f(v) - m/exp(v)",
			"m + (1. - exp(dt*(( - ( 1.0 ) / exp ( v ) ))))*(- ( f ( v ) ) / ( ( - ( 1.0 ) / exp ( v ) ) ) - m)"},
	}
	for _, tc := range tests {
		lhs, rhs, _ := strings.Cut(tc.eq, "=")
		x := strings.TrimSuffix(strings.TrimSpace(lhs), "'")
		e, err := parseExprText(rhs)
		if err != nil {
			t.Fatal(err)
		}
		got, ok, why := CnexpUpdate(x, e, func(r *VarRef) bool { return r.Name == x })
		if !ok || got != tc.want {
			t.Errorf("%s:\n got  %q (%v %s)\n want %q", tc.eq, got, ok, why, tc.want)
		}
	}
	for _, eq := range []string{"1/m", "exp(m)", "m^2", "m > 0", "f(m)"} {
		e, _ := parseExprText(eq)
		if _, ok, _ := CnexpUpdate("m", e, func(r *VarRef) bool { return r.Name == "m" }); ok {
			t.Errorf("m' = %s must not translate with cnexp", eq)
		}
	}
}

// TestGatesStep runs INITIAL, BREAKPOINT and one cnexp step of gates.mod
// with the table off and compares with the same formulas written in Go.
func TestGatesStep(t *testing.T) {
	p := compileTestdata(t, "gates.mod")
	m := p.NewMachine()
	set := func(name string, v float64) {
		off, ok := p.Slot(name)
		if !ok {
			t.Fatalf("no slot %s", name)
		}
		m.Frame[off] = v
	}
	get := func(name string) float64 {
		off, _ := p.Slot(name)
		return m.Frame[off]
	}
	set("usetable", 0)
	set("v", -65)
	set("celsius", 6.3)
	set("dt", 0.025)
	set("ena", 50)
	if _, err := p.Initial.Run(m); err != nil {
		t.Fatal(err)
	}
	trap := func(x, y float64) float64 {
		if math.Abs(x/y) < 1e-6 {
			return y * (1 - x/y/2)
		}
		return x / (libm.Exp(x/y) - 1)
	}
	rates := func(v, celsius float64) (minf, hinf, mtau, htau float64) {
		qt := math.Pow(3, (celsius-6.3)/10)
		a := 0.1 * trap(-(v+40), 10)
		b := 4 * libm.Exp(-(v+65)/18)
		mtau = 1 / (qt * (a + b))
		minf = a * mtau * qt
		a = 0.07 * libm.Exp(-(v+65)/20)
		b = 1 / (libm.Exp(-(v+35)/10) + 1)
		htau = 1 / (qt * (a + b))
		hinf = a * htau * qt
		return
	}
	minf, hinf, _, _ := rates(-65, 6.3)
	if get("m") != minf || get("h") != hinf {
		t.Fatalf("INITIAL: m=%v h=%v, want %v %v", get("m"), get("h"), minf, hinf)
	}
	if _, err := p.Current.Run(m); err != nil {
		t.Fatal(err)
	}
	if want := 0.12 * minf * minf * minf * hinf * (-65 - 50); get("ina") != want {
		t.Errorf("ina = %v, want %v", get("ina"), want)
	}
	if len(p.Currents) != 1 || p.Currents[0] != mustSlot(t, p, "ina") {
		t.Errorf("Currents = %v", p.Currents)
	}
	set("v", -20)
	m0, h0 := get("m"), get("h")
	if _, err := p.State.Run(m); err != nil {
		t.Fatal(err)
	}
	minf, hinf, mtau, htau := rates(-20, 6.3)
	dt := 0.025
	wantM := m0 + (1.-libm.Exp(dt*((-1.0)/mtau)))*(-(minf/mtau)/((-1.0)/mtau)-m0)
	wantH := h0 + (1.-libm.Exp(dt*((-1.0)/htau)))*(-(hinf/htau)/((-1.0)/htau)-h0)
	if get("m") != wantM || get("h") != wantH {
		t.Errorf("cnexp: m=%v h=%v, want %v %v", get("m"), get("h"), wantM, wantH)
	}
}

func mustSlot(t *testing.T, p *Program, name string) int {
	t.Helper()
	off, ok := p.Slot(name)
	if !ok {
		t.Fatalf("no slot %s", name)
	}
	return off
}

// TestTableLookup checks the TABLE semantics of nocmodl: 201 entries from
// -100 to 100, clamping outside, linear interpolation inside, rebuild when
// a DEPEND variable changes, direct computation when usetable is 0.
func TestTableLookup(t *testing.T) {
	p := compileTestdata(t, "gates.mod")
	m := p.NewMachine()
	cel := mustSlot(t, p, "celsius")
	mtau := mustSlot(t, p, "mtau")
	use := mustSlot(t, p, "usetable")
	if m.Frame[use] != 1 {
		t.Fatalf("usetable defaults to %v", m.Frame[use])
	}
	m.Frame[cel] = 6.3
	if err := p.CheckTables(m); err != nil {
		t.Fatal(err)
	}
	rates := p.Funcs["rates"]
	direct := func(v float64) float64 {
		m.Frame[use] = 0
		defer func() { m.Frame[use] = 1 }()
		if _, err := rates.Run(m, v); err != nil {
			t.Fatal(err)
		}
		return m.Frame[mtau]
	}
	tabled := func(v float64) float64 {
		if _, err := rates.Run(m, v); err != nil {
			t.Fatal(err)
		}
		return m.Frame[mtau]
	}
	// grid points: x_k accumulated from -100 by 1
	if got, want := tabled(-100), direct(-100); got != want {
		t.Errorf("at -100: %v, want %v", got, want)
	}
	if got, want := tabled(-150), direct(-100); got != want {
		t.Errorf("below the table: %v, want entry 0 = %v", got, want)
	}
	if got, want := tabled(250), direct(100); got != want {
		t.Errorf("above the table: %v, want entry 200 = %v", got, want)
	}
	lo, hi := direct(-30), direct(-29)
	xi := 1.0 * (-29.75 + 100)
	i := int(xi)
	want := lo + (xi-float64(i))*(hi-lo)
	if got := tabled(-29.75); got != want {
		t.Errorf("interpolated: %v, want %v", got, want)
	}
	// a DEPEND change rebuilds
	m.Frame[cel] = 30
	if err := p.CheckTables(m); err != nil {
		t.Fatal(err)
	}
	if got, want := tabled(-100), direct(-100); got != want {
		t.Errorf("after celsius change: %v, want %v", got, want)
	}
}

type eventLog struct{ calls []string }

func (e *eventLog) NetSend(d, f float64) { e.calls = append(e.calls, "send", ftoa(d), ftoa(f)) }
func (e *eventLog) NetEvent(t float64)   { e.calls = append(e.calls, "event", ftoa(t)) }
func (e *eventLog) NetMove(t float64)    { e.calls = append(e.calls, "move", ftoa(t)) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func TestNetReceive(t *testing.T) {
	p := compileTestdata(t, "stpsyn.mod")
	m := p.NewMachine()
	ev := &eventLog{}
	m.Events = ev
	tOff := mustSlot(t, p, "t")
	m.Frame[tOff] = 5
	args := []float64{0.01, 0, 0}
	if err := p.NetInitial.Receive(m, args, 0); err != nil {
		t.Fatal(err)
	}
	if args[1] != 1 || args[2] != 5 {
		t.Fatalf("NET_RECEIVE INITIAL: args %v", args)
	}
	if _, err := p.Initial.Run(m); err != nil {
		t.Fatal(err)
	}
	// the VERBATIM return guard stops the block for t < 0
	m.Frame[tOff] = -1
	before := append([]float64(nil), m.Frame...)
	if err := p.NetReceive.Receive(m, args, 0); err != nil {
		t.Fatal(err)
	}
	for i := range before {
		if before[i] != m.Frame[i] {
			t.Fatalf("guarded event changed slot %s", p.Slots[i].Name)
		}
	}
	m.Frame[tOff] = 10
	if err := p.NetReceive.Receive(m, args, 1); err != nil {
		t.Fatal(err)
	}
	factor := m.Frame[mustSlot(t, p, "factor")]
	w := 0.01 * 0.5 * 1 * factor
	if got := m.Frame[mustSlot(t, p, "A")]; got != w {
		t.Errorf("A = %v, want %v", got, w)
	}
	if args[1] != 1-0.5*1 || args[2] != 10 {
		t.Errorf("args after event: %v", args)
	}
	if err := p.NetReceive.Receive(m, args, 0); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ev.calls, " "); got != "send 0.5 2 event 10" {
		t.Errorf("event calls: %s", got)
	}
}

func TestFunctionsRecursionLoops(t *testing.T) {
	p := compileSrc(t, "f.mod", `
NEURON { SUFFIX f RANGE s }
PARAMETER { k = 3 }
ASSIGNED { s }
FUNCTION fact(n) {
    if (n <= 1) { fact = 1 } else { fact = n*fact(n - 1) }
}
FUNCTION fib(n) { LOCAL a, b, i, tmp
    a = 0 b = 1 i = 0
    while (i < n) { tmp = a + b a = b b = tmp i = i + 1 }
    fib = a
}
PROCEDURE sum(n) { LOCAL arr[4]
    s = 0
    FROM i = 0 TO n - 1 { arr[i] = i*k }
    FROM i = 0 TO 3 BY 2 { s = s + arr[i] }
}
FUNCTION logic(x) {
    logic = (x > 1 && x < 3) + 2*(x == 2 || !x) + 4*(-x^2 < -3)
}
`)
	m := p.NewMachine()
	run := func(name string, arg float64) float64 {
		v, err := p.Funcs[name].Run(m, arg)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := run("fact", 10); got != 3628800 {
		t.Errorf("fact(10) = %v", got)
	}
	if got := run("fib", 20); got != 6765 {
		t.Errorf("fib(20) = %v", got)
	}
	run("sum", 4)
	if got := m.Frame[mustSlot(t, p, "s")]; got != 0+2*3 {
		t.Errorf("sum: s = %v", got)
	}
	for x, want := range map[float64]float64{0: 2, 2: 1 + 2 + 4, 5: 4} {
		if got := run("logic", x); got != want {
			t.Errorf("logic(%v) = %v, want %v", x, got, want)
		}
	}
	if _, err := p.Funcs["fact"].Run(m, 1e7); err == nil || !strings.Contains(err.Error(), "recursion too deep") {
		t.Errorf("deep recursion: %v", err)
	}
	if _, err := p.Funcs["sum"].Run(m, 6); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("index out of range: %v", err)
	}
}

func TestReadsWrites(t *testing.T) {
	p := compileTestdata(t, "passive.mod")
	names := func(offs []int) string {
		var s []string
		for _, o := range offs {
			for _, sl := range p.Slots {
				if sl.Offset == o {
					s = append(s, sl.Name)
				}
			}
		}
		return strings.Join(s, " ")
	}
	if got := names(p.Current.Reads); got != "v g e i" {
		t.Errorf("reads %q", got)
	}
	if got := names(p.Current.Writes); got != "i" {
		t.Errorf("writes %q", got)
	}
	if p.State != nil || p.NetReceive != nil {
		t.Errorf("passive has no state or events")
	}
}

func TestConstantFolding(t *testing.T) {
	f, err := Parse("c.mod", []byte("UNITS { F = (faraday) (coulomb) }\nCONSTANT { two = 2 }\nASSIGNED { x }\nFUNCTION g() { g = exp(two*3)/F + x }"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Check(f)
	if err != nil {
		t.Fatal(err)
	}
	c := &compiler{m: m, p: &Program{byName: map[string]int{}}, genRefs: map[*VarRef]*Symbol{}, genCalls: map[*Call]*Func{}}
	c.layout()
	c.cur = c.newRoutine("g", nil)
	c.locals = map[*Symbol]int{}
	rhs := m.File.Procs[0].Body.Stmts[0].(*AssignStmt).RHS.(*Binary)
	_, k := c.exprConst(rhs.X)
	if k == nil || k.v != libm.Exp(6)/(1.602176634e-19*6.02214076e+23) {
		t.Errorf("exp(two*3)/F folded to %v", k)
	}
	if _, k := c.exprConst(rhs); k != nil {
		t.Errorf("an expression with x must not fold")
	}
}

func TestCompileRefusesUnsupported(t *testing.T) {
	f, _ := Parse("k.mod", []byte("NEURON { SUFFIX k }\nSTATE { a b }\nBREAKPOINT { SOLVE s METHOD runge }\nDERIVATIVE s { a' = -a*b  b' = a }"))
	m, err := Check(f)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(m, Options{})
	if err == nil || err.Error() != "mechanism k cannot be instantiated: k.mod:3: METHOD runge is not supported" {
		t.Errorf("got %v", err)
	}
	f, _ = Parse("n.mod", []byte("NEURON { SUFFIX n }\nSTATE { a }\nBREAKPOINT { SOLVE s METHOD cnexp }\nDERIVATIVE s {\n  a' = -exp(a)\n}"))
	m, _ = Check(f)
	p, err := Compile(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// nocmodl falls back to derivimplicit for a nonlinear cnexp block
	if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0].Error(), "n.mod:3:14: could not translate s using cnexp (the derivative of a' with respect to a cannot be formed); using derivimplicit") {
		t.Errorf("warnings %v", p.Warnings)
	}
	mach := p.NewMachine()
	mach.Frame[mustSlot(t, p, "dt")] = 0.1
	mach.Frame[mustSlot(t, p, "a")] = 1
	if _, err := p.State.Run(mach); err != nil {
		t.Fatal(err)
	}
	// backward Euler: a1 = 1 - 0.1*exp(a1)
	if a1 := mach.Frame[mustSlot(t, p, "a")]; math.Abs(a1-(1-0.1*libm.Exp(a1))) > 1e-8 {
		t.Errorf("a = %v does not solve a = 1 - 0.1*exp(a)", a1)
	}
	f, _ = Parse("c.mod", []byte("NEURON { SUFFIX c }\nSTATE { a }\nBREAKPOINT { SOLVE s METHOD cnexp }\nDERIVATIVE s {\n  a' = -a^2\n}"))
	m, _ = Check(f)
	_, err = Compile(m, Options{})
	if err == nil || err.Error() != "c.mod:5:3: nocmodl cannot translate operator ^ in a cnexp equation (NEURON 8.2.2 cannot build this file either)" {
		t.Errorf("got %v", err)
	}
}

func TestRunawayRecursionIsAnError(t *testing.T) {
	p := compileSrc(t, "r.mod", "NEURON { SUFFIX r }\nPROCEDURE loop() { loop() }")
	_, err := p.Funcs["loop"].Run(p.NewMachine())
	if err == nil || !strings.Contains(err.Error(), "r.mod:2:20: recursion too deep in loop") {
		t.Errorf("got %v", err)
	}
}

// TestInlinedFunctionsAgree compares inlined calls (plain-variable
// arguments) with framed calls (expression arguments) of the same
// one-line FUNCTIONs.
func TestInlinedFunctionsAgree(t *testing.T) {
	p := compileSrc(t, "i.mod", `
NEURON { SUFFIX i RANGE a, b, c, d }
PARAMETER { k = 2.1  vh = -18.5 }
ASSIGNED { v a b c d }
FUNCTION alf(x) { alf = k*exp((x - vh)/11.75) }
FUNCTION two(x, y) { two = x/y - y^2 }
BREAKPOINT {
    a = alf(v)
    b = alf(v + 0)
    c = two(v, k) + two(3, 4)
    d = two(v + 0, k + 0) + two(3 + 0, 4 + 0)
}
`)
	m := p.NewMachine()
	for _, v := range []float64{-80, -18.5, 0, 33.3} {
		m.Frame[mustSlot(t, p, "v")] = v
		if _, err := p.Current.Run(m); err != nil {
			t.Fatal(err)
		}
		a, b := m.Frame[mustSlot(t, p, "a")], m.Frame[mustSlot(t, p, "b")]
		c, d := m.Frame[mustSlot(t, p, "c")], m.Frame[mustSlot(t, p, "d")]
		if a != b || c != d || a != 2.1*libm.Exp((v+18.5)/11.75) {
			t.Errorf("v=%v: inlined %v %v, framed %v %v", v, a, c, b, d)
		}
	}
	if n := len(p.Current.calls); n != 2 {
		t.Errorf("BREAKPOINT makes %d framed calls, want 2 (constant and plain-variable arguments are inlined)", n)
	}
}

// TestDerivimplicit checks the backward Euler step solved by Newton's
// method: for a linear equation it must give the closed-form backward
// Euler value (to rounding), for a nonlinear pair it must satisfy the
// implicit equations.
func TestDerivimplicit(t *testing.T) {
	p := compileSrc(t, "d.mod", `
NEURON { SUFFIX d }
PARAMETER { tau = 2  minf = 0.7 }
STATE { m a b }
BREAKPOINT { SOLVE s METHOD derivimplicit }
DERIVATIVE s {
    m' = (minf - m)/tau
    a' = -a*b
    b' = a
}
`)
	mach := p.NewMachine()
	dt := 0.1
	mach.Frame[mustSlot(t, p, "dt")] = dt
	set := func(n string, v float64) { mach.Frame[mustSlot(t, p, n)] = v }
	get := func(n string) float64 { return mach.Frame[mustSlot(t, p, n)] }
	set("m", 0.1)
	set("a", 1)
	set("b", 0.5)
	if _, err := p.State.Run(mach); err != nil {
		t.Fatal(err)
	}
	wantM := (0.1 + dt*0.7/2) / (1 + dt/2)
	if math.Abs(get("m")-wantM) > 1e-12 {
		t.Errorf("m = %.17g, backward Euler gives %.17g", get("m"), wantM)
	}
	a, b := get("a"), get("b")
	if r1, r2 := -a*b-(a-1)/dt, a-(b-0.5)/dt; math.Abs(r1) > 1e-8 || math.Abs(r2) > 1e-8 {
		t.Errorf("implicit equations not satisfied: residuals %g %g (a=%v b=%v)", r1, r2, a, b)
	}
}

// TestProgramSharedAcrossGoroutines runs one Program on several Machines
// at once (run with -race): a Program holds no per-run state.
func TestProgramSharedAcrossGoroutines(t *testing.T) {
	p := compileTestdata(t, "gates.mod")
	done := make(chan [2]float64)
	for g := 0; g < 4; g++ {
		go func() {
			m := p.NewMachine()
			m.Frame[mustSlot(t, p, "celsius")] = 6.3
			m.Frame[mustSlot(t, p, "dt")] = 0.025
			m.Frame[mustSlot(t, p, "v")] = -65
			if err := p.CheckTables(m); err != nil {
				t.Error(err)
			}
			if _, err := p.Initial.Run(m); err != nil {
				t.Error(err)
			}
			for i := 0; i < 100; i++ {
				m.Frame[mustSlot(t, p, "v")] = -30
				_, _ = p.Current.Run(m)
				_, _ = p.State.Run(m)
			}
			done <- [2]float64{m.Frame[mustSlot(t, p, "m")], m.Frame[mustSlot(t, p, "h")]}
		}()
	}
	first := <-done
	for g := 1; g < 4; g++ {
		if got := <-done; got != first {
			t.Errorf("machines disagree: %v vs %v", got, first)
		}
	}
}
