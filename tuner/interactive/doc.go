// Package interactive is synaptune's counterpart of bmtool's InteractiveTuner:
// a panel of widgets that re-simulates a synapse while the user moves its
// sliders, and shows the traces, bmtool's printout and the current metrics.
//
// A Tuner is built from a *tuner.Tuner and a kernel.Frontend (a web page, a
// GoNB notebook, or the in-memory front end of tests). It offers every control
// bmtool's InteractiveTuner has:
//
//   - a Connection dropdown; choosing another connection switches the tuner
//     and rebuilds the parameter sliders;
//   - Run Train and Single Event buttons;
//   - a Voltage Clamp toggle, with its V_clamp (mV) box shown only while it
//     is on;
//   - a Continuous input toggle, which swaps the Delay slider for the
//     Duration slider;
//   - Input Freq, Delay and Duration selection sliders with bmtool's choices
//     and defaults (50 Hz, 250 ms, 300 ms);
//   - one slider per slider variable, with bmtool's range (0 to 20 times the
//     initial value in steps of a fifth of it, or 0 to 1000 for a zero value),
//     mirrored for negative values;
//   - a save path and Save Plot, which writes the synaptic-current panel as
//     PNG or SVG on the Go side (tuner/plot.SaveSynapticCurrent);
//   - output areas with the figure and the printout, replaced in place.
//
// and three controls bmtool lacks: a Corrected protocol toggle (bmtool's
// protocol or the corrected one), a metrics panel that always shows the
// numbers of the latest train and single event, and a Settings JSON button
// that shows the current settings (with the slider values) in a text area,
// ready to copy into a settings file.
//
// # Re-simulation
//
// Unlike bmtool, which simulates only when Run Train is pressed, every change
// of a slider, toggle or box re-runs the current view (the train or the single
// event, whichever ran last). Changes are coalesced: the widgets' callbacks
// only mark work as pending, and the event loop reads the newest values when
// it gets to the work, so a dragged slider never queues stale simulations.
//
// # Event loop and lifetime
//
// Run shows the panel and handles events until the Done button is pressed,
// its context is cancelled, or no event arrives for the idle timeout. It
// then replaces the panel with a static copy of the final figure, metrics and
// parameters, which stays in the front end (and in a saved notebook). When no
// front end connects (a headless notebook run), Run draws the figure for the
// current parameters once, as static output, and returns.
//
// While Run runs, the Tuner owns the *tuner.Tuner; the caller must not use it
// until Run returns.
package interactive
