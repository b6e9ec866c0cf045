package nmodl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parseTestdata(t *testing.T, name string) *File {
	t.Helper()
	path := filepath.Join("testdata", name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(path, src)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return f
}

func TestParseDeclarations(t *testing.T) {
	f := parseTestdata(t, "gates.mod")
	nb := f.Neuron
	if nb == nil || nb.Kind != KindDensity || nb.Name.Name != "gates" || !nb.Threadsafe {
		t.Fatalf("NEURON block: %+v", nb)
	}
	if len(nb.Ions) != 1 || nb.Ions[0].Ion.Name != "na" || len(nb.Ions[0].Read) != 1 || nb.Ions[0].Write[0].Name != "ina" {
		t.Errorf("USEION: %+v", nb.Ions)
	}
	if got := idents(nb.Range); got != "gbar minf hinf mtau htau" {
		t.Errorf("RANGE = %q", got)
	}
	if len(f.Parameters) != 3 {
		t.Fatalf("got %d parameters", len(f.Parameters))
	}
	g := f.Parameters[0]
	if g.Name != "gbar" || *g.Value != 0.12 || g.Units != "mho/cm2" || g.Limits == nil || g.Limits[1] != 1e9 {
		t.Errorf("gbar: %+v", g)
	}
	if vh := f.Parameters[2]; vh.Name != "vhalf" || vh.Size != 2 || vh.Value != nil || vh.Units != "mV" {
		t.Errorf("vhalf: %+v", vh)
	}
	if len(f.States) != 2 || f.States[1].Name != "h" {
		t.Errorf("states: %+v", f.States)
	}
	// "mtau (ms) htau (ms)" on one line are two declarations
	var names []string
	for _, a := range f.Assigned {
		names = append(names, a.Name+"("+a.Units+")")
	}
	if got := strings.Join(names, " "); got != "v(mV) celsius(degC) ena(mV) ina(mA/cm2) minf() hinf() mtau(ms) htau(ms)" {
		t.Errorf("assigned: %s", got)
	}
	if len(f.UnitDefs) != 2 || f.UnitDefs[0].Name != "mV" || f.UnitDefs[0].Def != "millivolt" {
		t.Errorf("units: %+v", f.UnitDefs)
	}
}

func idents(ids []Ident) string {
	var s []string
	for _, id := range ids {
		s = append(s, id.Name)
	}
	return strings.Join(s, " ")
}

func TestParseBlocks(t *testing.T) {
	f := parseTestdata(t, "gates.mod")
	var kinds []string
	for _, p := range f.Procs {
		kinds = append(kinds, p.Kind.String()+":"+p.Name.Name)
	}
	if got := strings.Join(kinds, " "); got != "INITIAL: BREAKPOINT: DERIVATIVE:states PROCEDURE:rates FUNCTION:trap" {
		t.Fatalf("blocks: %s", got)
	}
	bp := f.Procs[1]
	solve, ok := bp.Body.Stmts[0].(*SolveStmt)
	if !ok || solve.Name.Name != "states" || solve.Method.Name != "cnexp" {
		t.Errorf("SOLVE: %+v", bp.Body.Stmts[0])
	}
	der := f.Procs[2].Body
	as, ok := der.Stmts[1].(*AssignStmt)
	if !ok || as.LHS.Name != "m" || as.LHS.Prime != 1 || as.Pos.Line != 45 || as.Pos.Col != 5 {
		t.Errorf("m' statement: %+v", der.Stmts[1])
	}
	rates := f.Procs[3]
	if len(rates.Args) != 1 || rates.Args[0].Units != "mV" || len(rates.Body.Locals) != 3 {
		t.Errorf("rates header: %+v %+v", rates.Args, rates.Body.Locals)
	}
	tab, ok := rates.Body.Stmts[0].(*TableStmt)
	if !ok || idents(tab.Names) != "minf hinf mtau htau" || idents(tab.Depend) != "celsius" || tab.With != 200 {
		t.Fatalf("TABLE: %+v", rates.Body.Stmts[0])
	}
	if u, ok := tab.From.(*Unary); !ok || u.Op != "-" {
		t.Errorf("TABLE FROM: %#v", tab.From)
	}
	trap := f.Procs[4]
	ifs, ok := trap.Body.Stmts[0].(*IfStmt)
	if !ok || ifs.Else == nil {
		t.Fatalf("if/else: %+v", trap.Body.Stmts[0])
	}
}

func TestParseNetReceive(t *testing.T) {
	f := parseTestdata(t, "stpsyn.mod")
	if f.Neuron.Kind != KindPointProcess || f.Neuron.Name.Name != "StpSyn" {
		t.Fatalf("kind %v %s", f.Neuron.Kind, f.Neuron.Name.Name)
	}
	var nr *Proc
	for _, p := range f.Procs {
		if p.Kind == ProcNetReceive {
			nr = p
		}
	}
	if nr == nil || len(nr.Args) != 3 || nr.Args[0].Units != "uS" || nr.Args[2].Name != "tlast" {
		t.Fatalf("NET_RECEIVE: %+v", nr)
	}
	if _, ok := nr.Body.Stmts[0].(*NetInitialStmt); !ok {
		t.Errorf("first statement %T, want the NET_RECEIVE INITIAL block", nr.Body.Stmts[0])
	}
	guard := nr.Body.Stmts[1].(*IfStmt)
	v, ok := guard.Then.Stmts[0].(*VerbatimStmt)
	if !ok || strings.TrimSpace(v.Text) != "return;" || v.Pos.Line != 68 || v.Pos.Col != 5 {
		t.Errorf("VERBATIM: %+v", guard.Then.Stmts[0])
	}
	last := nr.Body.Stmts[len(nr.Body.Stmts)-1].(*IfStmt)
	elseIf, ok := last.Else.Stmts[0].(*IfStmt)
	if !ok {
		t.Fatalf("else if: %+v", last.Else)
	}
	if c := elseIf.Then.Stmts[0].(*CallStmt).Call; c.Name != "net_event" || len(c.Args) != 1 {
		t.Errorf("net_event call: %+v", c)
	}
}

func TestParseMisc(t *testing.T) {
	f := parseTestdata(t, "misc.mod")
	if f.Title != "assorted syntax: loops, recursion, kinetic scheme, unit factors" {
		t.Errorf("title %q", f.Title)
	}
	if len(f.Independent) != 1 || f.Independent[0].Units != "ms" || f.Independent[0].With != 1 {
		t.Errorf("independent: %+v", f.Independent)
	}
	sh := f.States[1]
	if sh.Name != "shell" || sh.Size != 4 || sh.Tol == nil || *sh.Tol != 1e-6 {
		t.Errorf("shell: %+v", sh)
	}
	if len(f.UnitFactors) != 2 || f.UnitFactors[0].From != "faraday" || f.UnitFactors[0].To != "coulomb" ||
		*f.UnitFactors[1].Value != 8.314 {
		t.Errorf("factors: %+v %+v", f.UnitFactors[0], f.UnitFactors[1])
	}
	if v := f.Neuron.Ions[0].Valence; v == nil || *v != 2 {
		t.Errorf("valence: %v", v)
	}
	var kin *Proc
	for _, p := range f.Procs {
		if p.Kind == ProcKinetic {
			kin = p
		}
	}
	st := kin.Body.Stmts
	if c := st[1].(*CompartmentStmt); c.Index == nil || c.Index.Name != "i" || idents(c.Names) != "shell" {
		t.Errorf("COMPARTMENT: %+v", c)
	}
	r := st[2].(*ReactionStmt)
	if r.Op != "<->" || r.Left[0].Var.Name != "C" || r.Right[0].Var.Name != "O" || r.Rate2 == nil {
		t.Errorf("reaction: %+v", r)
	}
	if r := st[3].(*ReactionStmt); r.Op != "<<" {
		t.Errorf("flux: %+v", r)
	}
	if c := st[5].(*ConserveStmt); len(c.Terms) != 2 {
		t.Errorf("CONSERVE: %+v", c)
	}
}

// TestParseExprShape checks precedence: unary minus binds looser than ^,
// ^ is right associative, relational operators bind looser than + -.
func TestParseExprShape(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a + b*c - d", "((a + (b * c)) - d)"},
		{"-x^2", "(-(x ^ 2))"},
		{"a^b^c", "(a ^ (b ^ c))"},
		{"2^-1", "(2 ^ (-1))"},
		{"a/b*c", "((a / b) * c)"},
		{"a < b + 1 && !c || d == e", "(((a < (b + 1)) && (!c)) || (d == e))"},
		{"-(b)/(a)", "((-(b)) / (a))"},
		{"f(x, 2 (mV))*3", "(f(x, 2) * 3)"},
		{"s[i+1]", "s[(i + 1)]"},
	}
	for _, tc := range tests {
		src := "FUNCTION f(x) { f = " + tc.src + " }"
		file, err := Parse("e.mod", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		as := file.Procs[0].Body.Stmts[0].(*AssignStmt)
		if got := FormatExpr(as.RHS); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown top level", "NEURON { SUFFIX a }\nFOO { }", "e.mod:2:1: expected a block keyword, found 'FOO'"},
		{"missing brace", "PARAMETER\n  a = 1", "e.mod:2:3: expected '{' after PARAMETER, found 'a'"},
		{"bad NEURON statement", "NEURON {\n  SUFIX hh\n}", "e.mod:2:3: unknown NEURON block statement SUFIX"},
		{"USEION without READ", "NEURON { USEION na ina }", "e.mod:1:20: expected READ or WRITE after USEION na, found 'ina'"},
		{"unclosed block", "BREAKPOINT {\n i = 1\n", "e.mod:1:12: block has no closing '}'"},
		{"bad expression", "BREAKPOINT {\n  i = * 2\n}", "e.mod:2:7: expected an expression, found '*'"},
		{"missing =", "INITIAL {\n  m 1\n}", "e.mod:2:5: expected '=' after m, found '1'"},
		{"FROM without variable", "INITIAL { FROM = 1 }", "e.mod:1:16: expected a name as loop variable, found '='"},
		{"keyword as variable", "INITIAL {\n TO = 1 }", "e.mod:2:2: unexpected keyword TO in a statement"},
		{"units not closed", "PARAMETER { a = 1 (mV\n}", "e.mod:1:19: units have no closing ')'"},
		{"NET_RECEIVE without args", "NET_RECEIVE () { }", "e.mod:1:1: NET_RECEIVE block must have at least one argument"},
		{"bad SOLVE method", "BREAKPOINT { SOLVE s METHOD }", "e.mod:1:29: expected a name as integration method, found '}'"},
		{"LOCAL after statement", "INITIAL {\n a = 1\n LOCAL b\n}", "e.mod:3:2: LOCAL must come before the first statement of a block"},
		{"TABLE without WITH number", "FUNCTION f(x) { TABLE FROM 0 TO 1 WITH n }", "e.mod:1:40: expected an integer after WITH, found 'n'"},
		{"array size zero", "PARAMETER { d[0] }", "e.mod:1:13: array size of d must be > 0"},
		{"bad reaction", "KINETIC k {\n ~ a = b\n}", "e.mod:2:6: expected '<->', '<<' or '->' in reaction, found '='"},
		{"absurd nesting", "FUNCTION f() { f = " + strings.Repeat("(", 5000) + "1 }", "e.mod:1:1019: nesting deeper than 1000 levels"},
		{"long power chain", "FUNCTION f() { f = " + strings.Repeat("2^", 3000) + "1 }", "e.mod:1:2018: nesting deeper than 1000 levels"},
		{"stray character", "NEURON { SUFFIX a }\n#", "e.mod:2:1: unexpected character '#'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("e.mod", []byte(tc.src))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
		})
	}
}
