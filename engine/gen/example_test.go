package gen_test

import (
	"fmt"
	"strings"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/gen"
	"github.com/synaptune/synaptune/engine/gen/internal/kernels"
	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
)

// Writing a kernel for a one-compartment hh cell: the file declares a type
// with the model's fingerprint and its Advance method.
func ExampleKernel() {
	m := engine.NewModel(engine.Builtins())
	soma := m.NewSection("soma")
	for _, err := range []error{soma.SetL(20), soma.SetDiam(20), soma.Insert("hh")} {
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	c, err := m.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := gen.Kernel(c, gen.Options{Package: "cells", Type: "Soma"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "package") || strings.HasPrefix(line, "type") || strings.HasPrefix(line, "func") {
			fmt.Println(strings.TrimSuffix(line, " {"))
		}
	}
	fmt.Println(strings.Count(string(src), "\n"), "lines")
	// Output:
	// package cells
	// type Soma struct{}
	// func (Soma) Fingerprint() string { return "be97a758ad50d3df70af7fb38e6965f1" }
	// func (Soma) Advance(f *engine.KernelFrame) (int, error)
	// 244 lines
}

// A model with a mechanism kernels do not know gets an error naming it.
func ExampleKernel_unsupported() {
	m := engine.NewModel(engine.Builtins())
	soma := m.NewSection("soma")
	if err := soma.Insert("pas"); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := m.AddPointProcess("VClamp", soma, 0.5); err != nil {
		fmt.Println(err)
		return
	}
	c, err := m.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = gen.Kernel(c, gen.Options{Package: "cells", Type: "Soma"})
	fmt.Println(err)
	// Output:
	// gen: block 1 (VClamp at 1 node(s)): no code generator for mechanism VClamp (*engine.VClamp); kernels know pas, hh, IClamp, SEClamp, ExpSyn and Exp2Syn
}

// Running the benchmark cell with its kernel gives the engine's numbers,
// bit for bit: here the soma's voltage at 20 ms, after its spike.
func ExampleKernel_run() {
	c, err := testmodels.BenchCell()
	if err != nil {
		fmt.Println(err)
		return
	}
	var v [2]float64
	for i, k := range []engine.Kernel{nil, kernels.BenchCell{}} {
		s, err := c.Compiled.NewSim()
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := s.SetKernel(k); err != nil {
			fmt.Println(err)
			return
		}
		ref, err := s.VoltageRef(c.Sections[0], 0.5)
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := s.Run(20); err != nil {
			fmt.Println(err)
			return
		}
		v[i] = ref.Value()
	}
	fmt.Printf("engine %.12f mV, kernel %.12f mV, identical: %v\n", v[0], v[1], v[0] == v[1])
	// Output:
	// engine -68.502158609036 mV, kernel -68.502158609036 mV, identical: true
}
