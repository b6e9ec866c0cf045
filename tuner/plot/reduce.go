package plot

import (
	"fmt"
	"slices"
)

// MaxDisplayPoints is the most points of one series the figure builders send
// to the browser.
const MaxDisplayPoints = 2000

// Reduce thins a sampled curve y to at most maxPoints points for display and
// returns the indices of the samples it keeps, in increasing order.
//
// The samples are split into columns of (nearly) equal count, as many as
// half the budget allows, and each column keeps its smallest and its largest
// value; the first and last samples and every index in keep are always kept.
// A line through the kept points therefore has the same envelope as the full
// curve at the resolution of one column: every peak and trough that is the
// extreme of its column survives with its exact time and value. A curve that
// already fits is returned whole.
//
// maxPoints must leave room for the endpoints, the kept indices and at least
// one column (maxPoints ≥ len(keep)+4); keep indices must lie in [0, n).
func Reduce(y []float64, maxPoints int, keep ...int) ([]int, error) {
	n := len(y)
	for _, k := range keep {
		if k < 0 || k >= n {
			return nil, fmt.Errorf("plot: reduce: kept index %d outside [0, %d)", k, n)
		}
	}
	if n <= maxPoints {
		return indices(n), nil
	}
	cols := (maxPoints - 2 - len(keep)) / 2
	if cols < 1 {
		return nil, fmt.Errorf("plot: reduce: a budget of %d points cannot hold the endpoints and %d kept indices", maxPoints, len(keep))
	}
	out := make([]int, 0, 2*cols+2+len(keep))
	out = append(out, 0, n-1)
	out = append(out, keep...)
	for c := range cols {
		lo, hi := c*n/cols, (c+1)*n/cols
		iMin, iMax := lo, lo
		for i := lo + 1; i < hi; i++ {
			if y[i] < y[iMin] {
				iMin = i
			}
			if y[i] > y[iMax] {
				iMax = i
			}
		}
		out = append(out, iMin, iMax)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// reduced returns the points of (x, y) that Reduce keeps within the budget
// of MaxDisplayPoints, as echarts [x, y] data.
func reduced(x, y []float64, keep ...int) ([][2]num, error) {
	idx, err := Reduce(y, MaxDisplayPoints, keep...)
	if err != nil {
		return nil, err
	}
	out := make([][2]num, len(idx))
	for j, i := range idx {
		out[j] = [2]num{num(x[i]), num(y[i])}
	}
	return out, nil
}
