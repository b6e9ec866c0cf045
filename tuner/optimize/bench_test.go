package optimize

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"
)

// benchmarkEvaluations reports the evaluations per second of method on
// obj, over runs of a fixed budget.
func benchmarkEvaluations(b *testing.B, mname string, workers int, obj Objective) {
	p := Problem{Params: []Param{{"Dep", 0, 800}, {"Fac", 0, 100}, {"Use", 0.1, 1}}, Objective: obj}
	m := method(b, mname)
	set := &Settings{Workers: workers, MaxEvaluations: 500, Init: InitRandom}
	evals := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		set.Seed = uint64(i)
		res, err := Minimize(context.Background(), p, set, m)
		if err != nil {
			b.Fatal(err)
		}
		evals += res.Evaluations
	}
	b.ReportMetric(float64(evals)/b.Elapsed().Seconds(), "evals/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(evals), "ns/eval")
}

// cheap is a cost that never converges exactly (a noisy floor keeps the
// methods busy until the budget is spent).
func cheap(_ context.Context, x []float64) (float64, any, error) {
	a, c := (x[0]-310)/800, x[2]-0.37
	return a*a + c*c + 1e-3*math.Sin(1e4*x[1]) + 1e-3, nil, nil
}

// busy stands in for a short simulation: a fixed amount of arithmetic,
// some tens of microseconds.
func busy(ctx context.Context, x []float64) (float64, any, error) {
	v := x[0]
	for range 20000 {
		v = math.Sqrt(v + 1)
	}
	c, _, err := cheap(ctx, x)
	return c + 0*v, nil, err
}

// waiting stands in for an evaluation that waits rather than computes
// (200 µs): it shows the overlap of the worker pool even on a busy
// machine.
func waiting(ctx context.Context, x []float64) (float64, any, error) {
	time.Sleep(200 * time.Microsecond)
	return cheap(ctx, x)
}

func BenchmarkEvaluations(b *testing.B) {
	for _, mname := range allMethods {
		for _, obj := range []struct {
			name string
			f    Objective
		}{{"cheap", cheap}, {"busy", busy}, {"waiting", waiting}} {
			for _, workers := range []int{1, 0} {
				label := "workers=GOMAXPROCS"
				if workers == 1 {
					label = "workers=1"
				}
				b.Run(fmt.Sprintf("%s/%s/%s", mname, obj.name, label), func(b *testing.B) {
					benchmarkEvaluations(b, mname, workers, obj.f)
				})
			}
		}
	}
}
