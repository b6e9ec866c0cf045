package gen_test

import (
	"math"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/gen"
	"github.com/synaptune/synaptune/engine/gen/internal/kernels"
	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
	"github.com/synaptune/synaptune/engine/nmodl"
)

// cadyn is a calcium accumulation that writes cai, so that the calcium
// reversal potential follows it at every step.
const cadyn = `NEURON { SUFFIX cadyn USEION ca READ ica WRITE cai }
STATE { cai (mM) }
INITIAL { cai = 5e-5 }
BREAKPOINT { SOLVE s METHOD cnexp }
DERIVATIVE s { cai' = -ica * 0.01 - (cai - 5e-5) / 20 }
`

// TestKernelErrors checks that models kernels cannot compute, and bad
// options, get an error saying why.
func TestKernelErrors(t *testing.T) {
	soma := func(reg *engine.Registry, mechs ...string) (*engine.Model, *engine.Section) {
		m := engine.NewModel(reg)
		s := m.NewSection("soma")
		for _, name := range mechs {
			if err := s.Insert(name); err != nil {
				t.Fatal(err)
			}
		}
		return m, s
	}
	compile := func(m *engine.Model) *engine.Compiled {
		c, err := m.Compile()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	nernst := func() *engine.Compiled {
		reg := engine.Builtins()
		mech, err := nmodl.CompileMechanism("cadyn.mod", []byte(cadyn))
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Add(mech); err != nil {
			t.Fatal(err)
		}
		m, _ := soma(reg, "pas", "cadyn")
		return compile(m)
	}
	unsupported := func() *engine.Compiled {
		m, s := soma(engine.Builtins(), "pas")
		if _, err := m.AddPointProcess("VClamp", s, 0.5); err != nil {
			t.Fatal(err)
		}
		return compile(m)
	}
	plain := func() *engine.Compiled { m, _ := soma(engine.Builtins(), "pas"); return compile(m) }
	for _, tc := range []struct {
		name string
		c    *engine.Compiled
		opt  gen.Options
		want string
	}{
		{"concentrations", nernst(), gen.Options{Package: "p", Type: "K"}, "Nernst"},
		{"unknown mechanism", unsupported(), gen.Options{Package: "p", Type: "K"}, "block 1 (VClamp at 1 node(s)): no code generator for mechanism VClamp"},
		{"bad package", plain(), gen.Options{Package: "my-cells", Type: "K"}, `package "my-cells"`},
		{"bad type", plain(), gen.Options{Package: "p", Type: "2K"}, `type "2K"`},
	} {
		_, err := gen.Kernel(tc.c, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if l := nernst().Layout(); !l.NernstEachStep {
		t.Errorf("a model writing cai has NernstEachStep false")
	}
}

// TestSetKernelRefusesOtherShape checks that a kernel is refused by a
// model of another shape, even one that differs only in nseg or in where
// a point process sits.
func TestSetKernelRefusesOtherShape(t *testing.T) {
	c, err := testmodels.BenchCell()
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Compiled.NewSim()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetKernel(kernels.Synapses{}); err == nil {
		t.Errorf("the bench cell accepted the kernel of Synapses")
	}
	if err := s.SetKernel(kernels.BenchCell{}); err != nil {
		t.Fatalf("the bench cell refused its kernel: %v", err)
	}
	for _, change := range []func(soma, dend *engine.Section) error{
		func(_, dend *engine.Section) error { return dend.SetNseg(2) },
		func(soma, _ *engine.Section) error { return soma.SetCm(0) },
		func(soma, _ *engine.Section) error { return soma.Insert("pas") },
	} {
		m := engine.NewModel(engine.Builtins())
		soma, dend := m.NewSection("soma"), m.NewSection("dend")
		for _, err := range []error{dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas"), change(soma, dend)} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := m.AddPointProcess("IClamp", soma, 0.5); err != nil {
			t.Fatal(err)
		}
		c, err := m.Compile()
		if err != nil {
			t.Fatal(err)
		}
		s, err := c.NewSim()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetKernel(kernels.BenchCell{}); err == nil || !strings.Contains(err.Error(), "another shape") {
			t.Errorf("a changed bench cell: SetKernel error %v", err)
		}
	}
}

// TestKernelReportsBlowUp checks that a value that stops being finite in a
// kernel's step is the same error, at the same time, as without it.
func TestKernelReportsBlowUp(t *testing.T) {
	c, err := testmodels.BenchCell()
	if err != nil {
		t.Fatal(err)
	}
	var msgs [2]string
	var times [2]float64
	for i, k := range []engine.Kernel{nil, kernels.BenchCell{}} {
		s, err := c.Compiled.NewSim()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetKernel(k); err != nil {
			t.Fatal(err)
		}
		blocks := s.Blocks()
		clamp := blocks[len(blocks)-1]
		slot, ok := clamp.Slot("amp")
		if !ok || clamp.Mech.Spec().Name != "IClamp" {
			t.Fatalf("the last block is %s", clamp.Mech.Spec().Name)
		}
		clamp.Vars[slot][0] = math.Inf(1)
		err = s.Run(50)
		if err == nil {
			t.Fatalf("kernel %v: an infinite clamp current ran without error", k != nil)
		}
		msgs[i], times[i] = err.Error(), s.T()
	}
	if msgs[0] != msgs[1] || times[0] != times[1] {
		t.Errorf("without the kernel: %q at t=%v; with it: %q at t=%v", msgs[0], times[0], msgs[1], times[1])
	}
	if !strings.Contains(msgs[1], "soma") {
		t.Errorf("the error does not name the node: %q", msgs[1])
	}
}
