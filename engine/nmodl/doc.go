// Package nmodl reads NEURON model description files (.mod, the NMODL
// language) and compiles them into an engine-independent form.
//
// The pipeline has three stages:
//
//   - Parse turns source text into a File, an abstract syntax tree in which
//     every node keeps its position (file, line, column). The first syntax
//     error is returned as an *Error whose text reads "file:line:col: reason".
//   - Check resolves every name of a File (declared variables, ions,
//     locals, functions, built-in functions and NEURON's special variables
//     v, t, dt, celsius, diam, area) and returns a Model, or an ErrorList
//     whose errors each carry a position. Constructs that load but cannot be
//     run (VERBATIM C code, KINETIC blocks, random numbers, POINTERs) are
//     listed in Model.NotInstantiable; Model.CanInstantiate turns the first
//     into an error naming the mechanism, the file and the line.
//   - Compile lowers a Model into a Program: Go closures over a frame of
//     float64 slots (Program.Slots), with every variable resolved to a slot
//     or a call-stack offset at compile time and constant subexpressions
//     folded. A Machine runs a Program's routines (INITIAL, BREAKPOINT
//     currents, the SOLVE step, NET_RECEIVE, FUNCTIONs and PROCEDUREs); an
//     adapter loads one instance's values into Machine.Frame, runs a
//     routine and stores the results back, using Routine.Reads and
//     Routine.Writes to move only what is needed.
//
// The accepted language follows nocmodl from NEURON 8.2.2: the grammar in
// src/nmodl/parse1.ypp and the lexical rules in src/nmodl/lex.lpp. Where
// nocmodl only warns, this package warns as well (Model.Warnings) instead
// of refusing the file. The cnexp update is built from the same text
// nocmodl generates (src/nmodl/diffeq.ypp, deriv.cpp), including its
// switch to derivimplicit; derivimplicit is scopmath's Newton iteration
// (newton_thread.c, crout_thread.c); euler is scopmath's euler; and TABLE
// statements behave as nocmodl's generated code does (parsact.cpp
// table_massage): tables are used by default and rebuilt by
// Program.CheckTables when a DEPEND variable changes.
//
// A Mechanism memoises its BREAKPOINT and state routines per instance when
// they read neither t nor a table and have no effect beyond their frame: a
// call with bitwise the inputs of the instance's previous call (a clamped
// cell between events) writes the saved outputs instead of running. Such
// mechanisms also tell the engine they allow skipping steady steps
// (engine.Stationary).
//
// Mechanism.NativeGo writes a mechanism's BREAKPOINT and cnexp SOLVE as Go
// source with exactly the compiled arithmetic, for programs that build the
// mechanisms they ship into themselves (the tuner's embedded models).
//
// Nothing in the package is global: Programs are immutable after Compile
// and can be shared; each Machine holds its own frame, call stack and
// table data.
package nmodl

//go:generate go run gen_binops.go
