package metrics

import (
	"math"
	"sort"
)

// The helpers in this file repeat numpy's (1.24) floating-point operation
// order so that sums, means and percentiles agree with numpy to the last bit.

// numpyBufferSize is the chunk length numpy's add.reduce hands its inner
// loop for a contiguous float64 array.
const numpyBufferSize = 8192

// numpySum adds x the way numpy's add.reduce does: starting from 0, each
// 8192-element chunk is summed pairwise and added to the running total.
func numpySum(x []float64) float64 {
	total := 0.0
	for lo := 0; lo < len(x); lo += numpyBufferSize {
		hi := min(lo+numpyBufferSize, len(x))
		total += pairwiseSum(x[lo:hi])
	}
	return total
}

// pairwiseSum is numpy's pairwise summation: a plain loop below 8 elements,
// eight interleaved partial sums up to 128, halving (at a multiple of 8) above.
func pairwiseSum(x []float64) float64 {
	n := len(x)
	switch {
	case n < 8:
		res := 0.0
		for _, v := range x {
			res += v
		}
		return res
	case n <= 128:
		var r [8]float64
		copy(r[:], x[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for j := range 8 {
				r[j] += x[i+j]
			}
		}
		res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			res += x[i]
		}
		return res
	default:
		n2 := n / 2
		n2 -= n2 % 8
		return pairwiseSum(x[:n2]) + pairwiseSum(x[n2:])
	}
}

// numpyMean is np.mean of x; NaN for an empty x (numpy warns and returns nan).
func numpyMean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return numpySum(x) / float64(len(x))
}

// numpyPercentile is np.percentile(x, q) with numpy's default "linear"
// method; NaN for an empty x. x is not modified.
func numpyPercentile(x []float64, q float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	n := len(s)
	virtual := float64(float64(n-1) * (q / 100))
	prevIdx := math.Floor(virtual)
	var a, b float64
	if virtual >= float64(n-1) {
		a, b = s[n-1], s[n-1]
	} else if virtual < 0 {
		a, b = s[0], s[0]
	} else {
		a, b = s[int(prevIdx)], s[int(prevIdx)+1]
	}
	gamma := virtual - prevIdx
	return numpyLerp(a, b, gamma)
}

// numpyLerp is numpy's _lerp: a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ 0.5.
func numpyLerp(a, b, t float64) float64 {
	diff := b - a
	if t >= 0.5 {
		return b - float64(diff*(1-t))
	}
	return a + float64(diff*t)
}

// numpyTrapzDx is np.trapz(y, dx=dx): the sum of dx·(y[i+1]+y[i])/2.0.
func numpyTrapzDx(y []float64, dx float64) float64 {
	if len(y) < 2 {
		return 0
	}
	terms := make([]float64, len(y)-1)
	for i := range terms {
		terms[i] = dx * (y[i+1] + y[i]) / 2.0
	}
	return numpySum(terms)
}

// firstLocalMax returns the index of the first peak scipy.signal.find_peaks
// reports for x with no conditions: the first sample higher than its left
// neighbour whose next different sample is lower; for a flat top, the middle
// of the plateau (rounded down). The end samples are never peaks.
func firstLocalMax(x []float64) (int, bool) {
	iMax := len(x) - 1
	for i := 1; i < iMax; i++ {
		if x[i-1] < x[i] {
			ahead := i + 1
			for ahead < iMax && x[ahead] == x[i] {
				ahead++
			}
			if x[ahead] < x[i] {
				return (i + ahead - 1) / 2, true
			}
		}
	}
	return 0, false
}

// firstAbove returns the first index i with x[i] > thr (numpy's
// np.nonzero(x > thr)[0][0]).
func firstAbove(x []float64, thr float64) (int, bool) {
	for i, v := range x {
		if v > thr {
			return i, true
		}
	}
	return 0, false
}

// firstBelow returns the first index i with x[i] < thr.
func firstBelow(x []float64, thr float64) (int, bool) {
	for i, v := range x {
		if v < thr {
			return i, true
		}
	}
	return 0, false
}

// firstRise returns the first i with x[i+1] − x[i] > 0 (np.diff(x) > 0).
func firstRise(x []float64) (int, bool) {
	for i := 0; i+1 < len(x); i++ {
		if x[i+1]-x[i] > 0 {
			return i, true
		}
	}
	return 0, false
}

// numpySign is np.sign for a finite value.
func numpySign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
