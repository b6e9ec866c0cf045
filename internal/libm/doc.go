// Package libm holds elementary functions computed the way the GNU C
// library computes them on x86-64, so that the engine's arithmetic matches
// NEURON's bit for bit where NEURON calls libm.
//
// Exp follows glibc's exp (2.28 and later) in its FMA build, which the
// library selects on processors with FMA and AVX2: a table of 128 values
// of 2^(k/128), a degree-5 polynomial on the reduced argument and the same
// fused multiply-adds, so its results are identical to that build's.
// math.Exp is correctly rounded nearly always as well, but not always the
// same way, and it is slower.
package libm
