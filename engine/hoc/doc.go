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
// Template files come from other people. Nothing in them can run a program
// or write a file: system(), wopen() and similar calls are refused with an
// error naming file:line:col, and load_file/xopen read only files below the
// folder of the first file loaded (standard library files such as
// stdrun.hoc are known and do nothing).
package hoc
