package nmodl

import (
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNativeGo(t *testing.T) {
	compile := func(src string) *Mechanism {
		t.Helper()
		m, err := CompileMechanism("x.mod", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	ok := compile(`NEURON { SUFFIX g USEION k READ ek WRITE ik RANGE gbar }
PARAMETER { gbar = 0.01 vh = -20 }
ASSIGNED { v ek ik ninf ntau }
STATE { n }
BREAKPOINT { SOLVE s METHOD cnexp  ik = gbar*n^2*(v - ek) }
INITIAL { rates(v) n = ninf }
DERIVATIVE s { rates(v) n' = (ninf - n)/ntau }
PROCEDURE rates(x) { LOCAL a
    a = exp(-(x - vh)/10)
    if (a > 1e3) { a = 1e3 } else { a = a + 0 }
    ninf = 1/(1 + a)  ntau = 2*3.5/(1 + a)
}`)
	src, err := ok.NativeGo("nativeG")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"func (nativeG) Current(b *engine.Block, e *engine.Env) {",
		"func (nativeG) State(b *engine.Block, e *engine.Env) error {",
		"math.Pow(s_n, 2.0)",              // ^ is pow, as compiled
		"(7.0 / (1.0 + l",                 // 2*3.5 folded
		"libm.Exp(e.Dt*(((-1.0) / s_ntau", // nocmodl's cnexp text
		"if b2f(l",                        // IF
		"e.AddDensityCurrent(node, i1, i0)",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated code lacks %q:\n%s", want, src)
		}
	}
	for _, tc := range []struct{ name, src, want string }{
		{"artificial cell", `NEURON { ARTIFICIAL_CELL p } ASSIGNED { a } NET_RECEIVE (w) { a = w }`, "only SUFFIX and POINT_PROCESS"},
		{"table", `NEURON { SUFFIX q } ASSIGNED { a v } BREAKPOINT { r(v) } PROCEDURE r(x) { TABLE a FROM -100 TO 100 WITH 10  a = x }`, "TABLE"},
		{"time", `NEURON { SUFFIX q NONSPECIFIC_CURRENT i } ASSIGNED { i v } BREAKPOINT { i = t }`, "reads t"},
		{"array", `NEURON { SUFFIX q NONSPECIFIC_CURRENT i } ASSIGNED { i v a[2] } BREAKPOINT { a[0] = v  i = a[0] }`, "array"},
		{"function", `NEURON { SUFFIX q NONSPECIFIC_CURRENT i } ASSIGNED { i v } BREAKPOINT { i = f(v) } FUNCTION f(x) { f = x }`, "call of f"},
	} {
		_, err := compile(tc.src).NativeGo("n")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// TestNativeGoCorpus runs NativeGo on every .mod file at hand (this
// package's test files, the project's models, Debian's examples): it must
// either refuse with a reason or write code that parses as Go.
func TestNativeGoCorpus(t *testing.T) {
	var files []string
	for _, pattern := range []string{"testdata/*.mod", "../../tuner/models/*.mod", debianModDir + "/*/*/*.mod", debianModDir + "/*/*.mod"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files", len(files))
	}
	generated := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m, err := CompileMechanism(path, src)
		if err != nil || m.instErr != nil {
			continue
		}
		code, err := m.NativeGo("n")
		if err != nil {
			if err.Error() == "" {
				t.Errorf("%s: empty refusal", path)
			}
			t.Logf("%s: %v", filepath.Base(path), err)
			continue
		}
		generated++
		file := "package p\n\nimport (\n\t\"math\"\n\t\"github.com/synaptune/synaptune/engine\"\n\t\"github.com/synaptune/synaptune/engine/nmodl\"\n\t\"github.com/synaptune/synaptune/internal/libm\"\n)\n\n" + code
		if _, err := format.Source([]byte(file)); err != nil {
			t.Errorf("%s: generated code does not parse: %v\n%s", path, err, code)
		}
	}
	t.Logf("%d of %d files generated", generated, len(files))
	if generated < 6 {
		t.Errorf("only %d files generated", generated)
	}
}
