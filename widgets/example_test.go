package widgets_test

import (
	"fmt"

	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/widgets"
)

// A slider and a toggle in a row; the front end (here the in-memory test
// front end) moves the slider and Go reads the new value.
func Example() {
	fe := memory.New()
	use, _ := widgets.NewFloatSlider(fe, widgets.FloatSliderConfig{Label: "Use", Min: 0, Max: 1, Step: 0.01, Value: 0.5})
	clamp, _ := widgets.NewToggleButton(fe, widgets.ToggleButtonConfig{Label: "Voltage Clamp"})
	row, _ := widgets.NewHBox(fe, use, clamp)
	_, _ = widgets.Display(fe, row)

	_, _ = fe.Inject(use.ID()+"/value", 0.8) // the user drags the slider
	fmt.Println(<-use.Changes(), use.Value())

	_ = use.SetValue(0.2) // Go moves it back; the front end follows
	sent, _ := fe.LastSent(use.ID() + "/value")
	fmt.Println(string(sent))
	// Output:
	// 0.8 0.8
	// 0.2
}

// Show a widget only while a toggle is on.
func ExampleToggleButton_OnChange() {
	fe := memory.New()
	clamp, _ := widgets.NewToggleButton(fe, widgets.ToggleButtonConfig{Label: "Voltage Clamp"})
	amp, _ := widgets.NewFloatText(fe, widgets.FloatTextConfig{Label: "Amplitude (mV)", Value: -70})
	_ = amp.Hide()
	clamp.OnChange(func(on bool) { _ = amp.SetVisible(on) })

	_, _ = fe.Inject(clamp.ID()+"/value", true)
	fmt.Println(amp.Visible())
	// Output: true
}
