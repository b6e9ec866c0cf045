package hoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInterpOutput(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"top-level expression prints", "x = 2\nx\n", "\t2 \n"},
		{"proc call prints nothing", "proc p() { }\np()\n", ""},
		{"func call prints", "func f() { return 3 }\nf()\n", "\t3 \n"},
		{"and/or evaluate both sides", "func s() { n += 1 return 0 }\nx = s() && s()\nprint n\n", "2 \n"},
		{"recursion", "func r() { if ($1 == 0) return 0\n return 1 + r($1 - 1) }\nprint r(50)\n", "50 \n"},
		{"$i argument", "proc p() { local i\n for i = 1, numarg() print $i }\np(4, 5)\n", "4 \n5 \n"},
		{"local shadows global", "i = 7\nproc p() { local i\n i = 1 }\np()\nprint i\n", "7 \n"},
		{"localobj", "obfunc mk() { localobj v\n v = new Vector(2)\n return v }\nobjref o\no = mk()\nprint o.size()\n", "2 \n"},
		{"$o assignment reaches caller", "objref o\nproc p() { $o1 = new Vector(4) }\np(o)\nprint o.size()\n", "4 \n"},
		{"break leaves only inner loop", "for i = 0, 2 { for j = 0, 5 { if (j == 1) break\n print i, j } }\n", "0 0 \n1 0 \n2 0 \n"},
		{"return from nested loops", "func f() { for i = 0, 9 { for j = 0, 9 { if (i * j == 6) return i * 10 + j } }\n return -1 }\nprint f()\n", "16 \n"},
		{"stop ends the file", "print 1\nstop\nprint 2\n", "1 \n"},
		{"sprint", "strdef s\nsprint(s, \"%d-%s\", 7, \"x\")\nprint s\n", "\t1 \n7-x\n"},
		{"template instance names", "begintemplate T\nendtemplate T\nobjref a, b\na = new T()\nb = new T()\nprint a, b\n", "T[0] T[1] \n"},
		{"template vars are per instance", "begintemplate T\npublic x\nproc init() { x = $1 }\nendtemplate T\nobjref a, b\na = new T(1)\nb = new T(2)\nprint a.x, b.x\n", "1 2 \n"},
		{"vars assigned in unrun procs exist", "begintemplate T\npublic get\nfunc get() { return y }\nproc set() { y = 1 }\nendtemplate T\nobjref a\na = new T()\nprint a.get()\n", "0 \n"},
		{"object arrays", "objref vs[3]\nfor i = 0, 2 vs[i] = new Vector(i)\nprint vs[2].size(), vs[0].size()\n", "2 0 \n"},
		{"Random configuration", "objref r\nr = new Random()\nr.Random123(1, 2)\nr.normal(0, 1)\nprint r\n", "\t0 \nRandom[0] \n"},
		{"string args to printf", "strdef s\ns = \"ab\"\nprintf(\"[%s][%3s]\\n\", s, s)\n", "[ab][ ab]\n\t10 \n"},
		{"stdrun.hoc is a no-op", "load_file(\"stdrun.hoc\")\nload_file(\"nrngui.hoc\")\n", "\t1 \n\t1 \n"},
		{"List", "objref l, a\nl = new List()\na = new Vector(1)\nl.append(a)\nl.append(new Vector(5))\nl.prepend(new Vector(2))\nprint l.count(), l.o(2).size(), l.index(a), l.o(0).size()\nl.remove(0)\nprint l.count(), l.o(0) == a\n",
			"\t1 \n\t2 \n\t3 \n3 5 1 2 \n\t2 \n2 1 \n"}, // as NEURON 8.2.2 prints it
		{"assignment declares before running", "if (0) { y = 1 }\nprint y\n", "0 \n"},
		{"ismembrane, area, sectionname", "create soma\nstrdef nm\nsoma { insert hh L = 10 diam = 10 sectionname(nm) }\nsoma print ismembrane(\"hh\"), ismembrane(\"na_ion\"), ismembrane(\"pas\"), area(0.5), nm\n", "1 1 0 314.15927 soma\n"},
		{"name_declared", "objref o\nprint name_declared(\"o\"), name_declared(\"nothing\")\n", "2 0 \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, _, err := runHOC(t, tt.src)
			if err != nil {
				t.Fatalf("error: %v\noutput: %q", err, out)
			}
			if out != tt.want {
				t.Errorf("output %q, want %q", out, tt.want)
			}
		})
	}
}

func TestInterpErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"undefined variable", "x = 1\ny = x + z\n", "test.hoc:2:9: z undefined variable"},
		{"undefined function", "x = nosuch(1)\n", "test.hoc:1:5: nosuch undefined function"},
		{"floor is not HOC", "x = floor(1.5)\n", "test.hoc:1:5: floor undefined function"},
		{"division by zero", "x = 0\ny = 1 / x\n", "test.hoc:2:7: division by zero"},
		{"log domain", "x = log(-1)\n", "test.hoc:1:5: log argument out of domain"},
		{"subscript range", "double a[2]\na[2] = 1\n", "test.hoc:2:1: subscript out of range a"},
		{"not an array", "x = 1\nx[0] = 2\n", "test.hoc:2:1: x not an array variable"},
		{"func without return", "func f() { }\nx = f()\n", "test.hoc:2:5: f (func) returns no value"},
		{"proc value", "proc p() { }\nx = p()\n", "test.hoc:2:5: procedure call without value cannot be used as a value"},
		{"missing arg", "func f() { return $2 }\nx = f(1)\n", "test.hoc:1:19: arg 2 not present in call to f (numarg() is 1)"},
		{"arg type", "func f() { return $1 }\nx = f(\"s\")\n", "test.hoc:1:19: arg 1 is a string, not a number"},
		{"$ outside proc", "x = $1\n", "test.hoc:1:5: $ arguments are only allowed in a procedure or function"},
		{"unknown template", "objref o\no = new Nope()\n", "test.hoc:2:5: Nope is not a template"},
		{"unsupported class", "objref o\no = new File()\n", "test.hoc:2:5: class File is not supported: it reads and writes files"},
		{"not public", "begintemplate T\nproc init() { x = 1 }\nendtemplate T\nobjref o\no = new T()\nprint o.x\n", "test.hoc:6:9: x not a public member of T"},
		{"null object", "objref o\nprint o.x\n", "test.hoc:2:9: object prefix is NULL (.x)"},
		{"system refused", "proc p() { system(\"rm -rf /\") }\np()\n", "test.hoc:1:12: system() is not allowed in template files: it runs a shell command"},
		{"wopen refused", "x = wopen(\"out.txt\")\n", "test.hoc:1:5: wopen() is not allowed in template files: it opens a file for writing"},
		{"execute refused", "execute(\"x = 1\")\n", "test.hoc:1:1: execute() is not allowed in template files: it runs HOC code from a string"},
		{"no section", "nseg = 3\n", "test.hoc:1:1: section access unspecified (no section exists)"},
		{"unknown mechanism", "create soma\nsoma insert nosuch\n", "test.hoc:2:6: nosuch is not a MECHANISM"},
		{"mechanism not inserted", "create soma\nsoma gnabar_hh = 1\n", "test.hoc:2:6: hh mechanism not inserted in section soma"},
		{"range x outside", "create soma\nsoma insert pas\nsoma g_pas(1.5) = 1\n", "test.hoc:3:17: range variable domain is 0<=x<=1"},
		{"distance without origin", "create soma\nsoma print distance(0.5)\n", "test.hoc:2:12: distance origin not valid: set it first with distance() or distance(0, x)"},
		{"connect loop", "create a, b\nconnect b(0), a(1)\nconnect a(0), b(1)\n", "test.hoc:3:1: connecting a to b would form a loop"},
		{"child end", "create a, b\nconnect b(0.5), a(1)\n", "test.hoc:2:1: b must connect at position 0 or 1"},
		{"not a section", "x = 1\nx { nseg = 2 }\n", "test.hoc:2:1: not a section name"},
		{"redeclare builtin", "objref v\n", "test.hoc:1:8: v: redeclaring a built-in name"},
		{"string to number var", "x = 1\nx = \"s\"\n", "test.hoc:2:1: assignment to x: right side must be a number, found a string"},
		{"undeclared string", "s = \"abc\"\n", "test.hoc:1:1: s is not declared; declare it with strdef first"},
		{"template level section statement", "begintemplate T\ncreate s\ns insert pas\nendtemplate T\n", "test.hoc:3:1: this statement has no effect at template level in NEURON and is not supported here; put it in a proc"},
		{"section created in proc first", "begintemplate T\nproc init() { create s }\nendtemplate T\nobjref o\no = new T()\n", "test.hoc:2:22: first declaration of section s in T[0] must be at template level, not in a proc"},
		{"regex error", "create soma\nsoma print issection(\"<abc\")\n", "test.hoc:2:12: search string format error in \"<abc\": '<' without '>'"},
		{"random sample", "objref r\nr = new Random()\nx = r.uniform(0, 1)\n", "test.hoc:3:7: the sample returned by Random.uniform (drawing is not supported) cannot be used as a value"},
		{"deep recursion", "func f() { return f() }\nx = f()\n", "test.hoc:1:19: procedure calls nested too deeply (1000)"},
		{"load_file absolute", "load_file(\"/etc/passwd\")\n", "test.hoc:1:1: load_file(\"/etc/passwd\"): no template folder is set; files can only be loaded through LoadFile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, _, err := runHOC(t, tt.src)
			if err == nil {
				t.Fatalf("no error; output %q", out)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestRangeRules checks NEURON's assignment rules through the recorded
// Builder calls: a bare range variable sets every segment, r(x) one
// segment, and op-assignment works per segment.
func TestRangeRules(t *testing.T) {
	src := `create soma
soma {
	nseg = 3
	insert pas
	g_pas = 0.002
	g_pas(0.5) = 0.004
	e_pas += 5
	diam(0:1) = 1:3
}
soma.L = 30
`
	_, fb, _, err := runHOC(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"create soma",
		"set soma nseg 3",
		"insert soma pas",
		"set soma g_pas 0.002",
		"setat soma g_pas(0.5) 0.004",
		"setat soma e_pas(0.16666666666666666) -65",
		"setat soma e_pas(0.5) -65",
		"setat soma e_pas(0.8333333333333334) -65",
		"setat soma diam(0.16666666666666666) 1.3333333333333335",
		"setat soma diam(0.5) 2",
		"setat soma diam(0.8333333333333334) 2.6666666666666665",
		"set soma L 30",
	}
	if diff := cmp.Diff(want, fb.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	s := fb.byName("soma")
	if got := s.vals["g_pas"]; !cmp.Equal(got, []float64{0.002, 0.004, 0.002}) {
		t.Errorf("g_pas per segment = %v", got)
	}
}

// TestSectionOrder checks forall order, re-creating arrays inside an
// object, section names and SectionList order from Go.
func TestSectionOrder(t *testing.T) {
	src := `create top
begintemplate Cell
	public soma, dend, all
	create soma, dend[1]
	objref all
	proc init() { local i
		create dend[$1]
		all = new SectionList()
		forall all.append()
		for i = 0, $1 - 1 connect dend[i](0), soma(1)
	}
endtemplate Cell
create bottom
`
	_, fb, in, err := runHOC(t, src)
	if err != nil {
		t.Fatal(err)
	}
	o, err := in.NewObject("Cell", 2)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range in.Sections() {
		names = append(names, s.Name)
	}
	want := []string{"top", "bottom", "Cell[0].soma", "Cell[0].dend[0]", "Cell[0].dend[1]"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("forall order (-want +got):\n%s", diff)
	}
	all, err := o.SectionList("all")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].Name != "Cell[0].soma" || all[2].Name != "Cell[0].dend[1]" {
		t.Errorf("all = %v", all)
	}
	if fb.byName("Cell[0].dend[0]") == nil || fb.secs[3].name != "Cell[0].dend[0]" || !fb.secs[3].deleted {
		t.Errorf("the template-level dend[0] should be deleted and recreated: %v", fb.calls)
	}
	d1, err := o.Section("dend", 1)
	if err != nil || d1.Name != "Cell[0].dend[1]" {
		t.Errorf("Section(dend, 1) = %v, %v", d1, err)
	}
	if _, err := o.Section("dend", 2); err == nil {
		t.Error("Section(dend, 2) should fail")
	}
	if _, err := in.NewObject("Nope"); err == nil || !strings.Contains(err.Error(), `unknown template "Nope"`) {
		t.Errorf("unknown template error = %v", err)
	}
}

func TestPointProcessAndAccess(t *testing.T) {
	src := `create soma, dend
access dend
connect soma(0), 0.5
objref stim
soma stim = new IClamp(0.3)
stim.amp = 0.5
stim.dur = 2
print stim, stim.amp + stim.dur
uninsert pas
`
	out, fb, _, err := runHOC(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if out != "IClamp[0] 2.5 \n" {
		t.Errorf("output %q", out)
	}
	want := []string{
		"create soma", "create dend",
		"connect soma(0) dend(0.5)",
		"new IClamp soma(0.3)",
		"setpoint 0 amp 0.5", "setpoint 0 dur 2",
		"uninsert dend pas",
	}
	if diff := cmp.Diff(want, fb.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestSecPattern(t *testing.T) {
	tests := []struct {
		pat, name string
		want      bool
	}{
		{"soma", "soma", true},
		{"soma", "soma[0]", false},
		{".*soma.*", "Cell[0].soma[0]", true},
		{"dend[1]", "dend[1]", true},
		{"dend[{0-3}]", "dend[3]", true},
		{"dend[{0-3}]", "dend[4]", false},
		{"dend[{10-12}]", "dend[11]", true},
		{"<ab>x", "bx", true},
		{"<a-c>x", "cx", true},
		{"<^a-c>x", "cx", false},
		{"<^a-c>x", "dx", true},
		{"a*b", "b", true},
		{"a*b", "aaab", true},
		{".*", "", true},
		{"a.c", "abc", true},
		{"a\\.c", "abc", false},
		{"a\\.c", "a.c", true},
		{"x$", "x$", true},
	}
	for _, tt := range tests {
		p, err := compileSecPattern(tt.pat)
		if err != nil {
			t.Errorf("%q: %v", tt.pat, err)
			continue
		}
		if got := p.match(tt.name); got != tt.want {
			t.Errorf("%q matches %q = %v, want %v", tt.pat, tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{"", "*a", "<ab", "{1-}", "a{1-2}*", "a\\"} {
		if _, err := compileSecPattern(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

// TestLoadFilePolicy checks that load_file reads only below the folder of
// the first file and refuses everything else with a position.
func TestLoadFilePolicy(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "lib")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, src string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(sub, "helper.hoc"), "loaded = loaded + 1\n")
	outside := filepath.Join(t.TempDir(), "outside.hoc")
	write(outside, "x = 1\n")
	main := filepath.Join(dir, "main.hoc")
	write(main, "loaded = 0\nload_file(\"lib/helper.hoc\")\nload_file(\"lib/helper.hoc\")\nxopen(\"lib/helper.hoc\")\n")
	var out strings.Builder
	in := New(newFake(), WithOutput(&out))
	if err := in.LoadFile(main); err != nil {
		t.Fatal(err)
	}
	if v, err := in.Var("loaded"); err != nil || v != 2 {
		t.Errorf("loaded = %v, %v; want 2 (load_file once, xopen again)", v, err)
	}
	tests := []struct{ src, want string }{
		{`load_file("../x.hoc")`, `bad.hoc:1:1: load_file("../x.hoc"): the file is outside the template folder ` + dir},
		{`load_file("` + outside + `")`, `bad.hoc:1:1: load_file("` + outside + `"): absolute paths are not allowed; files must be below ` + dir},
		{`load_file("missing.hoc")`, `bad.hoc:1:1: load_file("missing.hoc"): stat ` + filepath.Join(dir, "missing.hoc") + `: no such file or directory`},
		{`load_file("import3d.hoc")`, `bad.hoc:1:1: load_file("import3d.hoc"): this NEURON library file is not supported`},
	}
	for _, tt := range tests {
		err := in.Exec("bad.hoc", tt.src+"\n")
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestStepLimit(t *testing.T) {
	in := New(newFake(), WithMaxSteps(1000))
	err := in.Exec("loop.hoc", "x = 0\nwhile (1) { x += 1 }\n")
	if err == nil || err.Error() != "loop.hoc:2:1: step limit of 1000 loop iterations and calls exceeded" {
		t.Errorf("err = %v", err)
	}
	if v, _ := in.Var("x"); v != 1000 {
		t.Errorf("x = %v after the limit, want 1000", v)
	}
}

func TestObjectAccessors(t *testing.T) {
	src := `begintemplate C
public soma, rng, stim, n, label, hidden
create soma
objref rng, stim
strdef label
proc init() {
	n = 3
	label = "c"
	rng = new Random()
	rng.Random123($1, 7)
	rng.normal(0, 2)
	soma stim = new IClamp(0.25)
}
endtemplate C
`
	_, _, in, err := runHOC(t, src)
	if err != nil {
		t.Fatal(err)
	}
	o, err := in.NewObject("C", 5)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := o.Random("rng")
	want := RandomConfig{Generator: "Random123", Seeds: []float64{5, 7}, Dist: "normal", Params: []float64{0, 2}}
	if err != nil || !cmp.Equal(rc, want) {
		t.Errorf("Random = %+v, %v", rc, err)
	}
	_, class, at, x, err := o.Point("stim")
	if err != nil || class != "IClamp" || at.Name != "C[0].soma" || x != 0.25 {
		t.Errorf("Point = %s %v %g %v", class, at, x, err)
	}
	if n, err := o.Var("n"); err != nil || n != 3 {
		t.Errorf("Var(n) = %v, %v", n, err)
	}
	if s, err := o.Str("label"); err != nil || s != "c" {
		t.Errorf("Str(label) = %q, %v", s, err)
	}
	if _, err := o.Var("label"); err == nil {
		t.Error("Var(label) should fail: it is a strdef")
	}
	if _, err := o.Var("secret"); err == nil || !strings.Contains(err.Error(), "not a public member") {
		t.Errorf("Var(secret) = %v", err)
	}
	if _, err := o.Var("hidden"); err == nil || !strings.Contains(err.Error(), "never defined") {
		t.Errorf("Var(hidden) = %v", err)
	}
	if o.Name() != "C[0]" || o.Template() != "C" {
		t.Errorf("Name %q Template %q", o.Name(), o.Template())
	}
}
