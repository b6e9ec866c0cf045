package tuner

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/synaptune/synaptune/engine"
)

// Cell is a post-synaptic cell instantiated in an engine model.
type Cell struct {
	// All lists the cell's sections in the order of its `all` SectionList
	// (spec_settings.sec_id indexes it).
	All []*engine.Section
	// Soma lists the cell's soma sections (the clamp goes on Soma[0](0.5)).
	Soma []*engine.Section
}

// CellFactory makes post-synaptic cells from templates.
type CellFactory interface {
	// Registry returns the mechanisms the cells and synapses may use.
	Registry() *engine.Registry
	// Templates lists the template names the factory can instantiate.
	Templates() []string
	// NewCell instantiates the named template in m.
	NewCell(m *engine.Model, template string) (*Cell, error)
}

// mechanismAliases are bmtool's aliases for level_of_detail.
var mechanismAliases = map[string]string{
	"exp2syn":      "Exp2Syn",
	"expsyn":       "ExpSyn",
	"alphasynapse": "AlphaSynapse",
}

// resolveMechanism finds the synapse mechanism as bmtool does: alias, exact
// name, then a case-insensitive match.
func resolveMechanism(reg *engine.Registry, name string) (engine.Mechanism, error) {
	if alias, ok := mechanismAliases[strings.ToLower(name)]; ok {
		name = alias
	}
	m, ok := reg.LookupFold(name)
	if !ok {
		return nil, fmt.Errorf("could not find synapse mechanism %q (check level_of_detail and the mechanisms folder; have %s)",
			name, strings.Join(reg.Names(), ", "))
	}
	if m.Spec().Kind != engine.Point {
		return nil, fmt.Errorf("level_of_detail %q is a %s, not a point process", name, m.Spec().Kind)
	}
	return m, nil
}

// setup is one connection's compiled model: the cell, the synapse, the
// clamp, two NetStims each with its own NetCon onto the synapse, as
// bmtool's SynapseTuner builds them.
type setup struct {
	conn     Connection
	general  GeneralSettings
	compiled *engine.Compiled
	cell     *Cell
	syn      *engine.PointProcess
	synName  string
	vcl      *engine.PointProcess
	ns1, ns2 *engine.PointProcess
	nc1, nc2 *engine.NetCon
	// vs and nc3 carry the corrected protocol's whole train through one
	// NetCon; they send nothing in bmtool's protocol.
	vs  *engine.PointProcess
	nc3 *engine.NetCon
	// params are the spec_syn_param entries the synapse has, in file order.
	params []Param
	// synVars are the synapse's variable names.
	synVars map[string]bool
	// warnings are bmtool's warnings for parameters the synapse lacks.
	warnings []string
	// everyStep turns off the engine's shortcuts (skipping steady steps,
	// memoised routines), for tests that compare both ways.
	everyStep bool
}

func newSetup(f CellFactory, general GeneralSettings, conn Connection) (*setup, error) {
	reg := f.Registry()
	m := engine.NewModel(reg)
	m.Celsius = general.Celsius
	cell, err := f.NewCell(m, conn.Spec.PostCell)
	if err != nil {
		return nil, fmt.Errorf("connection %s: post_cell %q: %w", conn.Name, conn.Spec.PostCell, err)
	}
	if conn.Spec.SecID >= len(cell.All) {
		return nil, fmt.Errorf("connection %s: spec_settings.sec_id %d: %s has %d sections in `all`", conn.Name, conn.Spec.SecID, conn.Spec.PostCell, len(cell.All))
	}
	if len(cell.Soma) == 0 {
		return nil, fmt.Errorf("connection %s: %s has no soma section for the voltage clamp", conn.Name, conn.Spec.PostCell)
	}
	mech, err := resolveMechanism(reg, conn.Spec.LevelOfDetail)
	if err != nil {
		return nil, fmt.Errorf("connection %s: spec_settings.level_of_detail: %w", conn.Name, err)
	}
	s := &setup{conn: conn, general: general, cell: cell, synName: mech.Spec().Name, synVars: map[string]bool{}}
	for _, v := range mech.Spec().Variables {
		s.synVars[v.Name] = true
	}
	s.syn, err = m.AddPointProcess(s.synName, cell.All[conn.Spec.SecID], conn.Spec.SecX)
	if err != nil {
		return nil, fmt.Errorf("connection %s: failed to instantiate synapse mechanism %s: %w", conn.Name, s.synName, err)
	}
	for _, p := range conn.SynParams {
		if !s.synVars[p.Name] {
			s.warnings = append(s.warnings, fmt.Sprintf("Warning: %s cannot be assigned as it does not exist in the synapse. Check your mod file or spec_syn_param.", p.Name))
			continue
		}
		if err := s.syn.Set(p.Name, p.Value); err != nil {
			return nil, fmt.Errorf("connection %s: spec_syn_param.%s: %w", conn.Name, p.Name, err)
		}
		s.params = append(s.params, p)
	}
	if s.ns1, err = m.AddArtificialCell("NetStim"); err != nil {
		return nil, err
	}
	if s.ns2, err = m.AddArtificialCell("NetStim"); err != nil {
		return nil, err
	}
	if s.vcl, err = m.AddPointProcess("VClamp", cell.Soma[0], 0.5); err != nil {
		return nil, err
	}
	if s.nc1, err = m.NewNetCon(s.ns1, s.syn, general.Delay, general.Weight); err != nil {
		return nil, fmt.Errorf("connection %s: %w", conn.Name, err)
	}
	s.nc1.Threshold = general.Threshold
	if s.nc2, err = m.NewNetCon(s.ns2, s.syn, general.Delay, general.Weight); err != nil {
		return nil, fmt.Errorf("connection %s: %w", conn.Name, err)
	}
	s.nc2.Threshold = general.Threshold
	if s.vs, err = m.AddArtificialCell("VecStim"); err != nil {
		return nil, err
	}
	if s.nc3, err = m.NewNetCon(s.vs, s.syn, general.Delay, general.Weight); err != nil {
		return nil, fmt.Errorf("connection %s: %w", conn.Name, err)
	}
	s.nc3.Threshold = general.Threshold
	if s.compiled, err = m.Compile(); err != nil {
		return nil, fmt.Errorf("connection %s: %w", conn.Name, err)
	}
	return s, nil
}

// stimulus is the NetStim and clamp configuration of one run.
type stimulus struct {
	ns1, ns2 netstimParams
	// events, if not nil, are delivered through the single NetCon nc3
	// (the corrected protocol); the NetStims are then silent.
	events []float64
	vclDur [3]float64
	vclAmp float64
	vInit  float64
	// keepV starts from the potentials the cell template set (NEURON's
	// finitialize() without argument) instead of vInit.
	keepV bool
	tstop float64
}

// netstimTimes returns the spike times a NetStim with noise 0 produces, in
// NEURON's arithmetic: (start + interval) - interval, then accumulated.
func netstimTimes(p netstimParams) []float64 {
	if p.number <= 0 || p.start < 0 {
		return nil
	}
	interval := p.interval
	if interval <= 0 {
		interval = .01
	}
	t := p.start + interval - p.interval*1
	if t < 0 {
		t = 0
	}
	var out []float64
	for k := 0; float64(k) < p.number; k++ {
		out = append(out, t)
		t += interval
	}
	return out
}

type netstimParams struct{ start, interval, number float64 }

// recording holds the traces of one run, one sample per step from t = 0.
type recording struct {
	T, Syn, Clamp, SomaV []float64
	Spikes               []float64
	Extra                map[string][]float64
	Dt                   float64
	Tstop                float64
	// skipped counts the steady steps the engine skipped, frozen those it
	// computed partly frozen (engine.Sim.FrozenSteps).
	skipped, frozen int
}

// run simulates one protocol on a fresh Sim with the given synaptic
// parameters; it is safe to call concurrently.
func (s *setup) run(st stimulus, params map[string]float64, current string, extra []string) (*recording, error) {
	return s.record(st, params, current, extra, false)
}

// record is run; with metricsOnly it records only what the train metrics
// read (t, the synaptic and clamp currents, the spikes), not the soma
// voltage or the other variables.
func (s *setup) record(st stimulus, params map[string]float64, current string, extra []string, metricsOnly bool) (*recording, error) {
	sim, err := s.compiled.NewSim()
	if err != nil {
		return nil, err
	}
	if s.everyStep {
		sim.SetSkipSteady(false)
		sim.SetMemoize(false)
	}
	if err := sim.SetDt(s.general.Dt); err != nil {
		return nil, fmt.Errorf("general_settings.dt: %w", err)
	}
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if err := sim.SetPoint(s.syn, k, params[k]); err != nil {
			return nil, fmt.Errorf("synaptic parameter %s: %w", k, err)
		}
	}
	for _, x := range []struct {
		pp *engine.PointProcess
		p  netstimParams
	}{{s.ns1, st.ns1}, {s.ns2, st.ns2}} {
		for name, v := range map[string]float64{"start": x.p.start, "interval": x.p.interval, "number": x.p.number, "noise": 0} {
			if err := sim.SetPoint(x.pp, name, v); err != nil {
				return nil, err
			}
		}
	}
	for j := 0; j < 3; j++ {
		for name, v := range map[string]float64{"dur": st.vclDur[j], "amp": st.vclAmp} {
			ref, err := sim.PointElementRef(s.vcl, name, j)
			if err != nil {
				return nil, err
			}
			if err := sim.Set(ref, v); err != nil {
				return nil, err
			}
		}
	}
	if st.events != nil {
		if err := sim.SetVector(s.vs, st.events); err != nil {
			return nil, err
		}
	}
	rec := &recording{Dt: s.general.Dt, Tstop: st.tstop, Extra: map[string][]float64{}}
	tT := sim.Record(sim.TimeRef())
	synRef, err := sim.PointRef(s.syn, current)
	if err != nil {
		return nil, fmt.Errorf("current_name %q: %w", current, err)
	}
	tSyn := sim.Record(synRef)
	clampRef, _ := sim.PointRef(s.vcl, "i")
	tClamp := sim.Record(clampRef)
	var tV *engine.Trace
	if !metricsOnly {
		vRef, err := sim.VoltageRef(s.cell.Soma[0], 0.5)
		if err != nil {
			return nil, err
		}
		tV = sim.Record(vRef)
	} else {
		extra = nil
	}
	extraTraces := map[string]*engine.Trace{}
	for _, name := range extra {
		ref, err := sim.PointRef(s.syn, name)
		if err != nil {
			continue // bmtool warns once at set-up; see Tuner.Warnings
		}
		extraTraces[name] = sim.Record(ref)
	}
	spikes, err := sim.RecordSpikes(s.nc1, s.nc2, s.nc3)
	if err != nil {
		return nil, err
	}
	if st.keepV {
		err = sim.InitKeep()
	} else {
		err = sim.Init(st.vInit)
	}
	if err != nil {
		return nil, err
	}
	if err := sim.ContinueRun(st.tstop); err != nil {
		return nil, err
	}
	rec.skipped, rec.frozen = sim.SkippedSteps(), sim.FrozenSteps()
	rec.T, rec.Syn, rec.Clamp, rec.Spikes = tT.Values, tSyn.Values, tClamp.Values, spikes.Values
	if tV != nil {
		rec.SomaV = tV.Values
	}
	for k, tr := range extraTraces {
		rec.Extra[k] = tr.Values
	}
	for i, x := range rec.Syn {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("synaptic current %s is %v at t=%g", current, x, rec.T[i])
		}
	}
	return rec, nil
}
