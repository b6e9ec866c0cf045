package tuner

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/synaptune/synaptune/tuner/metrics"
)

// Variant selects bmtool's protocol and arithmetic (the default) or the
// corrected one; see docs/bmtool-compatibility.md.
type Variant = metrics.Variant

const (
	// Bmtool reproduces bmtool's protocols and metric code, quirks included.
	Bmtool = metrics.Bmtool
	// Corrected fixes the quirks bmtool's code has.
	Corrected = metrics.Corrected
)

// DefaultFrequencies are bmtool's stp_frequency_response frequencies (Hz).
func DefaultFrequencies() []float64 {
	return []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 35, 50, 100, 200}
}

// Tuner is bmtool's SynapseTuner: one active connection whose synapse sits
// on its post-synaptic cell, with its current synaptic parameters. Methods
// that simulate make a fresh simulation each time from a model compiled once
// per connection. A Tuner is not safe for concurrent use; its sweeps run
// their simulations in parallel internally.
type Tuner struct {
	settings *Settings
	factory  CellFactory
	setups   map[string]*setup
	cur      *setup
	params   map[string]float64
	variant  Variant
	// hTstop mirrors NEURON's h.tstop as bmtool's protocols leave it: the
	// continuous-input mode reads it for its last response window.
	hTstop float64
}

// New makes a tuner for settings.Connection with cells and mechanisms from
// f.
func New(settings *Settings, f CellFactory) (*Tuner, error) {
	t := &Tuner{settings: settings.Clone(), factory: f, setups: map[string]*setup{}}
	t.hTstop = t.settings.General.TStart + t.settings.General.TDur
	if err := t.SwitchConnection(t.settings.Connection); err != nil {
		return nil, err
	}
	return t, nil
}

// SetVariant selects bmtool's protocol (the default) or the corrected one.
func (t *Tuner) SetVariant(v Variant) { t.variant = v }

// Variant returns the protocol variant in use.
func (t *Tuner) Variant() Variant { return t.variant }

// Settings returns a copy of the tuner's settings, with the active
// connection's spec_syn_param reflecting the current parameters.
func (t *Tuner) Settings() *Settings {
	s := t.settings.Clone()
	c, _ := s.Lookup(t.cur.conn.Name)
	for _, p := range t.Params() {
		c.SetParam(p.Name, p.Value)
	}
	s.Connection = t.cur.conn.Name
	return s
}

// Connection returns the active connection's name.
func (t *Tuner) Connection() string { return t.cur.conn.Name }

// Synapse returns the active synapse mechanism's name.
func (t *Tuner) Synapse() string { return t.cur.synName }

// Warnings returns bmtool's warnings for the active connection (synaptic
// parameters the mechanism does not have, variables that cannot be
// recorded) and those of the settings file.
func (t *Tuner) Warnings() []string {
	out := append([]string(nil), t.settings.Warnings...)
	out = append(out, t.cur.warnings...)
	for _, name := range t.settings.OtherVarsToRecord {
		if !t.cur.synVars[name] {
			out = append(out, fmt.Sprintf("Warning: _ref_%s not found in the syn object. Use vars() to inspect available attributes.", name))
		}
	}
	return out
}

// SwitchConnection makes name the active connection, building its model the
// first time, and resets the synaptic parameters to its spec_syn_param.
func (t *Tuner) SwitchConnection(name string) error {
	conn, err := t.settings.Lookup(name)
	if err != nil {
		return err
	}
	s, ok := t.setups[name]
	if !ok {
		s, err = newSetup(t.factory, t.settings.General, *conn)
		if err != nil {
			return err
		}
		if !s.synVars[t.settings.CurrentName] {
			return fmt.Errorf("connection %s: current_name %q is not a variable of %s", name, t.settings.CurrentName, s.synName)
		}
		t.setups[name] = s
	}
	t.cur = s
	t.params = map[string]float64{}
	for _, p := range s.params {
		t.params[p.Name] = p.Value
	}
	return nil
}

// Params returns the current synaptic parameters: the spec_syn_param
// entries the synapse has, in file order, then any other set with SetParam.
func (t *Tuner) Params() []Param {
	var out []Param
	seen := map[string]bool{}
	for _, p := range t.cur.params {
		out = append(out, Param{p.Name, t.params[p.Name]})
		seen[p.Name] = true
	}
	var rest []string
	for k := range t.params {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, Param{k, t.params[k]})
	}
	return out
}

// Param returns the current value of a synaptic variable: the value set, or
// the mechanism's default.
func (t *Tuner) Param(name string) (float64, error) {
	if v, ok := t.params[name]; ok {
		return v, nil
	}
	if !t.cur.synVars[name] {
		return 0, fmt.Errorf("%s has no variable %q", t.cur.synName, name)
	}
	return t.cur.syn.Get(name)
}

// SetParam sets a synaptic parameter for the following simulations, as a
// slider of bmtool's interactive tuner does.
func (t *Tuner) SetParam(name string, v float64) error {
	if !t.cur.synVars[name] {
		return fmt.Errorf("%s has no variable %q", t.cur.synName, name)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("synaptic parameter %s: %v is not a number", name, v)
	}
	t.params[name] = v
	return nil
}

// SliderVars returns the variables the interactive tuner offers sliders for:
// slider_vars if given (those the synapse has), else every current
// parameter.
func (t *Tuner) SliderVars() []string {
	if len(t.settings.SliderVars) == 0 {
		var out []string
		for _, p := range t.Params() {
			out = append(out, p.Name)
		}
		return out
	}
	var out []string
	for _, name := range t.settings.SliderVars {
		if t.cur.synVars[name] {
			out = append(out, name)
		}
	}
	return out
}

func (t *Tuner) paramsCopy() map[string]float64 {
	out := make(map[string]float64, len(t.params))
	for k, v := range t.params {
		out[k] = v
	}
	return out
}

// Recording is the traces of one simulation, one sample per time step from
// t = 0: time (ms), the synaptic current and the clamp current (nA), the
// soma voltage (mV), the other recorded synapse variables, and the spike
// times of both NetStims (ms).
type Recording struct {
	T, Syn, Clamp, SomaV []float64
	Spikes               []float64
	Extra                map[string][]float64
	// Dt is the time step (ms) and Tstop the end of the run (ms).
	Dt, Tstop float64
}

func (r *recording) export() *Recording {
	return &Recording{T: r.T, Syn: r.Syn, Clamp: r.Clamp, SomaV: r.SomaV, Spikes: r.Spikes, Extra: r.Extra, Dt: r.Dt, Tstop: r.Tstop}
}

func (r *Recording) traces(withClamp bool) metrics.Traces {
	tr := metrics.Traces{Syn: r.Syn, SpikeTimes: r.Spikes, Dt: r.Dt}
	if withClamp {
		tr.Clamp = r.Clamp
	}
	return tr
}

// SingleEventResult is what SingleEvent computes and prints.
type SingleEventResult struct {
	metrics.SingleEventResult
	// Recording holds the traces.
	Recording *Recording
	// Connection is the connection simulated.
	Connection string
}

// Lines returns what bmtool's SingleEvent prints.
func (r *SingleEventResult) Lines() []string { return r.SingleEventResult.Lines() }

func (t *Tuner) singleEventStimulus() stimulus {
	g := t.settings.General
	tstop := g.TStart + g.TDur
	st := stimulus{
		ns1:    netstimParams{start: g.TStart, interval: g.TDur, number: 1},
		ns2:    netstimParams{start: tstop, interval: 10, number: 10},
		vclDur: [3]float64{g.TStart, tstop, 1e9},
		vclAmp: t.cur.conn.Spec.VClampAmp,
		vInit:  -65,
		tstop:  tstop,
	}
	return t.correct(st)
}

// correct turns a bmtool stimulus into the corrected protocol's: start
// from the cell's own potentials, no clamp when vclamp is false, and every
// pulse through one NetCon.
func (t *Tuner) correct(st stimulus) stimulus {
	if t.variant != Corrected {
		return st
	}
	st.keepV = true
	if !t.settings.General.VClamp {
		st.vclDur = [3]float64{0, 0, 0}
		st.vclAmp = 0
	}
	ev := append(netstimTimes(st.ns1), netstimTimes(st.ns2)...)
	if ev == nil {
		ev = []float64{}
	}
	st.events = ev
	st.ns1.number, st.ns2.number = 0, 0
	return st
}

// SingleEvent simulates one synaptic event at tstart under the voltage
// clamp (bmtool: h.run() from −65 mV to tstart+tdur) and computes the PSC
// properties and the current integral.
func (t *Tuner) SingleEvent() (*SingleEventResult, error) {
	st := t.singleEventStimulus()
	rec, err := t.cur.run(st, t.paramsCopy(), t.settings.CurrentName, t.settings.OtherVarsToRecord)
	if err != nil {
		return nil, fmt.Errorf("single event (%s): %w", t.cur.conn.Name, err)
	}
	t.hTstop = st.tstop
	r := rec.export()
	g := t.settings.General
	res, err := metrics.SingleEvent(r.traces(true), metrics.SingleEventSettings{VClamp: g.VClamp,
		RiseInterval: metrics.RiseInterval{Lo: g.RiseInterval[0], Hi: g.RiseInterval[1]}, Variant: t.variant})
	if err != nil {
		return nil, fmt.Errorf("single event (%s): %w", t.cur.conn.Name, err)
	}
	return &SingleEventResult{SingleEventResult: res, Recording: r, Connection: t.cur.conn.Name}, nil
}

// TrainResult is one train's amplitudes and STP metrics.
type TrainResult struct {
	metrics.STP
	// PeakIndex are the sample indices of the per-pulse peaks.
	PeakIndex []int
	// Freq (Hz) and Delay (ms) describe the train; Duration (ms) is set in
	// continuous-input mode instead of Delay.
	Freq, Delay, Duration float64
	// Continuous reports the continuous-input mode.
	Continuous bool
	// Recording holds the traces.
	Recording *Recording
}

// Report returns bmtool's explanatory STP printout.
func (r *TrainResult) Report() []string {
	d := r.Delay
	if r.Continuous {
		d = r.Duration
	}
	return r.STP.Report(r.Freq, d)
}

func (t *Tuner) trainStimulus(freq, delay float64) (stimulus, error) {
	if !(freq > 0) || math.IsInf(freq, 0) {
		return stimulus{}, fmt.Errorf("input frequency must be positive, got %v Hz", freq)
	}
	if !(delay >= 0) || math.IsInf(delay, 0) {
		return stimulus{}, fmt.Errorf("train delay must be non-negative, got %v ms", delay)
	}
	g := t.settings.General
	interval := 1000 / freq
	start2 := g.TStart + float64((8-1)*interval) + delay
	tstop := start2 + float64(4*interval)
	return t.correct(stimulus{
		ns1:    netstimParams{start: g.TStart, interval: interval, number: 8},
		ns2:    netstimParams{start: start2, interval: interval, number: 4},
		vclDur: [3]float64{g.TStart, tstop, 1e9},
		vclAmp: t.cur.conn.Spec.VClampAmp,
		vInit:  70,
		tstop:  tstop,
	}), nil
}

// Train runs bmtool's train protocol: 8 pulses at freq Hz from tstart, a
// delay, then 4 pulses, from finitialize(70 mV), and computes the response
// amplitudes and the STP metrics.
func (t *Tuner) Train(freq, delay float64) (*TrainResult, error) {
	st, err := t.trainStimulus(freq, delay)
	if err != nil {
		return nil, err
	}
	res, err := t.runTrain(t.cur, t.paramsCopy(), st, st.tstop, false)
	if err != nil {
		return nil, fmt.Errorf("train %g Hz, delay %g ms (%s): %w", freq, delay, t.cur.conn.Name, err)
	}
	t.hTstop = st.tstop
	res.Freq, res.Delay = freq, delay
	return res, nil
}

// Continuous runs bmtool's continuous-input mode: pulses at freq Hz from
// tstart for duration ms (ceil(duration·freq/1000 + 1) pulses), recorded
// until tstart + duration + 300 ms.
func (t *Tuner) Continuous(freq, duration float64) (*TrainResult, error) {
	if !(freq > 0) || math.IsInf(freq, 0) {
		return nil, fmt.Errorf("input frequency must be positive, got %v Hz", freq)
	}
	if !(duration > 0) || math.IsInf(duration, 0) {
		return nil, fmt.Errorf("input duration must be positive, got %v ms", duration)
	}
	g := t.settings.General
	st := t.correct(stimulus{
		ns1:    netstimParams{start: g.TStart, interval: 1000 / freq, number: math.Ceil(float64(duration/1000*freq) + 1)},
		ns2:    netstimParams{start: g.TStart, interval: 1000 / freq, number: 0},
		vclDur: [3]float64{g.TStart, t.hTstop, 1e9},
		vclAmp: t.cur.conn.Spec.VClampAmp,
		vInit:  70,
		tstop:  g.TStart + duration + 300,
	})
	windowEnd := t.hTstop
	if t.variant == Corrected {
		windowEnd = st.tstop
	}
	res, err := t.runTrain(t.cur, t.paramsCopy(), st, windowEnd, false)
	if err != nil {
		return nil, fmt.Errorf("continuous input %g Hz for %g ms (%s): %w", freq, duration, t.cur.conn.Name, err)
	}
	res.Freq, res.Duration, res.Continuous = freq, duration, true
	return res, nil
}

// runTrain simulates a train and computes its metrics; with metricsOnly the
// result's recording holds only what the metrics read.
func (t *Tuner) runTrain(s *setup, params map[string]float64, st stimulus, windowEnd float64, metricsOnly bool) (*TrainResult, error) {
	rec, err := s.record(st, params, t.settings.CurrentName, t.settings.OtherVarsToRecord, metricsOnly)
	if err != nil {
		return nil, err
	}
	r := rec.export()
	g := t.settings.General
	amps, stp, err := metrics.TrainMetrics(r.traces(g.VClamp), metrics.TrainSettings{
		VClamp: g.VClamp, NetConDelay: g.Delay, WindowEnd: windowEnd, Variant: t.variant})
	if err != nil {
		return nil, err
	}
	return &TrainResult{STP: stp, PeakIndex: amps.PeakIndex, Recording: r}, nil
}

// FrequencyResponse is stp_frequency_response's result.
type FrequencyResponse struct {
	Frequencies                         []float64
	PPR, Induction, Recovery, SimplePPR []float64
}

// FrequencyResponse runs the train protocol at each frequency (bmtool's
// stp_frequency_response) and collects the STP metrics. The frequencies run
// in parallel on all cores; the result does not depend on the core count.
// progress, if not nil, is called after each frequency with the number done.
func (t *Tuner) FrequencyResponse(ctx context.Context, freqs []float64, delay float64, progress func(done, total int)) (*FrequencyResponse, error) {
	if len(freqs) == 0 {
		freqs = DefaultFrequencies()
	}
	stims := make([]stimulus, len(freqs))
	for i, f := range freqs {
		st, err := t.trainStimulus(f, delay)
		if err != nil {
			return nil, err
		}
		stims[i] = st
	}
	results := make([]*TrainResult, len(freqs))
	errs := make([]error, len(freqs))
	params := t.paramsCopy()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	workers := min(runtime.GOMAXPROCS(0), len(freqs))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					errs[i] = ctx.Err()
					continue
				}
				results[i], errs[i] = t.runTrain(t.cur, params, stims[i], stims[i].tstop, true)
				if progress != nil {
					mu.Lock()
					done++
					progress(done, len(freqs))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range freqs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	out := &FrequencyResponse{Frequencies: append([]float64(nil), freqs...)}
	for i, r := range results {
		if errs[i] != nil {
			return nil, fmt.Errorf("frequency %g Hz: %w", freqs[i], errs[i])
		}
		out.PPR = append(out.PPR, r.PPR)
		out.Induction = append(out.Induction, r.Induction)
		out.Recovery = append(out.Recovery, r.Recovery)
		out.SimplePPR = append(out.SimplePPR, r.SimplePPR)
	}
	t.hTstop = stims[len(stims)-1].tstop
	return out, nil
}
