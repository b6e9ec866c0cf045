package hoc

import (
	"fmt"
	"os"
)

// A template file is loaded, a cell is instantiated from Go, and its
// public SectionList is walked in NEURON's order. newFake is a recording
// Builder used by the tests; a simulator adapter takes its place in real
// use.
func Example() {
	src := `begintemplate Ball
public soma, dend, all, gleak
create soma, dend[2]
objref all
proc init() { local i
	gleak = $1
	all = new SectionList()
	soma { L = 20  diam = 20  all.append() }
	for i = 0, 1 {
		connect dend[i](0), soma(1)
		dend[i] { L = 100  nseg = 5  all.append() }
	}
	forall { insert pas  g_pas = gleak }
	printf("%s has %d dendrites\n", "Ball", i)
}
endtemplate Ball
`
	in := New(newFake(), WithOutput(os.Stdout))
	if err := in.Exec("ball.hoc", src); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Templates())
	cell, err := in.NewObject("Ball", 1e-4)
	if err != nil {
		fmt.Println(err)
		return
	}
	all, _ := cell.SectionList("all")
	for _, s := range all {
		fmt.Println(s.Name)
	}
	// Output:
	// [Ball]
	// Ball has 2 dendrites
	// Ball[0].soma
	// Ball[0].dend[0]
	// Ball[0].dend[1]
}

// Errors name the file, line and column of the construct that failed.
func ExampleParse_error() {
	_, err := Parse("cell.hoc", "soma { nseg = 3\n")
	fmt.Println(err)
	// Output: cell.hoc:1:6: missing '}' for this '{'
}
