package interactive

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/tuner/plot"
	"github.com/synaptune/synaptune/widgets"
)

// Ending says why Run returned.
type Ending string

// The ways Run ends.
const (
	// EndDone: the user pressed Done.
	EndDone Ending = "done"
	// EndCancelled: Run's context was cancelled (Ctrl-C, a kernel interrupt).
	EndCancelled Ending = "cancelled"
	// EndIdle: no event arrived for the idle timeout.
	EndIdle Ending = "idle timeout"
	// EndHeadless: no front end connected; the static figure was drawn.
	EndHeadless Ending = "headless"
)

// Run shows the interactive tuner and handles its events until the Done
// button, the cancellation of ctx or the idle timeout, then leaves a static
// copy of the final figure, metrics and parameters in place of the panel.
// When no front end connects within Options.ConnectWait, Run draws the static
// figure for the current parameters (DrawStatic) and returns EndHeadless.
//
// A simulation that fails is reported in the panel's status line, not as an
// error; Run's error is about the front end (an output that cannot be shown).
func (it *Tuner) Run(ctx context.Context) (Ending, error) {
	if !it.waitForFrontend(ctx) {
		if ctx.Err() != nil {
			it.closeWidgets()
			return EndCancelled, nil
		}
		return EndHeadless, it.DrawStatic()
	}
	if len(it.opts.ECharts) > 0 {
		if err := it.fe.DisplayTransient(plot.LoaderHTML(it.opts.ECharts)); err != nil {
			it.closeWidgets()
			return "", fmt.Errorf("interactive: echarts library: %w", err)
		}
	}
	if err := it.prepare(); err != nil {
		it.closeWidgets()
		return "", fmt.Errorf("interactive: %w", err)
	}
	panel, err := widgets.Display(it.fe, it.root)
	if err != nil {
		it.closeWidgets()
		return "", fmt.Errorf("interactive: %w", err)
	}
	it.mark(simulate) // the first figure, as bmtool draws the train at once

	idle := it.opts.IdleTimeout
	if idle == 0 {
		idle = DefaultIdleTimeout
	}
	var timeout <-chan time.Time
	var timer *time.Timer
	if idle > 0 {
		timer = time.NewTimer(idle)
		defer timer.Stop()
		timeout = timer.C
	}
	ending := EndCancelled
loop:
	for {
		select {
		case <-ctx.Done():
			ending = EndCancelled
			break loop
		case <-timeout:
			ending = EndIdle
			break loop
		case <-it.wake:
		}
		it.busy.Store(true)
		p := it.take()
		if p.done {
			ending = EndDone
			break
		}
		it.handle(p)
		it.busy.Store(false)
		if timer != nil {
			timer.Reset(idle)
		}
	}
	return ending, it.finish(panel, ending)
}

func (it *Tuner) waitForFrontend(ctx context.Context) bool {
	wait := it.opts.ConnectWait
	if wait == 0 {
		wait = DefaultConnectWait
	}
	if wait < 0 {
		return it.fe.Connected(ctx)
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	return it.fe.Connected(wctx)
}

// handle does the pending work in order: switch connection, apply the
// controls, simulate, save, show the settings.
func (it *Tuner) handle(p pending) {
	if p.connection != "" && p.connection != it.tu.Connection() {
		if err := it.switchConnection(p.connection); err != nil {
			it.setStatus("Error switching connection: " + err.Error())
			return
		}
	}
	if p.viewSet {
		it.view = p.view
	}
	if p.simulate {
		if err := it.apply(); err != nil {
			it.setStatus("Error: " + err.Error())
		} else if err := it.simulate(); err != nil {
			it.setStatus("Error: " + err.Error())
		}
	}
	if p.save {
		it.setStatus(it.savePlot())
	}
	if p.showJSON {
		if err := it.showSettings(); err != nil {
			it.setStatus("Error: " + err.Error())
		}
	}
}

func (it *Tuner) setStatus(text string) { _ = it.status.SetText(text) }

// switchConnection switches the tuner and rebuilds the sliders and the
// clamp box for the new connection.
func (it *Tuner) switchConnection(name string) error {
	if err := it.tu.SwitchConnection(name); err != nil {
		return err
	}
	if err := it.vclampAmp.SetValue(it.tu.VClampAmp()); err != nil {
		return err
	}
	return it.rebuildSliders()
}

// apply copies the controls into the tuner: protocol, clamp, parameters.
func (it *Tuner) apply() error {
	variant := tuner.Bmtool
	if it.protocol.Value() {
		variant = tuner.Corrected
	}
	it.tu.SetVariant(variant)
	it.tu.SetVClamp(it.vclamp.Value())
	if it.vclamp.Value() { // bmtool takes the box's value only under voltage clamp
		if err := it.tu.SetVClampAmp(it.vclampAmp.Value()); err != nil {
			return err
		}
	}
	for _, p := range it.sliderValues() {
		if err := it.tu.SetParam(p.Name, p.Value); err != nil {
			return err
		}
	}
	return nil
}

// simulate runs the current view and shows its figure, printout and metrics.
func (it *Tuner) simulate() error {
	it.setStatus(fmt.Sprintf("Running %s…", it.view))
	r, err := it.run()
	if err != nil {
		return err
	}
	html, err := r.figure.HTMLWithID(it.figureID)
	if err != nil {
		return err
	}
	it.last = r
	if err := it.figureArea.SetHTML(figureBox(r.figure, html)); err != nil {
		return err
	}
	if err := it.printout.SetHTML(preHTML(r.lines)); err != nil {
		return err
	}
	if err := it.metricsArea.SetHTML(it.metricsHTML()); err != nil {
		return err
	}
	it.setStatus(fmt.Sprintf("%s: %s done (%d simulations).", it.tu.Connection(), it.view, it.Simulations()))
	return nil
}

// run simulates the current view with the tuner's settings.
func (it *Tuner) run() (*rendered, error) {
	it.simulations.Add(1)
	if it.view == SingleEventView {
		res, err := it.tu.SingleEvent()
		if err != nil {
			return nil, err
		}
		it.lastEvent = res
		return it.renderSingleEvent(res)
	}
	freq, delay, duration, err := it.trainChoice()
	if err != nil {
		return nil, err
	}
	var res *tuner.TrainResult
	if it.continuous.Value() {
		res, err = it.tu.Continuous(freq, duration)
	} else {
		res, err = it.tu.Train(freq, delay)
	}
	if err != nil {
		return nil, err
	}
	it.lastTrain = res
	return it.renderTrain(res)
}

// savePlot writes the synaptic-current panel of the last figure to the save
// path and returns the status line.
func (it *Tuner) savePlot() string {
	if it.last == nil {
		return "No plot to save"
	}
	path := it.savePath.Value()
	if path == "" {
		return "Error saving plot: empty save path"
	}
	if !filepath.IsAbs(path) && it.opts.SaveDir != "" {
		path = filepath.Join(it.opts.SaveDir, path)
	}
	if err := plot.SaveSynapticCurrent(path, it.last.traces, it.last.window); err != nil {
		return "Error saving plot: " + err.Error()
	}
	return "Synaptic current plot saved to " + path
}

// showSettings shows the current settings as JSON in a text area.
func (it *Tuner) showSettings() error {
	if err := it.apply(); err != nil {
		return err
	}
	doc, err := SettingsJSON(it.tu.Settings())
	if err != nil {
		return err
	}
	if err := it.jsonArea.SetHTML(settingsAreaHTML(it.jsonArea.ID(), doc)); err != nil {
		return err
	}
	return it.jsonArea.Show()
}

// finish replaces the panel with the static final state and closes the
// widgets.
func (it *Tuner) finish(panel kernel.OutputID, ending Ending) error {
	defer it.closeWidgets()
	final, err := it.staticHTML(fmt.Sprintf("Interactive tuner ended (%s).", ending))
	if err != nil {
		return fmt.Errorf("interactive: final figure: %w", err)
	}
	if err := it.fe.UpdateHTML(panel, final); err != nil {
		return fmt.Errorf("interactive: final figure: %w", err)
	}
	return nil
}

// DrawStatic shows, as one new output, the figure, metrics and printout of
// the current view (simulating it first if it has not run) with the current
// parameters, without widgets or comm messages. Run uses it when no front end
// is connected. It must not be called while Run runs.
func (it *Tuner) DrawStatic() error {
	defer it.closeWidgets()
	html, err := it.staticHTML("")
	if err != nil {
		return fmt.Errorf("interactive: %w", err)
	}
	if len(it.opts.ECharts) > 0 {
		html = plot.LoaderHTML(it.opts.ECharts) + html
	}
	if _, err := it.fe.DisplayHTML(html); err != nil {
		return fmt.Errorf("interactive: %w", err)
	}
	return nil
}

// staticHTML simulates the current view if nothing ran yet and renders the
// final state with a fresh figure id.
func (it *Tuner) staticHTML(note string) (string, error) {
	if it.last == nil {
		if err := it.apply(); err != nil {
			return "", err
		}
		r, err := it.run()
		if err != nil {
			return "", err
		}
		it.last = r
	}
	fig, err := it.last.figure.HTMLWithID(it.fe.NewID("fig"))
	if err != nil {
		return "", err
	}
	return finalHTML(note, it.tu.Connection(), it.tu.Params(), it.metricsHTML(), figureBox(it.last.figure, fig), it.last.lines), nil
}
