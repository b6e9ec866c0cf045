package nmodl_test

import (
	"fmt"

	"github.com/synaptune/synaptune/engine/nmodl"
)

const leakSrc = `
NEURON {
    SUFFIX leak
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER {
    g = 0.001 (S/cm2)
    e = -70 (mV)
}
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
`

// Example shows the three stages: parse, check and compile, then one
// evaluation of the BREAKPOINT block.
func Example() {
	file, err := nmodl.Parse("leak.mod", []byte(leakSrc))
	if err != nil {
		fmt.Println(err)
		return
	}
	model, err := nmodl.Check(file)
	if err != nil {
		fmt.Println(err)
		return
	}
	prog, err := nmodl.Compile(model, nmodl.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := prog.NewMachine()
	v, _ := prog.Slot("v")
	m.Frame[v] = -65
	if _, err := prog.Current.Run(m); err != nil {
		fmt.Println(err)
		return
	}
	i := prog.Currents[0]
	fmt.Printf("%s: i = %.4f mA/cm2\n", model, m.Frame[i])
	// Output: SUFFIX leak: i = 0.0050 mA/cm2
}

// ExampleParse shows how a syntax error is reported.
func ExampleParse() {
	_, err := nmodl.Parse("bad.mod", []byte("NEURON {\n  SUFFIX x\n  RANGE\n}\n"))
	fmt.Println(err)
	// Output: bad.mod:4:1: expected a name after RANGE, found '}'
}

// ExampleModel_CanInstantiate shows a mechanism that loads but cannot be
// run because it contains C code.
func ExampleModel_CanInstantiate() {
	src := "NEURON { ARTIFICIAL_CELL Gen }\nPROCEDURE seed() {\nVERBATIM\n  srand(1);\nENDVERBATIM\n}\n"
	file, _ := nmodl.Parse("gen.mod", []byte(src))
	model, err := nmodl.Check(file)
	fmt.Println(err)
	fmt.Println(model.CanInstantiate())
	// Output:
	// <nil>
	// mechanism Gen cannot be instantiated: gen.mod:3: VERBATIM block (C code) cannot be run
}
