package engine_test

import (
	"fmt"
	"log"

	"github.com/synaptune/synaptune/engine"
)

// A passive soma receives one synaptic event from a NetStim through a
// NetCon; the peak depolarisation is printed. NEURON 8.2.2 prints the same
// figures for the same model.
func Example() {
	m := engine.NewModel(engine.Builtins())
	soma := m.NewSection("soma")
	for _, err := range []error{soma.SetL(20), soma.SetDiam(20), soma.Insert("pas")} {
		if err != nil {
			log.Fatal(err)
		}
	}
	syn, err := m.AddPointProcess("Exp2Syn", soma, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	stim, err := m.AddArtificialCell("NetStim")
	if err != nil {
		log.Fatal(err)
	}
	_ = stim.Set("start", 5)
	_ = stim.Set("number", 1)
	if _, err := m.NewNetCon(stim, syn, 1, 0.001); err != nil {
		log.Fatal(err)
	}
	compiled, err := m.Compile()
	if err != nil {
		log.Fatal(err)
	}
	sim, err := compiled.NewSim()
	if err != nil {
		log.Fatal(err)
	}
	vref, err := sim.VoltageRef(soma, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	v := sim.Record(vref)
	sim.VInit = -70
	if err := sim.Run(50); err != nil {
		log.Fatal(err)
	}
	peak := v.Values[0]
	for _, x := range v.Values {
		peak = max(peak, x)
	}
	fmt.Printf("%d samples, rest %.2f mV, peak %.4f mV\n", len(v.Values), v.Values[0], peak)
	// Output:
	// 2001 samples, rest -70.00 mV, peak -65.7384 mV
}

// Areas and axial resistances come out as NEURON computes them (the
// figures are those of NEURON 8.2.2 for the same section).
func ExampleCompiled_Area() {
	m := engine.NewModel(engine.Builtins())
	soma := m.NewSection("soma")
	_ = soma.SetL(15)
	_ = soma.SetDiam(15)
	compiled, err := m.Compile()
	if err != nil {
		log.Fatal(err)
	}
	area, _ := compiled.Area(soma, 0.5)
	ri, _ := compiled.Ri(soma, 0.5)
	fmt.Println(area, ri)
	// Output:
	// 706.8583470577034 0.01502422662787492
}

// A passive soma held by a VClamp settles, then sits still until a
// synaptic event at 400 ms. The steps in between change nothing and are
// skipped; the traces are those of computing every step.
func ExampleSim_SetSkipSteady() {
	m := engine.NewModel(engine.Builtins())
	soma := m.NewSection("soma")
	for _, err := range []error{soma.SetL(20), soma.SetDiam(20), soma.Insert("pas")} {
		if err != nil {
			log.Fatal(err)
		}
	}
	clamp, err := m.AddPointProcess("VClamp", soma, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	for j, d := range []float64{1e9, 0, 0} {
		_ = clamp.SetElement("dur", j, d)
		_ = clamp.SetElement("amp", j, -60)
	}
	syn, err := m.AddPointProcess("ExpSyn", soma, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	stim, err := m.AddArtificialCell("NetStim")
	if err != nil {
		log.Fatal(err)
	}
	_ = stim.Set("start", 400)
	_ = stim.Set("number", 1)
	if _, err := m.NewNetCon(stim, syn, 1, 0.01); err != nil {
		log.Fatal(err)
	}
	compiled, err := m.Compile()
	if err != nil {
		log.Fatal(err)
	}
	var last [2]float64
	for k, skip := range []bool{false, true} {
		sim, err := compiled.NewSim()
		if err != nil {
			log.Fatal(err)
		}
		sim.SetSkipSteady(skip)
		ref, err := sim.PointRef(clamp, "i")
		if err != nil {
			log.Fatal(err)
		}
		i := sim.Record(ref)
		if err := sim.Run(500); err != nil {
			log.Fatal(err)
		}
		last[k] = i.Values[len(i.Values)-1]
		fmt.Printf("skip %v: %d samples, %d steps skipped, %d partly frozen\n", skip, len(i.Values), sim.SkippedSteps(), sim.FrozenSteps())
	}
	fmt.Println("same last sample:", last[0] == last[1])
	// Output:
	// skip false: 20001 samples, 0 steps skipped, 0 partly frozen
	// skip true: 20001 samples, 17026 steps skipped, 2868 partly frozen
	// same last sample: true
}

// The layout of a soma with a dendrite of two segments: five nodes (the
// soma's 0 end is the root), where the capacitance is, and which
// mechanism sits at which nodes. Kernels (package engine/gen) are written
// for a layout.
func ExampleCompiled_Layout() {
	m := engine.NewModel(engine.Builtins())
	soma, dend := m.NewSection("soma"), m.NewSection("dend")
	for _, err := range []error{dend.SetNseg(2), dend.Connect(soma, 1, 0), soma.Insert("hh"), dend.Insert("pas")} {
		if err != nil {
			log.Fatal(err)
		}
	}
	c, err := m.Compile()
	if err != nil {
		log.Fatal(err)
	}
	l := c.Layout()
	fmt.Println("nodes", l.Nodes, "roots", l.Roots, "parents", l.Parent, "capacitance", l.HasCm)
	for _, b := range l.Blocks {
		fmt.Println(b.Mech.Spec().Name, "at", b.Node)
	}
	fmt.Println(len(l.Fingerprint()), "hex digits of fingerprint")
	// Output:
	// nodes 6 roots 1 parents [-1 0 1 2 3 4] capacitance [false true false true true false]
	// pas at [3 4]
	// hh at [1]
	// 32 hex digits of fingerprint
}
