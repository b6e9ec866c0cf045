package interactive

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/widgets"
)

// bmtool's choices and defaults for the train sliders.
var (
	frequencyChoices = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "15", "20", "35", "50", "100", "200"}
	delayChoices     = []string{"125", "250", "500", "1000", "2000", "4000"}
	durationChoices  = []string{"100", "300", "500", "1000", "2000", "5000", "10000"}
)

const (
	defaultFrequency = "50"
	defaultDelay     = "250"
	defaultDuration  = "300"
	defaultSavePath  = "plot.png"
)

// Defaults for Options.
const (
	// DefaultIdleTimeout ends Run when no event arrives for this long.
	DefaultIdleTimeout = 30 * time.Minute
	// DefaultConnectWait is how long Run waits for a front end to connect
	// before it draws the static figure instead.
	DefaultConnectWait = 5 * time.Second
)

// Options tunes a Tuner. The zero value is valid.
type Options struct {
	// IdleTimeout ends Run after this long without an event. Zero means
	// DefaultIdleTimeout; a negative value means no timeout.
	IdleTimeout time.Duration
	// ConnectWait is how long Run waits for a live front end. Zero means
	// DefaultConnectWait; a negative value means until Run's context ends.
	ConnectWait time.Duration
	// SaveDir is the folder that relative Save Plot paths are resolved
	// against; empty means the working directory.
	SaveDir string
	// ECharts, when set, is the echarts library text (plot.EChartsLibrary);
	// Run sends it to the front end once, as a transient output, before the
	// first figure. Leave it nil when the page loads the library itself (the
	// web front end does).
	ECharts []byte
}

// View is what the figure area shows: a pulse train or a single event.
type View int

const (
	// TrainView shows the train (or the continuous input) and its STP metrics.
	TrainView View = iota
	// SingleEventView shows one synaptic event and its properties.
	SingleEventView
)

// String names the view.
func (v View) String() string {
	if v == SingleEventView {
		return "single event"
	}
	return "train"
}

// Tuner is the interactive tuner: widgets bound to a *tuner.Tuner on a
// front end. Create it with New and run it with Run.
type Tuner struct {
	tu   *tuner.Tuner
	fe   kernel.Frontend
	opts Options

	// Controls, fixed for the Tuner's life.
	root        *widgets.Box
	connection  *widgets.Dropdown
	protocol    *widgets.ToggleButton
	runTrain    *widgets.Button
	singleEvent *widgets.Button
	vclamp      *widgets.ToggleButton
	vclampAmp   *widgets.FloatText
	continuous  *widgets.ToggleButton
	frequency   *widgets.SelectionSlider
	delay       *widgets.SelectionSlider
	duration    *widgets.SelectionSlider
	sliderArea  *widgets.Output
	savePath    *widgets.Text
	save        *widgets.Button
	showJSON    *widgets.Button
	done        *widgets.Button
	status      *widgets.Label
	metricsArea *widgets.Output
	figureArea  *widgets.Output
	printout    *widgets.Output
	jsonArea    *widgets.Output
	figureID    string

	// Work marked by the widgets' callbacks, taken by the event loop.
	mu      sync.Mutex
	pending pending
	sliders []*paramSlider // the active connection's sliders
	wake    chan struct{}

	// State of the event loop (only its goroutine touches these).
	view      View
	busy      atomic.Bool // set while the loop handles work (tests wait for it)
	last      *rendered
	lastTrain *tuner.TrainResult
	lastEvent *tuner.SingleEventResult

	simulations atomic.Int64
}

// pending is the work the widgets have asked for since the loop last looked.
type pending struct {
	simulate   bool
	view       View
	viewSet    bool
	connection string
	save       bool
	showJSON   bool
	done       bool
}

// paramSlider is the slider of one synaptic variable.
type paramSlider struct {
	name   string
	slider *widgets.FloatSlider
}

// New builds the widgets of an interactive tuner for tu on fe. Nothing is
// shown until Run. tu's current connection, parameters, clamp settings and
// protocol variant are the starting point.
func New(tu *tuner.Tuner, fe kernel.Frontend, opts Options) (*Tuner, error) {
	if tu == nil || fe == nil {
		return nil, errors.New("interactive: nil tuner or front end")
	}
	it := &Tuner{tu: tu, fe: fe, opts: opts, wake: make(chan struct{}, 1)}
	if err := it.build(); err != nil {
		it.closeWidgets()
		return nil, fmt.Errorf("interactive: %w", err)
	}
	return it, nil
}

// build creates the widgets and wires their callbacks.
func (it *Tuner) build() error {
	var err error
	names := it.tu.Settings().ConnectionNames()
	slices.Sort(names) // bmtool sorts the connection dropdown
	if it.connection, err = widgets.NewDropdown(it.fe, widgets.DropdownConfig{Label: "Connection:", Options: names, Value: it.tu.Connection()}); err != nil {
		return err
	}
	if it.protocol, err = widgets.NewToggleButton(it.fe, widgets.ToggleButtonConfig{Label: "Corrected protocol", Value: it.tu.Variant() == tuner.Corrected}); err != nil {
		return err
	}
	if it.runTrain, err = widgets.NewButton(it.fe, widgets.ButtonConfig{Label: "Run Train"}); err != nil {
		return err
	}
	if it.singleEvent, err = widgets.NewButton(it.fe, widgets.ButtonConfig{Label: "Single Event"}); err != nil {
		return err
	}
	if it.vclamp, err = widgets.NewToggleButton(it.fe, widgets.ToggleButtonConfig{Label: "Voltage Clamp", Value: it.tu.VClamp()}); err != nil {
		return err
	}
	if it.vclampAmp, err = widgets.NewFloatText(it.fe, widgets.FloatTextConfig{Label: "V_clamp (mV):", Value: it.tu.VClampAmp()}); err != nil {
		return err
	}
	if it.continuous, err = widgets.NewToggleButton(it.fe, widgets.ToggleButtonConfig{Label: "Continuous input"}); err != nil {
		return err
	}
	if it.frequency, err = widgets.NewSelectionSlider(it.fe, widgets.SelectionSliderConfig{Label: "Input Freq", Options: frequencyChoices, Value: defaultFrequency}); err != nil {
		return err
	}
	if it.delay, err = widgets.NewSelectionSlider(it.fe, widgets.SelectionSliderConfig{Label: "Delay", Options: delayChoices, Value: defaultDelay}); err != nil {
		return err
	}
	if it.duration, err = widgets.NewSelectionSlider(it.fe, widgets.SelectionSliderConfig{Label: "Duration", Options: durationChoices, Value: defaultDuration}); err != nil {
		return err
	}
	if it.sliderArea, err = widgets.NewOutput(it.fe); err != nil {
		return err
	}
	if it.savePath, err = widgets.NewText(it.fe, widgets.TextConfig{Label: "Save path:", Value: defaultSavePath}); err != nil {
		return err
	}
	if it.save, err = widgets.NewButton(it.fe, widgets.ButtonConfig{Label: "Save Plot"}); err != nil {
		return err
	}
	if it.showJSON, err = widgets.NewButton(it.fe, widgets.ButtonConfig{Label: "Settings JSON"}); err != nil {
		return err
	}
	if it.done, err = widgets.NewButton(it.fe, widgets.ButtonConfig{Label: "Done"}); err != nil {
		return err
	}
	if it.status, err = widgets.NewLabel(it.fe, ""); err != nil {
		return err
	}
	for _, o := range []**widgets.Output{&it.metricsArea, &it.figureArea, &it.printout, &it.jsonArea} {
		if *o, err = widgets.NewOutput(it.fe); err != nil {
			return err
		}
	}
	it.figureID = it.fe.NewID("fig")

	rows := [][]widgets.Widget{
		{it.connection, it.protocol},
		{it.runTrain, it.singleEvent, it.vclamp, it.vclampAmp, it.continuous},
		{it.frequency, it.delay, it.duration},
	}
	var children []widgets.Widget
	for _, r := range rows {
		row, err := widgets.NewHBox(it.fe, r...)
		if err != nil {
			return err
		}
		children = append(children, row)
	}
	saveRow, err := widgets.NewHBox(it.fe, it.savePath, it.save, it.showJSON, it.done)
	if err != nil {
		return err
	}
	children = append(children, it.sliderArea, saveRow, it.status, it.metricsArea, it.figureArea, it.printout, it.jsonArea)
	if it.root, err = widgets.NewVBox(it.fe, children...); err != nil {
		return err
	}
	it.wire()
	return nil
}

// prepare sets the initial visibility and makes the parameter sliders. It
// sends comm messages, so Run calls it only once a front end is connected.
func (it *Tuner) prepare() error {
	// As bmtool: the amplitude box only under voltage clamp, the Duration
	// slider only in continuous-input mode.
	if err := it.vclampAmp.SetVisible(it.vclamp.Value()); err != nil {
		return err
	}
	if err := it.duration.Hide(); err != nil {
		return err
	}
	if err := it.jsonArea.Hide(); err != nil {
		return err
	}
	return it.rebuildSliders()
}

// wire registers the callbacks. They run on the front end's delivery
// goroutine, so they only change visibility and mark work for the loop.
func (it *Tuner) wire() {
	it.connection.OnChange(func(name string) {
		it.mark(func(p *pending) { p.connection = name; p.simulate = true })
	})
	it.protocol.OnChange(func(bool) { it.mark(simulate) })
	it.runTrain.OnClick(func(int) { it.mark(showView(TrainView)) })
	it.singleEvent.OnClick(func(int) { it.mark(showView(SingleEventView)) })
	it.vclamp.OnChange(func(on bool) {
		_ = it.vclampAmp.SetVisible(on)
		it.mark(simulate)
	})
	it.vclampAmp.OnChange(func(float64) { it.mark(simulate) })
	it.continuous.OnChange(func(on bool) {
		_ = it.delay.SetVisible(!on)
		_ = it.duration.SetVisible(on)
		it.mark(showView(TrainView))
	})
	for _, s := range []*widgets.SelectionSlider{it.frequency, it.delay, it.duration} {
		s.OnChange(func(string) { it.mark(showView(TrainView)) })
	}
	it.save.OnClick(func(int) { it.mark(func(p *pending) { p.save = true }) })
	it.showJSON.OnClick(func(int) { it.mark(func(p *pending) { p.showJSON = true }) })
	it.done.OnClick(func(int) { it.mark(func(p *pending) { p.done = true }) })
}

func simulate(p *pending) { p.simulate = true }

func showView(v View) func(*pending) {
	return func(p *pending) { p.simulate, p.view, p.viewSet = true, v, true }
}

// mark records work for the loop and wakes it; it never blocks.
func (it *Tuner) mark(f func(*pending)) {
	it.mu.Lock()
	f(&it.pending)
	it.mu.Unlock()
	select {
	case it.wake <- struct{}{}:
	default:
	}
}

// take returns and clears the pending work.
func (it *Tuner) take() pending {
	it.mu.Lock()
	defer it.mu.Unlock()
	p := it.pending
	it.pending = pending{}
	return p
}

// SliderRange is the range of the slider of a variable whose initial value
// is v: bmtool's 0 to 20·v in steps of v/5 (0 to 1000 in steps of 1 for
// v = 0), mirrored to 20·v to 0 for a negative v.
func SliderRange(v float64) (lo, hi, step float64) {
	switch {
	case v == 0 || math.IsNaN(v) || math.IsInf(v, 0):
		return 0, 1000, 1
	case v > 0:
		return 0, 20 * v, v / 5
	default:
		return 20 * v, 0, -v / 5
	}
}

// rebuildSliders makes one slider per slider variable of the active
// connection, closes the previous ones and shows the new ones in two columns.
func (it *Tuner) rebuildSliders() error {
	var made []*paramSlider
	var ws []widgets.Widget
	fail := func(err error) error {
		for _, p := range made {
			p.slider.Close()
		}
		return err
	}
	for _, name := range it.tu.SliderVars() {
		v, err := it.tu.Param(name)
		if err != nil {
			return fail(err)
		}
		lo, hi, step := SliderRange(v)
		s, err := widgets.NewFloatSlider(it.fe, widgets.FloatSliderConfig{Label: name, Min: lo, Max: hi, Step: step,
			Value: min(max(v, lo), hi), Continuous: true})
		if err != nil {
			return fail(fmt.Errorf("slider %s: %w", name, err))
		}
		s.OnChange(func(float64) { it.mark(simulate) })
		made = append(made, &paramSlider{name: name, slider: s})
		ws = append(ws, s)
	}
	half := len(ws) / 2
	col1, err := widgets.NewVBox(it.fe, ws[:half]...)
	if err != nil {
		return fail(err)
	}
	col2, err := widgets.NewVBox(it.fe, ws[half:]...)
	if err != nil {
		return fail(err)
	}
	cols, err := widgets.NewHBox(it.fe, col1, col2)
	if err != nil {
		return fail(err)
	}
	it.mu.Lock()
	old := it.sliders
	it.sliders = made
	it.mu.Unlock()
	for _, p := range old {
		p.slider.Close()
	}
	return it.sliderArea.SetHTML(cols.HTML())
}

// Widget returns the panel's root widget (a VBox of every control and output
// area), for front ends that place it themselves. Run displays it.
func (it *Tuner) Widget() widgets.Widget { return it.root }

// Simulations returns how many simulations the Tuner has run.
func (it *Tuner) Simulations() int64 { return it.simulations.Load() }

// Sliders returns the names of the parameter sliders shown, in order.
func (it *Tuner) Sliders() []string {
	it.mu.Lock()
	defer it.mu.Unlock()
	out := make([]string, len(it.sliders))
	for i, p := range it.sliders {
		out[i] = p.name
	}
	return out
}

// sliderValues returns the active sliders' values.
func (it *Tuner) sliderValues() []tuner.Param {
	it.mu.Lock()
	defer it.mu.Unlock()
	out := make([]tuner.Param, len(it.sliders))
	for i, p := range it.sliders {
		out[i] = tuner.Param{Name: p.name, Value: p.slider.Value()}
	}
	return out
}

// trainChoice returns the selected frequency (Hz), delay and duration (ms).
func (it *Tuner) trainChoice() (freq, delay, duration float64, err error) {
	parse := func(w *widgets.SelectionSlider, what string) (float64, error) {
		x, err := strconv.ParseFloat(w.Value(), 64)
		if err != nil {
			return 0, fmt.Errorf("%s %q: %w", what, w.Value(), err)
		}
		return x, nil
	}
	if freq, err = parse(it.frequency, "input frequency"); err != nil {
		return
	}
	if delay, err = parse(it.delay, "delay"); err != nil {
		return
	}
	duration, err = parse(it.duration, "duration")
	return
}

func (it *Tuner) closeWidgets() {
	if it.root != nil {
		it.root.Close()
	}
	it.mu.Lock()
	sl := it.sliders
	it.sliders = nil
	it.mu.Unlock()
	for _, p := range sl {
		p.slider.Close()
	}
	for _, w := range []widgets.Widget{it.connection, it.protocol, it.runTrain, it.singleEvent, it.vclamp, it.vclampAmp,
		it.continuous, it.frequency, it.delay, it.duration, it.sliderArea, it.savePath, it.save, it.showJSON, it.done,
		it.status, it.metricsArea, it.figureArea, it.printout, it.jsonArea} {
		if it.root == nil && w != nil && !reflect.ValueOf(w).IsNil() {
			w.Close()
		}
	}
}
