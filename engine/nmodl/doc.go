// Package nmodl reads NEURON model description files (.mod, the NMODL
// language) and turns them into a resolved, engine-independent description
// of a mechanism.
//
// The pipeline has three stages:
//
//   - Parse turns source text into a File, an abstract syntax tree in which
//     every node keeps its position (file, line, column). The first syntax
//     error is returned as an *Error whose text reads "file:line:col: reason".
//   - Check resolves every name in a File (declared variables, ions, locals,
//     functions, built-in functions and NEURON's special variables) and
//     returns a Model, or a list of errors that each carry a position.
//   - Compile (package nmodl/compile... see Model.Compile) lowers checked
//     blocks into closures over a slot-indexed frame of float64 values.
//
// The accepted language follows nocmodl from NEURON 8.2.2: the grammar in
// src/nmodl/parse1.ypp and the lexical rules in src/nmodl/lex.lpp. Where
// nocmodl only warns, this package warns as well (Model.Warnings) instead
// of refusing the file.
package nmodl
