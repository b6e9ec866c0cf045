package hoc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sexpr renders an AST compactly so tests can state the expected shape.
func sexpr(n Node) string {
	list := func(head string, parts ...string) string {
		return "(" + strings.Join(append([]string{head}, parts...), " ") + ")"
	}
	exprs := func(xs []Expr) []string {
		var out []string
		for _, x := range xs {
			out = append(out, sexpr(x))
		}
		return out
	}
	opt := func(n Node) string {
		if n == nil || fmt.Sprint(n) == "<nil>" {
			return "_"
		}
		return sexpr(n)
	}
	switch n := n.(type) {
	case *NumberLit:
		return fmt.Sprint(n.Value)
	case *StringLit:
		return fmt.Sprintf("%q", n.Value)
	case *Name:
		return n.Name
	case *Index:
		return list("idx", append([]string{sexpr(n.X)}, exprs(n.Indexes)...)...)
	case *Field:
		return list(".", sexpr(n.X), n.Name)
	case *Call:
		parts := append([]string{sexpr(n.Fun)}, exprs(n.Args)...)
		if n.Span != nil {
			parts = append(parts, sexpr(n.Span.From)+":"+sexpr(n.Span.To))
		}
		return list("call", parts...)
	case *ArgRef:
		if n.Kind == 'n' {
			return fmt.Sprintf("$%d", n.N)
		}
		return fmt.Sprintf("$%c%d", n.Kind, n.N)
	case *Unary:
		return list(n.Op, sexpr(n.X))
	case *Binary:
		return list(n.Op, sexpr(n.X), sexpr(n.Y))
	case *Assign:
		if n.RHS2 != nil {
			return list(n.Op, sexpr(n.LHS), sexpr(n.RHS)+":"+sexpr(n.RHS2))
		}
		return list(n.Op, sexpr(n.LHS), sexpr(n.RHS))
	case *NewExpr:
		return list("new", append([]string{n.Class}, exprs(n.Args)...)...)
	case *AddrOf:
		return list("&", sexpr(n.X))
	case *ExprStmt:
		return sexpr(n.X)
	case *Block:
		var parts []string
		for _, s := range n.Stmts {
			parts = append(parts, sexpr(s))
		}
		return list("block", parts...)
	case *If:
		return list("if", sexpr(n.Cond), sexpr(n.Then), opt(n.Else))
	case *While:
		return list("while", sexpr(n.Cond), sexpr(n.Body))
	case *CFor:
		return list("for", opt(n.Init), sexpr(n.Cond), opt(n.Post), sexpr(n.Body))
	case *ForRange:
		return list("for=", sexpr(n.Var), sexpr(n.From), sexpr(n.To), sexpr(n.Body))
	case *ForSeg:
		return list("forseg", sexpr(n.Var), opt(n.Ends), sexpr(n.Body))
	case *Forall:
		return list("forall", sexpr(n.Body))
	case *Forsec:
		return list("forsec", sexpr(n.Arg), sexpr(n.Body))
	case *Ifsec:
		return list("ifsec", sexpr(n.Arg), sexpr(n.Body))
	case *Print:
		return list("print", exprs(n.Items)...)
	case *Return:
		return list("return", opt(n.Value))
	case *Break:
		return "break"
	case *Continue:
		return "continue"
	case *Stop:
		return "stop"
	case *ProcDef:
		return list(n.Kind, n.Name, "["+strings.Join(n.Locals, ",")+"]", "["+strings.Join(n.LocalObjs, ",")+"]", sexpr(n.Body))
	case *BeginTemplate:
		return list("begintemplate", n.Name)
	case *EndTemplate:
		return list("endtemplate", n.Name, "["+strings.Join(n.Order, ",")+"]")
	case *Public:
		return list("public", n.Names...)
	case *External:
		return list("external", n.Names...)
	case *Decl:
		var parts []string
		for _, it := range n.Items {
			s := it.Name
			for _, d := range it.Dims {
				s += "[" + sexpr(d) + "]"
			}
			parts = append(parts, s)
		}
		return list(n.Kind, parts...)
	case *Connect:
		if n.Parent != nil {
			return list("connect", sexpr(n.Child), opt(n.ChildX), sexpr(n.Parent), sexpr(n.ParentX))
		}
		return list("connect", sexpr(n.Child), opt(n.ChildX), sexpr(n.ParentX))
	case *Access:
		return list("access", sexpr(n.Sec))
	case *Insert:
		return list("insert", n.Mech)
	case *Uninsert:
		return list("uninsert", n.Mech)
	case *SecStmt:
		return list("sec", sexpr(n.Sec), sexpr(n.Body))
	case *Delete:
		return list("delete", n.Name)
	}
	return fmt.Sprintf("?%T", n)
}

func parseSexpr(t *testing.T, src string) string {
	t.Helper()
	f, err := Parse("t.hoc", src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	var parts []string
	for _, s := range f.Stmts {
		parts = append(parts, sexpr(s))
	}
	return strings.Join(parts, " ")
}

func TestParse(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"x = 1 + 2 * 3", "(= x (+ 1 (* 2 3)))"},
		{"x = -2^2", "(= x (- (^ 2 2)))"},
		{"x = 2^3^2", "(= x (^ 2 (^ 3 2)))"},
		{"x = 2^-1*4", "(= x (* (^ 2 (- 1)) 4))"},
		{"x = a < b == c", "(= x (== (< a b) c))"},
		{"x = !a && b || c", "(= x (|| (&& (! a) b) c))"},
		{"x = y = 3", "(= x (= y 3))"},
		{"x += 1", "(+= x 1)"},
		{"a[1][2] = $1", "(= (idx a 1 2) $1)"},
		{"s = $s2", "(= s $s2)"},
		{"o = $o1.f(1, \"a\")", "(= o (call (. $o1 f) 1 \"a\"))"},
		{"o = new Vector(3)", "(= o (new Vector 3))"},
		{"f(new Foo(), &x)", "(call f (new Foo) (& x))"},
		{"x = 1e3 + .5 + 2.", "(= x (+ (+ 1000 0.5) 2))"},
		{"// comment\n/* block\ncomment */ x = 1", "(= x 1)"},
		{"x = 1 \\\n + 2", "(= x (+ 1 2))"},
		{"{ a = 1 b = 2 }", "(block (= a 1) (= b 2))"},
		{"if (x) y = 1 else y = 2", "(if x (= y 1) (= y 2))"},
		{"if (x) { y = 1 } else if (z) { y = 2 }", "(if x (block (= y 1)) (if z (block (= y 2)) _))"},
		{"while (i < 3) i += 1", "(while (< i 3) (+= i 1))"},
		{"for (i = 0; i < 3; i += 1) print i", "(for (= i 0) (< i 3) (+= i 1) (print i))"},
		{"for (; i < 3;) break", "(for _ (< i 3) _ break)"},
		{"for i = 1, n { continue }", "(for= i 1 n (block continue))"},
		{"for (x) print x", "(forseg x _ (print x))"},
		{"for (x, 0) print x", "(forseg x 0 (print x))"},
		{"forall insert pas", "(forall (insert pas))"},
		{"forsec \"dend\" nseg = 3", "(forsec \"dend\" (= nseg 3))"},
		{"forsec sl { uninsert hh }", "(forsec sl (block (uninsert hh)))"},
		{"ifsec \"soma\" print 1", "(ifsec \"soma\" (print 1))"},
		{"print \"a\", x, s", "(print \"a\" x s)"},
		{"proc f() { local a, b localobj o\n return }", "(proc f [a,b] [o] (block (return _)))"},
		{"func g() { return $1 * 2 }", "(func g [] [] (block (return (* $1 2))))"},
		{"obfunc h() { return new Vector() }", "(obfunc h [] [] (block (return (new Vector))))"},
		{"objref a, b[3]\nobjectvar c", "(objref a b[3]) (objref c)"},
		{"strdef s, t", "(strdef s t)"},
		{"double x[3], m[2][n]", "(double x[3] m[2][n])"},
		{"create soma, dend[2]", "(create soma dend[2])"},
		{"connect dend(0), soma(1)", "(connect dend 0 soma 1)"},
		{"connect dend[i](0), soma[0](0.5)", "(connect (idx dend i) 0 (idx soma 0) 0.5)"},
		{"connect dend(0), 1", "(connect dend 0 1)"},
		{"connect c.dend(0), c.soma(1)", "(connect (. c dend) 0 (. c soma) 1)"},
		{"access soma", "(access soma)"},
		{"soma { nseg = 3 diam = 2 }", "(sec soma (block (= nseg 3) (= diam 2)))"},
		{"soma[0] insert hh", "(sec (idx soma 0) (insert hh))"},
		{"dend[i] for (x) g_pas(x) = x", "(sec (idx dend i) (forseg x _ (= (call g_pas x) x)))"},
		{"soma all.append()", "(sec soma (call (. all append)))"},
		{"cell.soma L = 3", "(sec (. cell soma) (= L 3))"},
		{"soma noise = new Gfluct2(0.5)", "(sec soma (= noise (new Gfluct2 0.5)))"},
		{"soma.L = 10", "(= (. soma L) 10)"},
		{"gbar_x(0.3) = 1", "(= (call gbar_x 0.3) 1)"},
		{"diam(0:1) = 2:4", "(= (call diam 0:1) 2:4)"},
		{"soma distance(0, 0.5)", "(sec soma (call distance 0 0.5))"},
		{"pt3dclear() pt3dadd(0, 0, 0, 1)", "(call pt3dclear)"},
		{"begintemplate A\npublic x, f\nexternal g\nx = 1\nendtemplate A",
			"(begintemplate A) (public x f) (external g) (= x 1) (endtemplate A [x,f,g])"},
		{"delete x", "(delete x)"},
		{"stop", "stop"},
	}
	for _, tt := range tests {
		if tt.src == "pt3dclear() pt3dadd(0, 0, 0, 1)" {
			// two statements on one top-level line are a syntax error
			if _, err := Parse("t.hoc", tt.src); err == nil {
				t.Errorf("%q: want a syntax error", tt.src)
			}
			continue
		}
		if got := parseSexpr(t, tt.src); got != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"x = 1; y = 2", "t.hoc:1:6: syntax error: unexpected ';'"},
		{"x = 3 y = 4", "t.hoc:1:7: syntax error: unexpected 'y'"},
		{"if (a) {\n}\nelse { }", "t.hoc:3:1: syntax error: 'else' without 'if' (else must follow the if statement on the same line)"},
		{"if (a)\n{ }", "t.hoc:1:7: syntax error: unexpected end of line"},
		{"proc f() {\n local i\n}", "t.hoc:2:2: 'local' must follow the '{' of a proc or func on the same line"},
		{"x = (1 + 2", "t.hoc:1:11: syntax error: expected ')', found end of file"},
		{"x = \"abc", "t.hoc:1:5: missing quote"},
		{"/* open", "t.hoc:1:1: comment not closed"},
		{"x = $0", "t.hoc:1:5: strange $... (expected $1, $s1, $o1 or $&1)"},
		{"{ x = 1", "t.hoc:1:1: missing '}' for this '{'"},
		{"for (;;) { }", "t.hoc:1:7: syntax error: unexpected ';'"},
		{"x = \"a\" == \"b\"", "t.hoc:1:5: syntax error: a string cannot be an operand"},
		{"begintemplate A\nbegintemplate B", "t.hoc:2:1: nested templates are not supported"},
		{"begintemplate A\nendtemplate B", "t.hoc:2:13: endtemplate B does not match begintemplate A"},
		{"begintemplate A\nx = 1", "t.hoc:1:15: template A has no endtemplate"},
		{"public x", "t.hoc:1:1: 'public' outside a template"},
		{"{ proc f() { } }", "t.hoc:1:3: proc definitions are allowed only at top level"},
		{"x = new Vector(1:2)", "t.hoc:1:5: syntax error: x1:x2 is not an argument of new"},
		{"f(1) = 2 = 3", "t.hoc:1:10: syntax error: cannot assign to this expression"},
		{"for i += 1, 3 { }", "t.hoc:1:7: invalid assignment operator: only '=' allowed in for var = a, b"},
		{"double x", "t.hoc:1:9: syntax error: double needs dimensions, e.g. double x[3]"},
		{"x = y z", "t.hoc:1:7: syntax error: unexpected 'z'"},
		{"setpointer a, b", "t.hoc:1:1: setpointer is not supported"},
		{"iterator it() { }", "t.hoc:1:1: iterator definitions is not supported"},
		{"for it(1) { }", "t.hoc:1:5: iterator loops (for name(...) stmt) are not supported"},
		{"x = 1 @", "t.hoc:1:7: syntax error: unexpected '@'"},
		{"x = if", "t.hoc:1:5: syntax error: unexpected keyword 'if'"},
		{"x = new", "t.hoc:1:8: syntax error: expected a template name after new"},
		{"new Vector()", "t.hoc:1:1: syntax error: 'new' must be assigned to an object reference"},
		{"x = 1\n\n  y = (2 +)", "t.hoc:3:11: syntax error: unexpected ')'"},
	}
	for _, tt := range tests {
		_, err := Parse("t.hoc", tt.src)
		if err == nil {
			t.Errorf("%q: no error, want %q", tt.src, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%q\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestLexer(t *testing.T) {
	toks, err := newLexer("l.hoc", "x1 = 2.5e-3 // c\n\t$o2.a[1] >= \"q\\tz\" != $s1 $i $&3 /* m\n */ += .5 .").all()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range toks {
		s := fmt.Sprintf("%d:%d ", tk.pos.Line, tk.pos.Col)
		switch tk.kind {
		case tNumber:
			s += fmt.Sprintf("num %g", tk.num)
		case tString:
			s += fmt.Sprintf("str %q", tk.text)
		case tArg:
			s += fmt.Sprintf("arg %c%d", tk.argKind, tk.argN)
		case tNewline:
			s += "nl"
		case tEOF:
			s += "eof"
		default:
			s += tk.text
		}
		got = append(got, s)
	}
	want := []string{
		"1:1 x1", "1:4 =", "1:6 num 0.0025", "1:13 nl",
		"2:2 arg o2", "2:5 .", "2:6 a", "2:7 [", "2:8 num 1", "2:9 ]", "2:11 >=", `2:14 str "q\tz"`,
		"2:21 !=", "2:24 arg s1", "2:28 arg n0", "2:31 arg &3", "3:5 +=", "3:8 num 0.5", "3:11 .", "3:12 eof",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens\n got %v\nwant %v", got, want)
	}
}

// TestParseTestdata parses every .hoc file under testdata.
func TestParseTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.hoc")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(f, string(src)); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.hoc")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err == nil {
			f.Add(string(src))
		}
	}
	f.Add("x = 1 + 2 * 3\nfor (x, 0) { g_pas(x) = x }\n")
	f.Add("connect a(0), b(1)\nsoma { insert hh }\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse("fuzz.hoc", src)
		if err != nil {
			var he *Error
			if !errorsAs(err, &he) {
				t.Fatalf("parse error without position: %v", err)
			}
			return
		}
		for _, s := range file.Stmts {
			_ = sexpr(s)
		}
	})
}
