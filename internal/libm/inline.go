package libm

// Code generators (package engine/gen) write the main path of Exp into the
// code that calls it, so that no call interrupts a generated step. These
// are the constants and the table that path reads; the path itself, and
// the test that the written-out code computes Exp bit for bit, are in
// engine/gen.
const (
	// ExpFastLo and ExpFastSpan select the main path: x takes it when the
	// biased exponent e of |x| satisfies e-ExpFastLo < ExpFastSpan
	// (unsigned), that is 2^-54 <= |x| < 512; other arguments go to Exp.
	ExpFastLo   = 0x3c9
	ExpFastSpan = 0x408 - 0x3c9
	// ExpTableBits is log2 of the number of table entries.
	ExpTableBits = expTableBits
	// ExpInvLn2N is 128/ln 2, ExpShift the rounding shift 1.5·2^52.
	ExpInvLn2N = invLn2N
	ExpShift   = expShift
	// ExpNegLn2HiN and ExpNegLn2LoN are −ln2/128 in two parts.
	ExpNegLn2HiN = negLn2HiN
	ExpNegLn2LoN = negLn2LoN
	// ExpC2 to ExpC5 are the polynomial's coefficients.
	ExpC2 = expC2
	ExpC3 = expC3
	ExpC4 = expC4
	ExpC5 = expC5
)

// ExpTable returns Exp's table: for k in [0, 128), entry 2k holds the bits
// of the correction T and entry 2k+1 those of H − k<<45, where H is
// 2^(k/128) rounded and 2^(k/128) = H·(1+T). It must not be modified.
func ExpTable() *[2 * expN]uint64 { return &expTable }
