package nmodl

import (
	"fmt"
	"go/format"
	"os"
	"os/exec"
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
		"math.Pow(s_n, 2.0)",                        // ^ is pow, as compiled
		"(7.0 / (1.0 + l",                           // 2*3.5 folded
		"libm.Exp(float64(dt * ((-1.0) / s_ntau)))", // nocmodl's cnexp text, the product explicit
		"if b2f(l",                                  // IF
		"float64(s_gbar * math.Pow(s_n, 2.0))",      // products explicit: never fused
		"c_n := x[",                                 // columns hoisted
		"rhs[node] -= i0",                           // Env.AddDensityCurrent's arithmetic
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated code lacks %q:\n%s", want, src)
		}
	}
	// exp of PARAMETERs and dt only: each instance keeps its last argument
	// and result.
	cached, err := compile(`NEURON { POINT_PROCESS syn NONSPECIFIC_CURRENT i RANGE tau, q }
PARAMETER { tau = 2 q = 1 }
ASSIGNED { v i r }
STATE { g }
BREAKPOINT { SOLVE s METHOD cnexp  r = exp(-q/tau)  i = g*r*(v - exp(v)) }
DERIVATIVE s { g' = -g/tau }`).NativeGo("nativeS")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"xa0 := ((-s_q) / s_tau)\n",
		"if !memo || math.Float64bits(xa0) != math.Float64bits(xe[0]) {",
		"xe[0], xe[1] = xa0, libm.Exp(xa0)",
		"s_r = xe[1]",
		"libm.Exp(s_v)",
		"xc, fresh := m.NativeCache(b, 0, 2*n)",
		"xa0 := float64(dt * ((-1.0) / s_tau))\n",
		"s_g = s_g + float64((1. - xe[1])*",
		"xc, fresh := m.NativeCache(b, 1, 2*n)",
		"e.AddPointCurrent(node, i1, i0)",
		"g = float64(g * f)",
	} {
		if !strings.Contains(cached, want) {
			t.Errorf("generated code lacks %q:\n%s", want, cached)
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
	var all strings.Builder
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
			continue
		}
		code, _ = m.NativeGo(fmt.Sprintf("n%d", generated))
		fmt.Fprintf(&all, "// %s\n%s\n", path, code)
	}
	t.Logf("%d of %d files generated", generated, len(files))
	if generated < 6 {
		t.Errorf("only %d files generated", generated)
	}
	if testing.Short() {
		return
	}
	// All of it, with the helpers, must compile.
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to compile the generated code")
	}
	dir, err := os.MkdirTemp("testdata", "nativebuild")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	file := "package p\n\nimport (\n\t\"math\"\n\t\"github.com/synaptune/synaptune/engine\"\n\t\"github.com/synaptune/synaptune/engine/nmodl\"\n\t\"github.com/synaptune/synaptune/internal/libm\"\n)\n\n" +
		all.String() + NativeGoHelpers()
	if err := os.WriteFile(filepath.Join(dir, "native.go"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(goBin, "vet", "./"+filepath.ToSlash(dir)).CombinedOutput(); err != nil {
		t.Errorf("the generated code does not compile: %v\n%s", err, out)
	}
}
