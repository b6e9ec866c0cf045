// Package gen writes engine kernels: Go code for one model's shape that
// computes its steps as engine.Sim.Step does, bit for bit, but with the
// model spelled out — every node's matrix element a local variable, every
// mechanism instance's arithmetic in line, the Hines elimination and back
// substitution unrolled for the model's tree, and the functions a step
// calls (libm's exp, hh's rate table) written out in place. Nothing is
// looked up, dispatched or called in a step; the general engine spends
// about as much on that machinery as on the arithmetic.
//
// It plays the part of NEURON's nrnivmodl, which translates mechanisms to C
// and compiles them: Kernel writes a file, the program that includes it is
// built with it, and Sim.SetKernel makes a simulation of a model of that
// shape use it:
//
//	src, err := gen.Kernel(compiled, gen.Options{Package: "cells", Type: "Pyramidal"})
//	// write src to cells/pyramidal_gen.go and build; then
//	sim.SetKernel(cells.Pyramidal{})
//
// Generated code imports package engine, and engine/gen/rt for the
// exponential, so it builds in any module that requires this one
// (TestKernelBuildsInAnotherModule does that).
//
// A kernel depends on the model's shape (engine.Layout: the tree, where
// capacitance is, which mechanisms sit at which nodes), not on its values:
// geometry, parameters, dt and temperature are read from the simulation,
// so one kernel serves every model of its shape; SetKernel refuses a
// kernel written for another shape. The Sim still delivers events and
// computes the steps that deliver them, Init, and Step when called
// directly.
//
// Kernels know the built-in pas, hh (with or without its rate table),
// IClamp, SEClamp, ExpSyn and Exp2Syn (whose NET_RECEIVE the Sim runs when
// it delivers their events), and any mechanism without currents or states
// (NetStim, VecStim). A NetCon that watches a voltage ends a kernel's run
// before the step that starts with a threshold crossing, which the Sim
// takes. Kernel returns an error naming what a model has beyond that
// (VClamp, NMODL mechanisms, concentrations that move reversal
// potentials).
package gen
