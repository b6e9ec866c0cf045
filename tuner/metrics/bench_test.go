package metrics

import "testing"

func BenchmarkSingleEvent(b *testing.B) {
	g, traces := loadGoldens(b)
	c := g.Single[0]
	tr := Traces{Syn: traces[c.Syn], Clamp: traces[c.Clamp], SpikeTimes: c.SpikeTimes, Dt: c.Dt}
	s := SingleEventSettings{VClamp: c.VClamp, RiseInterval: RiseInterval{c.RiseInterval[0], c.RiseInterval[1]}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := SingleEvent(tr, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrainMetrics(b *testing.B) {
	g, traces := loadGoldens(b)
	c := g.Train[0]
	tr := Traces{Syn: traces[c.Syn], Clamp: traces[c.Clamp], SpikeTimes: c.SpikeTimes, Dt: c.Dt}
	s := TrainSettings{VClamp: c.VClamp, NetConDelay: c.NetConDelay, WindowEnd: c.WindowEnd}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := TrainMetrics(tr, s); err != nil {
			b.Fatal(err)
		}
	}
}
