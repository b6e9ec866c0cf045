// Package plain is a kernel.Frontend for terminals and files: text goes to an
// io.Writer, and HTML outputs are written as report files into a directory
// (one file per output, plus index.html with all outputs in order). Nothing
// is interactive: comm messages from Go are discarded, none ever arrive, and
// Connected is always false, so code that adapts to the front end takes its
// non-interactive path.
package plain
