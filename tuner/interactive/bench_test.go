package interactive

import (
	"context"
	"testing"
	"time"

	"github.com/synaptune/synaptune/kernel/memory"
)

// BenchmarkSliderToFigure measures the Go side of a slider move on the FSI
// cell (Dep2FSI, 50 Hz train): from the slider message to the new figure,
// printout and metrics sent to the front end (simulation, metrics, display
// reduction, option JSON). The browser adds the websocket and the drawing.
func BenchmarkSliderToFigure(b *testing.B) {
	tu := seedTuner(b)
	fe := memory.New()
	it, err := New(tu, fe, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _, _ = it.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitIdle := func(n int64) {
		for it.Simulations() < n || it.busy.Load() || len(it.wake) > 0 {
			time.Sleep(50 * time.Microsecond)
		}
	}
	waitIdle(1)
	var id string
	it.mu.Lock()
	for _, p := range it.sliders {
		if p.name == "Use" {
			id = p.slider.ID() + "/value"
		}
	}
	it.mu.Unlock()
	values := []float64{0.8, 0.4, 1.2, 1.6}
	for i := 0; b.Loop(); i++ {
		n := it.Simulations()
		if _, err := fe.Inject(id, values[i%len(values)]); err != nil {
			b.Fatal(err)
		}
		waitIdle(n + 1)
	}
}

// BenchmarkTrainFSI is the simulation and metrics alone, for comparison.
func BenchmarkTrainFSI(b *testing.B) {
	tu := seedTuner(b)
	for b.Loop() {
		if _, err := tu.Train(50, 250); err != nil {
			b.Fatal(err)
		}
	}
}
