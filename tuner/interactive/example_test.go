package interactive_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/tuner/interactive"
)

func ExampleSliderRange() {
	for _, v := range []float64{0.4, 0, -75} {
		lo, hi, step := interactive.SliderRange(v)
		fmt.Println(v, "→", lo, hi, step)
	}
	// Output:
	// 0.4 → 0 8 0.08
	// 0 → 0 1000 1
	// -75 → -1500 0 15
}

// With no front end connected (a notebook run headless), Run draws the
// figure for the current parameters once and returns.
func ExampleTuner_Run_headless() {
	settings, err := tuner.SeedSettings()
	if err != nil {
		fmt.Println(err)
		return
	}
	models, err := tuner.EmbeddedModels()
	if err != nil {
		fmt.Println(err)
		return
	}
	tu, err := tuner.New(settings, models)
	if err != nil {
		fmt.Println(err)
		return
	}
	fe := memory.New()
	fe.SetConnected(false)
	it, err := interactive.New(tu, fe, interactive.Options{ConnectWait: time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	ending, err := it.Run(context.Background())
	fmt.Println(ending, err)
	out := fe.Outputs()[0].HTML
	fmt.Println(strings.Contains(out, `class="synaptune-plot"`), strings.Contains(out, "Short Term Plasticity Results for 50Hz with 250 Delay"))
	// Output:
	// headless <nil>
	// true true
}
