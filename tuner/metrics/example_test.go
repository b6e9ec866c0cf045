package metrics_test

import (
	"fmt"
	"math"
	"strings"

	"github.com/synaptune/synaptune/tuner/metrics"
)

// doubleExp adds an inward double-exponential current of peak factor amp
// (nA) starting at time onset (ms) to x, sampled every dt ms.
func doubleExp(x []float64, dt, onset, amp, tauRise, tauDecay float64) {
	for i := range x {
		if t := float64(i)*dt - onset; t > 0 {
			x[i] -= amp * (math.Exp(-t/tauDecay) - math.Exp(-t/tauRise))
		}
	}
}

func ExampleSingleEvent() {
	const dt = 0.025
	syn := make([]float64, 24001) // 600 ms, as bmtool's SingleEvent records
	doubleExp(syn, dt, 501.3, 0.3, 1, 15)
	tr := metrics.Traces{Syn: syn, SpikeTimes: []float64{500}, Dt: dt}
	r, err := metrics.SingleEvent(tr, metrics.SingleEventSettings{RiseInterval: metrics.BmtoolGeneralRiseInterval()})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := r.Props
	fmt.Printf("sign %.0f, latency %.3f ms, amp %.4f nA, rise %.3f ms, decay %.3f ms, half width %.3f ms\n",
		p.Sign, p.Latency, p.Amp, p.RiseTime, p.DecayTime, p.HalfWidth)
	fmt.Printf("integral %.1f pA·ms\n", r.CurrentIntegral)

	// The corrected half width leaves out the latency bmtool adds.
	c, _ := metrics.SingleEvent(tr, metrics.SingleEventSettings{RiseInterval: metrics.BmtoolGeneralRiseInterval(), Variant: metrics.Corrected})
	fmt.Printf("corrected half width %.3f ms\n", c.Props.HalfWidth)
	// Output:
	// sign -1, latency 1.325 ms, amp 0.2308 nA, rise 1.475 ms, decay 15.222 ms, half width 15.100 ms
	// integral -4193.7 pA·ms
	// corrected half width 13.800 ms
}

func ExampleTrainMetrics() {
	const dt = 0.025
	// bmtool's train: 8 pulses at 50 Hz from 500 ms, 250 ms delay, 4 more.
	var spikes []float64
	for k := range 8 {
		spikes = append(spikes, 500+20*float64(k))
	}
	for k := range 4 {
		spikes = append(spikes, 890+20*float64(k))
	}
	peak := []float64{0.2, 0.15, 0.12, 0.1, 0.09, 0.085, 0.08, 0.078, 0.17, 0.13, 0.11, 0.095}
	syn := make([]float64, 38801) // to tstop = 970 ms
	for k, t := range spikes {
		doubleExp(syn, dt, t+1.3, peak[k], 1, 10)
	}
	tr := metrics.Traces{Syn: syn, SpikeTimes: spikes, Dt: dt}
	_, stp, err := metrics.TrainMetrics(tr, metrics.TrainSettings{NetConDelay: 1.3, WindowEnd: 970})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("PPR %.4f, simple PPR %.4f, induction %.4f, recovery %.4f, max %.2f pA\n",
		stp.PPR, stp.SimplePPR, stp.Induction, stp.Recovery, stp.MaxAmpPA)
	lines := stp.Report(50, 250)
	fmt.Println(lines[2])
	fmt.Println(strings.TrimSpace(lines[11]))
	// Output:
	// PPR -0.1095, simple PPR 0.9018, induction -0.5793, recovery -0.1049, max 139.37 pA
	// Short Term Plasticity Results for 50Hz with 250 Delay
	// Values: 125.682 / 139.367 = 0.902
}

func ExampleComputeOptimizerMetrics() {
	const dt = 0.025
	syn := make([]float64, 24001)
	doubleExp(syn, dt, 501.3, 0.3, 1, 15)
	single := &metrics.Traces{Syn: syn, SpikeTimes: []float64{500}, Dt: dt}
	m, err := metrics.ComputeOptimizerMetrics(single, nil, metrics.OptimizerSettings{
		RiseInterval: metrics.BmtoolGeneralRiseInterval(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"rise_time", "latency", "amp", "induction"} {
		v, _ := m.Value(name)
		fmt.Printf("%s %.4f\n", name, v)
	}
	// Output:
	// rise_time 1.4750
	// latency 1.3250
	// amp 0.2308
	// induction 0.0000
}

func ExampleSTP_Report() {
	amps := []float64{0.05, 0.07, 0.085, 0.095, 0.1, 0.104, 0.107, 0.109, 0.06, 0.075, 0.088, 0.096}
	stp, err := metrics.STPMetrics(amps)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range stp.Report(100, 125)[9:] {
		fmt.Println(line)
	}
	// Output:
	// Simple Paired Pulse Ratio (PPR)
	//     Calculation: Avg 2nd pulse / Avg 1st pulse
	//     Values: 70.000 / 50.000 = 1.400
	//
	// Paired Pulse Response (PPR)
	//     Calculation: (Avg 2nd pulse - Avg 1st pulse) / 90th percentile amplitude
	//     Values: (70.000 - 50.000) / 106.700 = 0.187
	//
	// Induction
	//     Calculation: (Avg(6th, 7th, 8th pulses) - Avg 1st pulse) / 90th percentile amplitude
	//     Values: 106.667 - 50.000 / 106.700 = 0.531
	//
	// Recovery
	//     Calculation: (Avg(9th, 10th, 11th, 12th pulses) - Avg(1st to 4th pulses)) / 90th percentile amplitude
	//     Values: 79.750 - 75.000 / 106.700 = 0.045
	//
	// ========================================
	//
}
