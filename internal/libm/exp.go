package libm

import "math"

// Constants of the reduction x = k·ln2/N + r, N = 128, and the polynomial
// approximating exp(r)-1 on |r| <= ln2/256 (its first coefficient is 1).
const (
	expTableBits = 7
	expN         = 1 << expTableBits
	invLn2N      = 0x1.71547652b82fep0 * expN
	negLn2HiN    = -0x1.62e42fefa0000p-8
	negLn2LoN    = -0x1.cf79abc9e3b3ap-47
	expShift     = 0x1.8p52
	expC2        = 0x1.ffffffffffdbdp-2
	expC3        = 0x1.555555555543cp-3
	expC4        = 0x1.55555cf172b91p-5
	expC5        = 0x1.1111167a4d017p-7
)

// top12 returns the sign and exponent bits of x.
func top12(x float64) uint32 { return uint32(math.Float64bits(x) >> 52) }

// Exp returns e**x, bit-identical to glibc's exp on x86-64 with FMA.
// Special cases: Exp(+Inf) = +Inf, Exp(-Inf) = 0, Exp(NaN) = NaN; large
// arguments overflow to +Inf and small ones underflow to 0.
func Exp(x float64) float64 {
	abstop := top12(x) & 0x7ff
	if abstop-top12(0x1p-54) >= top12(512)-top12(0x1p-54) {
		if int32(abstop)-int32(top12(0x1p-54)) < 0 {
			// |x| < 2^-54: exp(x) rounds to 1 (x + 1 keeps the rounding mode's say).
			return 1.0 + x
		}
		if abstop >= top12(1024) {
			switch {
			case x == math.Inf(-1):
				return 0
			case abstop >= top12(math.Inf(1)):
				return 1.0 + x // NaN or +Inf
			case math.Signbit(x):
				return 0 // underflow
			default:
				return math.Inf(1) // overflow
			}
		}
		// 512 <= |x| < 1024: the scale may over- or underflow; see below.
		abstop = 0
	}
	// x = ln2/N·k + r with |r| <= ln2/(2N); k is rounded to nearest by the
	// shift trick, with the product and the sum fused as glibc's build does.
	kd := math.FMA(x, invLn2N, expShift)
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, negLn2HiN, x)
	r = math.FMA(kd, negLn2LoN, r)
	// 2^(k/N) ~= scale·(1 + tail)
	idx := 2 * (ki % expN)
	top := ki << (52 - expTableBits)
	tail := math.Float64frombits(expTable[idx])
	sbits := expTable[idx+1] + top
	// exp(x) = 2^(k/N)·exp(r) ~= scale + scale·(tail + exp(r) - 1)
	r2 := r * r
	tmp := math.FMA(math.FMA(r, expC3, expC2), r2, tail+r)
	tmp = math.FMA(r2*r2, math.FMA(r, expC5, expC4), tmp)
	if abstop == 0 {
		return expSpecial(tmp, sbits, ki)
	}
	scale := math.Float64frombits(sbits)
	return math.FMA(scale, tmp, scale)
}

// expSpecial finishes Exp when the exponent of the scale may be out of
// range: 2^(k/N) is then formed in two factors, and results in the
// subnormal range are rounded once.
func expSpecial(tmp float64, sbits, ki uint64) float64 {
	if ki&0x80000000 == 0 {
		// k > 0: the scale's exponent may have overflowed by up to 460.
		sbits -= 1009 << 52
		scale := math.Float64frombits(sbits)
		return 0x1p1009 * math.FMA(scale, tmp, scale)
	}
	// k < 0
	sbits += 1022 << 52
	scale := math.Float64frombits(sbits)
	st := float64(scale * tmp) // rounded: glibc does not fuse this product
	y := scale + st
	if y < 1.0 {
		// The result will be subnormal: round hi + lo once, in a range
		// where the rounding is the final one.
		lo := scale - y + st
		hi := 1.0 + y
		lo = 1.0 - hi + y + lo
		y = (hi + lo) - 1.0
		if y == 0 {
			y = 0 // not -0
		}
	}
	return 0x1p-1022 * y
}
