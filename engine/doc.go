// Package engine is a cable-equation simulator that reproduces the default
// fixed-step method of NEURON 8.2.2 (implicit Euler, one thread, secondorder 0)
// to the last bit where the arithmetic allows it.
//
// A simulation is described by a Model: sections with their geometry and
// inserted density mechanisms, point processes placed on sections, artificial
// cells such as NetStim, and NetCons that carry events between them. Compiling
// a Model fixes its node order, areas, axial coefficients and the
// structure-of-arrays layout of every mechanism; the Compiled result is
// immutable and any number of independent Sims can be made from it cheaply and
// run concurrently.
//
// A Sim follows NEURON's fixed step exactly: threshold detection, delivery of
// events due by t+dt/2, currents and conductances at mid-step time (every
// conductance the numeric difference of the current at v+0.001 mV), the Hines
// solve of the tree matrix, the voltage update, the state updates at the new
// time, recording, and delivery of events due by the new t. Time advances by
// two half-step additions, as in NEURON, so recorded times equal NEURON's
// bit for bit.
//
// A step that, without events, leaves every node voltage and every mechanism
// variable bitwise unchanged is a fixed point: the steps after it would
// compute the same numbers until an event is due or a mechanism's behaviour
// changes with time, so the Sim only advances t and records them (see
// Stationary and Sim.SetSkipSteady). When, instead, only blocks that use
// no ion still change (a synapse decaying under a voltage clamp) while the
// voltages stay put, the other blocks would compute the same again: their
// part of the matrix is reused and their states are left, and only the
// changing blocks, the matrix at their nodes and the solve are computed
// (Sim.FrozenSteps). The samples are those of computing every step.
//
// A Sim can also hand its runs of steps without events to a Kernel: Go
// code written for the model's shape by package engine/gen, with every
// node, mechanism instance and solve step spelled out (Sim.SetKernel).
// Kernels compute what Step computes, bit for bit, about twice as fast.
//
// Every product that feeds a sum is written float64(x*y), which forbids the
// compiler to fuse the two into one fused multiply-add (as Go does on arm64
// and with GOAMD64=v3): NEURON's x86-64 build rounds both.
//
// exp is computed as glibc computes it (bit-identical), so runs that are not
// clamped agree with NEURON bit for bit as well unless they call other C
// library functions (pow, log: Go's math package, which can differ in the
// last bit).
//
// Mechanisms plug in through the Mechanism interface and its optional
// companions (Initializer, CurrentSource, StateUpdater, EventReceiver,
// Stationary). The
// built-in mechanisms (pas, hh, IClamp, SEClamp, VClamp, ExpSyn, Exp2Syn,
// NetStim, VecStim) are written in Go against that interface; package
// engine/nmodl compiles NMODL files to the same interface.
//
// Units are NEURON's: µm, ms, mV, mA/cm² for density currents, nA for point
// currents, S/cm² and µS for conductances, µF/cm², Ω·cm and MΩ.
package engine
