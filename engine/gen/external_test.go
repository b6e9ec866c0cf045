package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine/gen"
	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
)

// externalMain builds the benchmark cell with the engine's public API,
// runs it with and without the kernel beside it, and prints whether the
// soma's voltages agree.
const externalMain = `package main

import (
	"fmt"
	"log"

	"github.com/synaptune/synaptune/engine"
)

func main() {
	m := engine.NewModel(engine.Builtins())
	m.Celsius = 6.3
	soma, dend := m.NewSection("soma"), m.NewSection("dend")
	for _, err := range []error{soma.SetL(20), soma.SetDiam(20), dend.SetL(200), dend.SetDiam(2),
		dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas")} {
		if err != nil {
			log.Fatal(err)
		}
	}
	stim, err := m.AddPointProcess("IClamp", soma, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	for name, v := range map[string]float64{"del": 10, "dur": 580, "amp": 0.2} {
		if err := stim.Set(name, v); err != nil {
			log.Fatal(err)
		}
	}
	c, err := m.Compile()
	if err != nil {
		log.Fatal(err)
	}
	var traces [2][]float64
	for i, k := range []engine.Kernel{nil, Cell{}} {
		s, err := c.NewSim()
		if err != nil {
			log.Fatal(err)
		}
		if err := s.SetKernel(k); err != nil {
			log.Fatal(err)
		}
		ref, err := s.VoltageRef(soma, 0.5)
		if err != nil {
			log.Fatal(err)
		}
		tr := s.Record(ref)
		if err := s.Run(100); err != nil {
			log.Fatal(err)
		}
		traces[i] = tr.Values
	}
	same := len(traces[0]) == len(traces[1])
	for i := range traces[0] {
		same = same && traces[0][i] == traces[1][i]
	}
	fmt.Println("samples", len(traces[1]), "identical", same)
}
`

// TestKernelBuildsInAnotherModule writes the benchmark cell's kernel into a
// program of another module, as a user would, builds it against this
// module (a replace directive, no network) and runs it: the kernel must
// build outside this module (it imports no internal package) and give the
// engine's numbers.
func TestKernelBuildsInAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	c, err := testmodels.BenchCell()
	if err != nil {
		t.Fatal(err)
	}
	src, err := gen.Kernel(c.Compiled, gen.Options{Package: "main", Type: "Cell"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/cells\n\ngo 1.26\n\nrequire github.com/synaptune/synaptune v0.0.0\n\nreplace github.com/synaptune/synaptune => " + root + "\n"
	for name, text := range map[string]string{"go.mod": gomod, "main.go": externalMain, "cell_gen.go": string(src)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		cmd := exec.Command(gobin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("mod", "tidy")
	if out := run("run", "."); strings.TrimSpace(out) != "samples 4001 identical true" {
		t.Errorf("the program printed %q", out)
	}
}
