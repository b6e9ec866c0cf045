// Package rt is what kernels written by package gen use at run time
// besides package engine: the parts of the exponential that they write out
// in place (libm's main path: its constants and its table) and the function
// itself for the arguments outside that path. It exists so that a kernel
// generated into a program outside this module builds: the exponential's
// own package is internal.
package rt

import "github.com/synaptune/synaptune/internal/libm"

// Exp is the exponential the engine computes (glibc's, bit for bit).
func Exp(x float64) float64 { return libm.Exp(x) }

// ExpTable returns the table of Exp's main path; it must not be modified.
func ExpTable() *[2 << ExpTableBits]uint64 { return libm.ExpTable() }

// The constants of Exp's main path (see internal/libm's inline.go).
const (
	ExpFastLo    = libm.ExpFastLo
	ExpFastSpan  = libm.ExpFastSpan
	ExpTableBits = libm.ExpTableBits
	ExpInvLn2N   = libm.ExpInvLn2N
	ExpShift     = libm.ExpShift
	ExpNegLn2HiN = libm.ExpNegLn2HiN
	ExpNegLn2LoN = libm.ExpNegLn2LoN
	ExpC2        = libm.ExpC2
	ExpC3        = libm.ExpC3
	ExpC4        = libm.ExpC4
	ExpC5        = libm.ExpC5
)
