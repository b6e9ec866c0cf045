// Package hoc reads NEURON .hoc cell template files and runs them with
// NEURON's meaning for each construct.
//
// The package has three layers:
//
//   - a lexer and a recursive-descent parser ([Parse]) that turn HOC source
//     into an AST in which every node carries its file:line:col position;
//   - an interpreter ([Interpreter]) for the language core: numbers, strings,
//     arrays, procedures and functions with $ arguments, control flow,
//     templates, object references and a few built-in classes (Vector,
//     Random, SectionList);
//   - a [Builder] interface through which the interpreter creates and
//     configures sections, mechanisms and point processes. The package never
//     models cable properties itself; an adapter to the simulator implements
//     Builder.
//
// HOC's grammar is line oriented: a top-level statement ends at a newline,
// `;` only separates the three parts of a C-style for, and inside braces
// statements may follow each other on one line. The parser enforces the
// same rules NEURON 8.2 does, so files NEURON rejects are rejected here.
//
// Semantics follow NEURON 8.2.2 where they were checked against it (the
// goldens in testdata were printed by nrniv): `for (x)` visits 0, every
// segment centre and 1, while `for (x, 0)` visits the centres only; `&&`
// and `||` evaluate both sides; comparisons use NEURON's tolerance of
// 1e-11; `%` is NEURON's cyclic modulus; floor and fabs do not exist in
// HOC; printf follows NEURON's own format scanning; issection, ifsec and
// forsec use NEURON's section-name patterns (whole-name match, `<a-z>`
// classes, `{0-9}` integer ranges, literal brackets); distance() measures
// path length between the nodes nearest to the two positions; forall
// order is creation order with an object's sections kept together; a
// SectionList subtree is breadth first with each section's children in
// NEURON's sibling order (by position on the parent, the most recently
// connected first among equal positions).
//
// Not supported (each fails with file:line:col at first use): iterators,
// setpointer, pointer arguments, SectionRef, NetCon, File, Matrix, graphics,
// execute(), and drawing numbers from Random. A Random object records its
// generator (ACG, MLCG, MCellRan4, Random123 and their seeds) and its
// distribution with parameters, which is what templates usually do; using
// the sample that NEURON's distribution methods return is an error.
// Objects are never freed: NEURON deletes an object, and its sections,
// when its last reference goes away; here they stay.
//
// Template files come from other people. Nothing in them can run a program
// or write a file: system(), wopen() and similar calls are refused with an
// error naming file:line:col, and load_file/xopen read only files below the
// folder of the first file loaded (standard library files such as
// stdrun.hoc are known and do nothing).
package hoc
