package metrics

import (
	"fmt"
	"math"
	"strings"
)

// STP holds bmtool's short-term plasticity metrics of one train.
//
// All four ratios are computed from the amplitudes in pA. "Avg" below is the
// mean over the pulses named, and p90 is the 90th percentile of all
// amplitudes (numpy's default linear interpolation).
type STP struct {
	// PPR is (Avg 2nd − Avg 1st) / p90: above 0 facilitating, below 0
	// depressing.
	PPR float64
	// SimplePPR is Avg 2nd / Avg 1st: above 1 facilitating, below 1 depressing.
	SimplePPR float64
	// Induction is (Avg(6th, 7th, 8th) − Avg 1st) / p90.
	Induction float64
	// Recovery is (Avg(9th–12th) − Avg(1st–4th)) / p90: how far the response
	// after the delay has returned towards the first pulses.
	Recovery float64
	// MaxAmpPA is bmtool's _find_max_amp: the largest amplitude in pA, or
	// the most negative one when its magnitude is larger.
	MaxAmpPA float64
	// Amps are the amplitudes the metrics were computed from (nA).
	Amps []float64
	// Percentile90 is p90 in pA.
	Percentile90 float64
}

// STPMetrics is bmtool's _calc_ppr_induction_recovery and _find_max_amp on
// the amplitudes of one train (nA, as ResponseAmplitudes returns them).
//
// A metric whose pulses are missing is NaN, as numpy's mean of an empty
// selection is: a continuous-input train with fewer than 12 pulses has no
// Recovery, fewer than 6 no Induction, a single pulse no PPR. An empty or
// non-finite amplitude list is an error.
func STPMetrics(amps []float64) (STP, error) {
	if len(amps) == 0 {
		return STP{}, fmt.Errorf("metrics: STP: %w", ErrNoAmplitudes)
	}
	for i, v := range amps {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return STP{}, fmt.Errorf("metrics: STP: amplitude %d is %v", i+1, v)
		}
	}
	m := stpMeans(amps)
	return STP{
		PPR:          m.ppr(),
		SimplePPR:    m.simplePPR(),
		Induction:    m.induction(),
		Recovery:     m.recovery(),
		MaxAmpPA:     maxAmplitudePA(amps),
		Amps:         append([]float64(nil), amps...),
		Percentile90: m.p90,
	}, nil
}

// maxAmplitudePA is bmtool's _find_max_amp: max·1000, or min·1000 when
// |min| > max.
func maxAmplitudePA(amps []float64) float64 {
	hi, lo := amps[0], amps[0]
	for _, v := range amps[1:] {
		hi = math.Max(hi, v)
		lo = math.Min(lo, v)
	}
	if math.Abs(lo) > hi {
		return lo * 1000
	}
	return hi * 1000
}

// pulseMeans are the averages bmtool's formulas use, in pA.
type pulseMeans struct {
	first, second, sixToEight, firstFour, nineToTwelve, p90 float64
}

func stpMeans(amps []float64) pulseMeans {
	pa := make([]float64, len(amps))
	for i, v := range amps {
		pa[i] = v * 1000
	}
	// sel mirrors numpy slicing pa[lo:hi], clipped to the array.
	sel := func(lo, hi int) []float64 {
		lo, hi = min(lo, len(pa)), min(hi, len(pa))
		return pa[lo:hi]
	}
	return pulseMeans{
		first:        numpyMean(sel(0, 1)),
		second:       numpyMean(sel(1, 2)),
		sixToEight:   numpyMean(sel(5, 8)),
		firstFour:    numpyMean(sel(0, 4)),
		nineToTwelve: numpyMean(sel(8, 12)),
		p90:          numpyPercentile(pa, 90),
	}
}

func (m pulseMeans) ppr() float64       { return (m.second - m.first) / m.p90 }
func (m pulseMeans) simplePPR() float64 { return m.second / m.first }
func (m pulseMeans) induction() float64 { return (m.sixToEight - m.first) / m.p90 }
func (m pulseMeans) recovery() float64  { return (m.nineToTwelve - m.firstFour) / m.p90 }

// Report returns the explanatory printout of bmtool's
// _calc_ppr_induction_recovery(print_math=True), one string a line, so that
// strings.Join(lines, "\n") followed by a newline is what bmtool writes to
// stdout. freq (Hz) and delay (ms) appear in the header as Python prints the
// numbers a user passes: integral values as ints ("50Hz with 250 Delay", as
// from bmtool's sliders and the optimizer's defaults), others as floats.
// Numbers are formatted as bmtool's f-strings do (three decimals), and the
// lines keep bmtool's wording, including its unparenthesised "a - b / c"
// in the Induction and Recovery lines. An STP without amplitudes has no
// report (nil).
func (s STP) Report(freq, delay float64) []string {
	if len(s.Amps) == 0 {
		return nil
	}
	m := stpMeans(s.Amps)
	f3 := func(v float64) string { return PyFixed(v, 3) }
	rule := strings.Repeat("=", 40)
	text := strings.Join([]string{
		"",
		rule,
		"Short Term Plasticity Results for " + pyNumber(freq) + "Hz with " + pyNumber(delay) + " Delay",
		rule,
		"Simple PPR: Above 1 is facilitating, below 1 is depressing",
		"PPR:        Above 0 is facilitating, below 0 is depressing.",
		"Induction:  Above 0 is facilitating, below 0 is depressing.",
		"Recovery:   A measure of how fast STP decays.\n",
		"Simple Paired Pulse Ratio (PPR)",
		"    Calculation: Avg 2nd pulse / Avg 1st pulse",
		"    Values: " + f3(m.second) + " / " + f3(m.first) + " = " + f3(m.simplePPR()) + "\n",
		"Paired Pulse Response (PPR)",
		"    Calculation: (Avg 2nd pulse - Avg 1st pulse) / 90th percentile amplitude",
		"    Values: (" + f3(m.second) + " - " + f3(m.first) + ") / " + f3(m.p90) + " = " + f3(m.ppr()) + "\n",
		"Induction",
		"    Calculation: (Avg(6th, 7th, 8th pulses) - Avg 1st pulse) / 90th percentile amplitude",
		"    Values: " + f3(m.sixToEight) + " - " + f3(m.first) + " / " + f3(m.p90) + " = " + f3(m.induction()) + "\n",
		"Recovery",
		"    Calculation: (Avg(9th, 10th, 11th, 12th pulses) - Avg(1st to 4th pulses)) / 90th percentile amplitude",
		"    Values: " + f3(m.nineToTwelve) + " - " + f3(m.firstFour) + " / " + f3(m.p90) + " = " + f3(m.recovery()) + "\n",
		rule + "\n",
	}, "\n")
	return strings.Split(text, "\n")
}

// TrainMetrics runs ResponseAmplitudes and STPMetrics on one train.
func TrainMetrics(tr Traces, s TrainSettings) (Amplitudes, STP, error) {
	a, err := ResponseAmplitudes(tr, s)
	if err != nil {
		return Amplitudes{}, STP{}, err
	}
	m, err := STPMetrics(a.Amps)
	if err != nil {
		return Amplitudes{}, STP{}, err
	}
	return a, m, nil
}
