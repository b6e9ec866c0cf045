package engine

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// DefaultDt is NEURON's default time step (ms).
const DefaultDt = 0.025

// DefaultVInit is stdrun's v_init (mV), used by Run.
const DefaultVInit = -65.0

// Sim is one simulation of a compiled model. It is not safe for concurrent
// use, but any number of Sims made from one Compiled may run in parallel.
type Sim struct {
	c     *Compiled
	t, dt float64
	// VInit is the initial potential Run uses (mV); DefaultVInit unless set.
	VInit float64

	v, rhs, d []float64
	env       Env
	blocks    []*Block
	weights   [][]float64
	flags     []bool // threshold state per presyn
	queue     eventQueue
	traces    []*Trace
	spikes    [][]*Trace // per presyn: traces recording its spikes

	cur        []blockCall[CurrentSource]
	state      []blockCall[StateUpdater]
	stateCols  []stateCol
	activeIons []int       // species written or read by some mechanism
	ionSums    [][]float64 // I and DIDV of every active species (in pairs), zeroed before the currents
	statePtrs  []*float64  // every element of stateCols, for the fast finiteness check
	nernstIons []int       // species whose reversal potential follows concentrations each step
	steady     steadyState
	kernel     Kernel       // SetKernel
	frame      *KernelFrame // the kernel's view, made by SetKernel
}

type blockCall[T any] struct {
	b *Block
	f T
}

// stateCol is one state variable column, for the finiteness check.
type stateCol struct {
	col  []float64
	b    *Block
	name string
}

// NewSim makes a new simulation with all nodes at -65 mV, t = 0, dt 0.025 ms
// and the model's temperature.
func (c *Compiled) NewSim() (*Sim, error) {
	s := &Sim{c: c, dt: DefaultDt, VInit: DefaultVInit}
	n := c.nNodes
	s.v = append([]float64(nil), c.v0...)
	s.rhs = make([]float64, n)
	s.d = make([]float64, n)
	ions := make([]Ion, len(c.ions))
	for i, p := range c.ions {
		ions[i] = Ion{Name: p.name, Valence: p.valence,
			E: append([]float64(nil), p.e...), Ci: append([]float64(nil), p.ci...), Co: append([]float64(nil), p.co...),
			I: make([]float64, n), DIDV: make([]float64, n)}
	}
	s.env = Env{Dt: s.dt, Celsius: c.celsius, V: s.v, Area: c.area, AreaFactor: c.areaFac, Rhs: s.rhs, D: s.d, Ions: ions, sim: s}
	for bi, bp := range c.blocks {
		b := &Block{Mech: bp.mech, N: len(bp.node), Node: bp.node, index: bi, layout: bp.layout,
			Vars: make([][]float64, len(bp.vars)), Globals: append([]float64(nil), bp.globals...),
			IonIndex: bp.ionIndex, Vectors: append([][]float64(nil), bp.vectors...), tsav: make([]float64, len(bp.node))}
		for k, col := range bp.vars {
			b.Vars[k] = append([]float64(nil), col...)
		}
		if in, ok := bp.mech.(Instantiator); ok {
			priv, err := in.NewPrivate()
			if err != nil {
				return nil, fmt.Errorf("engine: mechanism %s: %w", bp.mech.Spec().Name, err)
			}
			b.Private = priv
		}
		s.blocks = append(s.blocks, b)
		if f, ok := bp.mech.(CurrentSource); ok {
			s.cur = append(s.cur, blockCall[CurrentSource]{b, f})
		}
		if f, ok := bp.mech.(StateUpdater); ok {
			s.state = append(s.state, blockCall[StateUpdater]{b, f})
		}
		for _, v := range bp.mech.Spec().Variables {
			if v.Role != State || v.Global {
				continue
			}
			sl := bp.layout.slot[v.Name]
			for e := 0; e < sl.size; e++ {
				s.stateCols = append(s.stateCols, stateCol{col: b.Vars[sl.index+e], b: b, name: v.Name})
			}
		}
	}
	for _, sc := range s.stateCols {
		for i := range sc.col {
			s.statePtrs = append(s.statePtrs, &sc.col[i])
		}
	}
	used := map[int]bool{}
	for _, bp := range c.blocks {
		for _, k := range bp.ionIndex {
			used[k] = true
		}
	}
	for k := range c.ions {
		if used[k] {
			s.activeIons = append(s.activeIons, k)
			s.ionSums = append(s.ionSums, ions[k].I, ions[k].DIDV)
		}
		for _, each := range c.ions[k].nernstEachStep {
			if each {
				s.nernstIons = append(s.nernstIons, k)
				break
			}
		}
	}
	s.weights = make([][]float64, len(c.netcons))
	for i, nc := range c.netcons {
		s.weights[i] = append([]float64(nil), nc.weight...)
	}
	s.flags = make([]bool, len(c.presyns))
	s.spikes = make([][]*Trace, len(c.presyns))
	s.initSteady()
	return s, nil
}

// T returns the current time (ms).
func (s *Sim) T() float64 { return s.t }

// Dt returns the time step (ms).
func (s *Sim) Dt() float64 { return s.dt }

// SetDt sets the time step (ms).
func (s *Sim) SetDt(dt float64) error {
	if !(dt > 0) || math.IsInf(dt, 0) {
		return fmt.Errorf("engine: dt must be positive, got %v", dt)
	}
	s.dt = dt
	s.env.Dt = dt
	s.steady.reset()
	return nil
}

// Celsius returns the temperature (°C).
func (s *Sim) Celsius() float64 { return s.env.Celsius }

// SetCelsius sets the temperature (°C).
func (s *Sim) SetCelsius(c float64) error {
	if math.IsNaN(c) || math.IsInf(c, 0) {
		return fmt.Errorf("engine: celsius must be a number, got %v", c)
	}
	s.env.Celsius = c
	s.steady.reset()
	return nil
}

// Init initialises the simulation as NEURON's finitialize(v): t = 0, every
// node at v, the event queue cleared, INITIAL blocks run in mechanism type
// order (artificial cells last), NET_RECEIVE INITIAL blocks run per NetCon,
// events due at t = 0 delivered, the currents evaluated and the first sample
// recorded.
func (s *Sim) Init(v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("engine: initial potential must be a number, got %v", v)
	}
	return s.init(true, v)
}

func (s *Sim) init(setV bool, v float64) error {
	s.t = 0
	s.env.T = 0
	s.env.Dt = s.dt
	s.steady.reset()
	s.steady.skipped = 0
	s.steady.frozenSteps = 0
	s.queue.clear()
	for _, tr := range s.traces {
		tr.Values = tr.Values[:0]
	}
	if setV {
		for i := range s.v {
			s.v[i] = v
		}
	}
	s.initIons()
	for _, art := range []bool{false, true} {
		for bi, b := range s.blocks {
			if (s.c.blocks[bi].mech.Spec().Kind == Artificial) != art {
				continue
			}
			for i := range b.tsav {
				b.tsav[i] = -1e20
			}
			if in, ok := b.Mech.(Initializer); ok {
				if err := in.Init(b, &s.env); err != nil {
					return fmt.Errorf("engine: INITIAL of %s: %w", b.Mech.Spec().Name, err)
				}
			}
		}
	}
	for i := range s.flags {
		s.flags[i] = false
		for _, tr := range s.spikes[i] {
			tr.Values = tr.Values[:0]
		}
	}
	for i, nc := range s.c.netcons {
		if !nc.hasTarget {
			continue
		}
		b := s.blocks[nc.target.block]
		if ri, ok := b.Mech.(EventInitializer); ok {
			ri.NetReceiveInit(b, nc.target.inst, s.weights[i], &s.env)
		} else {
			for j := len(s.weights[i]) - 1; j > 0; j-- {
				s.weights[i][j] = 0
			}
		}
	}
	if err := s.deliver(0); err != nil {
		return err
	}
	s.env.T = s.t
	s.setupMatrix()
	s.record()
	if err := s.deliver(0); err != nil {
		return err
	}
	return s.checkFinite()
}

// InitKeep initialises the simulation as NEURON's finitialize() without an
// argument: like Init, but every node keeps its present potential (at first,
// the values set on the model with Section.Set("v", ...), else -65 mV).
func (s *Sim) InitKeep() error {
	return s.init(false, 0)
}

// initIons resets ion concentrations and reversal potentials where
// mechanisms use concentrations, as NEURON's ion INITIAL blocks do.
func (s *Sim) initIons() {
	for k := range s.env.Ions {
		ion := &s.env.Ions[k]
		p := &s.c.ions[k]
		for i := range ion.E {
			if p.concReset[i] {
				ion.Ci[i], ion.Co[i] = p.ci0, p.co0
			}
			if p.nernstAtInit[i] {
				ion.E[i] = Nernst(ion.Ci[i], ion.Co[i], ion.Valence, s.env.Celsius)
			}
		}
	}
}

// Run is NEURON's run(): Init(VInit) then ContinueRun(tstop).
func (s *Sim) Run(tstop float64) error {
	if err := s.Init(s.VInit); err != nil {
		return err
	}
	return s.ContinueRun(tstop)
}

// ContinueRun advances the simulation while t < tstop - dt/2, as NEURON's
// continuerun(tstop).
func (s *Sim) ContinueRun(tstop float64) error {
	return s.ContinueRunContext(context.Background(), tstop)
}

// ContinueRunContext is ContinueRun with cancellation, checked every 1000
// steps.
func (s *Sim) ContinueRunContext(ctx context.Context, tstop float64) error {
	if math.IsNaN(tstop) {
		return fmt.Errorf("engine: tstop is NaN")
	}
	end := tstop - float64(s.dt/2)
	if n := (end - s.t) / s.dt; n > 0 && n < 1e8 {
		for _, tr := range s.traces {
			tr.Values = slices.Grow(tr.Values, int(n)+2)
		}
	}
	for k := 1000; s.t < end; k-- {
		if k == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			k = 1000
		}
		if s.steady.active {
			if n := s.skipSteps(end, k); n > 0 {
				k -= n - 1
				continue
			}
		}
		if s.kernel != nil {
			n, err := s.advanceKernel(end, k)
			if err != nil {
				return err
			}
			if n > 0 {
				k -= n - 1
				continue
			}
		}
		if err := s.Step(); err != nil {
			return err
		}
	}
	return nil
}

// Step advances the simulation by one fixed step, as NEURON's fadvance().
func (s *Sim) Step() error {
	if s.steady.active && s.skipStep() {
		return nil
	}
	if s.steady.frozen {
		if done, err := s.frozenStep(); done || err != nil {
			return err
		}
	}
	dt := s.dt
	eventsBefore := s.steady.events
	// 1. threshold detection at the start of the step.
	for _, pi := range s.c.voltageSources {
		ps := &s.c.presyns[pi]
		if s.v[ps.node]-ps.threshold > 0 {
			if !s.flags[pi] {
				s.flags[pi] = true
				s.send(pi, s.t+1e-10)
			}
		} else {
			s.flags[pi] = false
		}
	}
	// 2. events due by the middle of the step.
	if err := s.deliver(s.t + float64(0.5*dt)); err != nil {
		return err
	}
	// 3-5. mid-step matrix, solve, voltage update.
	s.t += float64(0.5 * dt)
	s.env.T = s.t
	tmid := s.t
	s.setupMatrix()
	s.solve()
	v, rhs := s.v, s.rhs[:len(s.v)]
	var moved uint64 // nonzero when some voltage changed (for observeStep)
	for i := range v {
		nv := v[i] + rhs[i]
		moved |= math.Float64bits(nv) ^ math.Float64bits(v[i])
		v[i] = nv
	}
	// 6-7. end of step: states.
	s.t += float64(0.5 * dt)
	s.env.T = s.t
	for _, bc := range s.state {
		if err := bc.f.State(bc.b, &s.env); err != nil {
			return fmt.Errorf("engine: t=%g: %s: %w", s.t, bc.b.Mech.Spec().Name, err)
		}
	}
	// 8. record.
	s.record()
	// 9. events due by the end of the step.
	if err := s.deliver(s.t); err != nil {
		return err
	}
	if err := s.checkFinite(); err != nil {
		return err
	}
	s.observeStep(moved != 0, eventsBefore, tmid)
	return nil
}

// setupMatrix fills rhs and d: membrane currents in mechanism type order,
// axial currents, conductances, capacitance and axial coupling.
func (s *Sim) setupMatrix() {
	c := s.c
	rhs := s.rhs
	d := s.d[:len(rhs)]
	for i := range rhs { // one loop: cheaper than two memclr calls on a few nodes
		rhs[i] = 0
		d[i] = 0
	}
	for _, k := range s.nernstIons {
		ion := &s.env.Ions[k]
		each := c.ions[k].nernstEachStep
		for i := range ion.E {
			if each[i] {
				ion.E[i] = Nernst(ion.Ci[i], ion.Co[i], ion.Valence, s.env.Celsius)
			}
		}
	}
	for j := 0; j+1 < len(s.ionSums); j += 2 {
		ii := s.ionSums[j]
		didv := s.ionSums[j+1][:len(ii)]
		for i := range ii { // one loop, as for rhs and d
			ii[i] = 0
			didv[i] = 0
		}
	}
	if s.steady.capture {
		s.captureCurrents()
		s.addAxial()
		s.captureAxial()
		return
	}
	for _, bc := range s.cur {
		bc.f.Current(bc.b, &s.env)
	}
	s.addAxial()
}

// addAxial completes the matrix after the membrane currents: the axial
// currents into rhs, and into d the capacitance, the node's own axial
// conductance and its children's. One pass in node order performs, for
// every element, the additions in exactly the order NEURON performs them
// (capacitance, then the node's own term, then each child in order), since
// a parent precedes its children.
func (s *Sim) addAxial() {
	c := s.c
	n := c.nNodes
	rhs, d, v := s.rhs[:n], s.d[:n], s.v[:n]
	cfac := .001 * (1 / s.dt)
	for i := 0; i < c.nRoots && i < n; i++ {
		if cm := c.cm[i]; cm != 0 {
			d[i] += float64(cfac * cm)
		}
	}
	// The node last passed keeps its values in registers (pn, pr, pd)
	// while its next node, usually its child, adds the parent's terms.
	pn := -1
	var pr, pd float64
	axial := c.axial
	for k := range axial {
		an := &axial[k]
		i, p := an.node, an.parent
		dv := v[p] - v[i]
		ri := rhs[i] - float64(an.b*dv)
		di := d[i]
		if an.cm != 0 {
			di += float64(cfac * an.cm)
		}
		di -= an.b
		if p == pn {
			pr += float64(an.a * dv)
			pd -= an.a
		} else {
			rhs[p] += float64(an.a * dv)
			d[p] -= an.a
		}
		if pn >= 0 {
			rhs[pn], d[pn] = pr, pd
		}
		pn, pr, pd = i, ri, di
	}
	if pn >= 0 {
		rhs[pn], d[pn] = pr, pd
	}
}

// solve is the Hines elimination and back substitution on the tree matrix.
// Where a node's parent is the node before it (along an unbranched run of
// nodes, the common case), the value just computed for the parent is
// carried in a register instead of going through memory: the operations
// and their order are those of the plain loops.
func (s *Sim) solve() {
	c := s.c
	n := c.nNodes
	roots := max(c.nRoots, 0)
	rhs, d := s.rhs[:n], s.d[:n]
	par, a, b := c.parent[:n], c.a[:n], c.b[:n]
	if n > roots {
		i := n - 1
		di, ri := d[i], rhs[i]
		for ; i > roots; i-- {
			p := par[i]
			f := a[i] / di
			d[i], rhs[i] = di, ri
			if p == i-1 {
				di = d[p] - float64(f*b[i])
				ri = rhs[p] - float64(f*ri)
			} else {
				d[p] -= float64(f * b[i])
				rhs[p] -= float64(f * ri)
				di, ri = d[i-1], rhs[i-1]
			}
		}
		// i == roots: the last non-root node
		p := par[i]
		f := a[i] / di
		d[i], rhs[i] = di, ri
		d[p] -= float64(f * b[i])
		rhs[p] -= float64(f * ri)
	}
	for i := 0; i < roots && i < n; i++ {
		rhs[i] /= d[i]
	}
	prev := -1
	var rprev float64
	for i := roots; i < n; i++ {
		p := par[i]
		rp := rprev
		if p != prev {
			rp = rhs[p]
		}
		r := (rhs[i] - float64(b[i]*rp)) / d[i]
		rhs[i] = r
		prev, rprev = i, r
	}
}

// deliver delivers every event with time <= tm, each at its own time, and
// restores t afterwards.
func (s *Sim) deliver(tm float64) error {
	if len(s.queue.h) == 0 || s.queue.h[0].t > tm {
		return nil
	}
	tsav := s.t
	for {
		ev, ok := s.queue.popDue(tm)
		if !ok {
			s.env.T = tsav
			return nil
		}
		s.steady.events++
		s.env.T = ev.t
		var b *Block
		var inst int
		var args []float64
		flag := 0.0
		switch ev.kind {
		case netconEvent:
			nc := &s.c.netcons[ev.nc]
			if !nc.hasTarget {
				continue
			}
			b, inst, args = s.blocks[nc.target.block], nc.target.inst, s.weights[ev.nc]
		case selfEvent:
			b, inst, args, flag = s.blocks[ev.block], ev.inst, ev.args, ev.flag
		}
		recv, ok := b.Mech.(EventReceiver)
		if !ok {
			continue
		}
		if b.tsav[inst] > ev.t {
			s.env.T = tsav
			return fmt.Errorf("engine: %s: event at t=%g arrived out of order (last %g)", b.Mech.Spec().Name, ev.t, b.tsav[inst])
		}
		b.tsav[inst] = ev.t
		if err := recv.NetReceive(b, inst, args, flag, &s.env); err != nil {
			s.env.T = tsav
			return fmt.Errorf("engine: NET_RECEIVE of %s at t=%g: %w", b.Mech.Spec().Name, ev.t, err)
		}
	}
}

// fire handles net_event from instance inst of block bi at time t.
func (s *Sim) fire(bi, inst int, t float64) {
	if pi, ok := s.c.presynOf[instRef{block: bi, inst: inst}]; ok {
		s.send(pi, t)
	}
}

// send records a spike of presyn pi at t and schedules its NetCon events.
func (s *Sim) send(pi int, t float64) {
	s.steady.events++
	for _, tr := range s.spikes[pi] {
		tr.Values = append(tr.Values, t)
	}
	for _, nci := range s.c.presyns[pi].netcons {
		nc := &s.c.netcons[nci]
		if nc.hasTarget {
			s.queue.push(event{t: t + nc.delay, kind: netconEvent, nc: nci})
		}
	}
}

// checkFinite returns an error naming the first node voltage or mechanism
// state that is not a finite number.
func (s *Sim) checkFinite() error {
	// x*0 is 0 for every finite x and NaN for NaN and ±Inf, so one sum
	// tells whether all values are finite; only then are they searched.
	z := 0.0
	for _, v := range s.v {
		z += float64(v * 0)
	}
	for _, p := range s.statePtrs {
		z += float64(*p * 0)
	}
	if z == 0 {
		return nil
	}
	for i, v := range s.v {
		if v-v != 0 { // NaN or ±Inf
			return fmt.Errorf("engine: t=%g: v at %s is %v (the simulation blew up)", s.t, s.c.nodeName[i], v)
		}
	}
	for _, sc := range s.stateCols {
		for i, x := range sc.col {
			if x-x != 0 { // NaN or ±Inf
				where := "artificial cell"
				if sc.b.Node[i] >= 0 {
					where = s.c.nodeName[sc.b.Node[i]]
				}
				return fmt.Errorf("engine: t=%g: state %s of %s at %s is %v", s.t, sc.name, sc.b.Mech.Spec().Name, where, x)
			}
		}
	}
	return nil
}

// Blocks returns the simulation's mechanism blocks in the order their
// currents are evaluated. Mechanisms see the same blocks in their calls;
// the slice is the Sim's own and must not be modified.
func (s *Sim) Blocks() []*Block { return s.blocks }
