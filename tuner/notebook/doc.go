// Package notebook is the notebook-facing face of the synapse tuner: the calls
// a Go notebook cell makes, named and shaped like the methods of bmtool's
// SynapseTuner in its demo notebook.
//
// Each call runs the simulation, draws its figure in the cell (an echarts chart
// through kernel/gonb), prints bmtool's text (the single-event properties, the
// short-term plasticity report), and waits until the output has reached GoNB,
// because GoNB runs every cell as its own program and drops output still
// queued when that program ends.
//
//	s, _ := tuner.SeedSettings()
//	m, _ := tuner.EmbeddedModels()
//	t, err := notebook.New(s, m, notebook.Options{})
//	...
//	t.SingleEvent()                                             // figure + bmtool's lines
//	t.InteractiveTuner()                                        // sliders until Done
//	t.STPFrequencyResponse(tuner.DefaultFrequencies(), 250, false) // progress bar + figure
//
// A Tuner embeds *tuner.Tuner, so every method of the simulator (SetParam,
// Params, SetVariant, SwitchConnection, ...) is at hand; the methods defined
// here shadow the ones of the same name that only compute.
//
// The echarts library is read from synaptune's cache (installed by
// `make notebooks` or `synaptune setup-echarts`) and sent to the notebook once
// per cell program, before the first figure, as a transient output, so the
// saved notebook does not carry its megabyte. A missing library is an error
// that names the set-up command.
//
// Under a headless run (jupyter nbconvert --execute with SYNAPTUNE_HEADLESS=1)
// everything is drawn the same way, and InteractiveTuner draws the figure for
// the current parameters once and returns instead of waiting for a browser.
package notebook
