package engine

import (
	"fmt"
	"math"
	"slices"
)

// Stationary is implemented by mechanisms whose Current and State depend on
// time only through comparisons with times the mechanism can name (the
// start and end of a clamp pulse, say), and have no effect beyond the
// block's variables, its globals and the matrix (no events, no output).
//
// StationaryUntil returns a time T > t such that, for every t' in [t, T),
// Current and State compute at t' exactly what they compute at t from the
// same variable values; +Inf if they never read time, and t itself if the
// mechanism cannot tell. A Sim skips the arithmetic of steps that would
// change nothing only when every block with a Current or State implements
// Stationary.
type Stationary interface {
	StationaryUntil(b *Block, t float64) float64
}

// steadyState detects steps that leave every variable of the simulation
// bitwise unchanged. Once a step without events maps the state onto
// itself, every following step does the same until an event is due or a
// mechanism's behaviour changes with time (Stationary), so those steps only
// advance t and record. The traces are bit-identical to stepping.
type steadyState struct {
	disabled bool // SetSkipSteady(false)
	blocked  bool // some block cannot say it is stationary
	active   bool // the last step was a fixed point; skipping may go on
	until    float64
	havePrev bool // prev holds the state after the previous step
	vKnown   bool // the previous computed step was observed (its voltages are the reference)
	prev     []uint64
	cur      []uint64
	// where lists every value a step may change apart from the node
	// voltages (mechanism variables and globals, ion concentrations and
	// reversal potentials); flags are compared apart.
	where []*float64
	// hint is the index in where of the value that differed last time,
	// and hintBits its value then: while it keeps changing, the whole
	// state is not compared.
	hint     int
	hintBits uint64
	events   int // events delivered or sent so far
	skipped  int // steps skipped since Init

	// Partly frozen steps (frozenStep): when the only values that change
	// from step to step belong to blocks that use no ion (a synapse whose
	// conductance decays), every other block computes the same thing each
	// step. whereBlock gives the block of each entry of where (-1 for
	// ions); eligible[b] says whether block b may be live.
	whereBlock []int
	eligible   []bool
	// replayable[b] says whether block b has at most one instance per
	// node, so that its contributions to the matrix can be saved and
	// added again; scratchRhs and scratchD receive them.
	replayable           []bool
	scratchRhs, scratchD []float64
	// live marks the blocks that still change; liveFrom is the position
	// in Sim.cur of the first of them with a Current (len(Sim.cur) if
	// none), liveState their state updates.
	live      []bool
	changed   []int // scratch: the blocks that changed in the last step
	liveFrom  int
	liveState []blockCall[StateUpdater]
	// capture asks the next step to save the matrix as it is before the
	// Current of Sim.cur[liveFrom] (rhsPre, dPre) and the contributions of
	// the frozen blocks after it (addends, in the order of replay); frozen
	// is set once such a step has confirmed that nothing but the live
	// blocks changed.
	capture, frozen bool
	rhsPre, dPre    []float64
	replay          []replayItem
	liveCalls       []blockCall[CurrentSource]
	addends         []matrixAddend // only those at live nodes
	// liveNode marks the nodes where a live block (or a block called in
	// every frozen step) adds to the matrix, liveNodes lists them;
	// elsewhere the matrix is rhsFinal, dFinal. axialRhs and axialD hold
	// the axial terms of the live nodes in order, those of liveNodes[k]
	// from axialFrom[k] to axialFrom[k+1].
	liveNode         []bool
	liveNodes        []int
	rhsFinal, dFinal []float64
	axialRhs, axialD []float64
	axialFrom        [][2]int
	// solvedRhs and solvedD are the last frozen step's matrix before the
	// solve; while it repeats, so does the (null) voltage change.
	solvedRhs, solvedD []float64
	solvedValid        bool
	// liveWhere holds the live blocks' values and livePrev their bits
	// after the last frozen step whose solve was skipped: once they stop
	// changing too, the whole state is steady.
	liveWhere   []*float64
	liveStates  []*float64 // the live blocks' states, for the finiteness check
	livePrev    []uint64
	frozenSteps int       // partly frozen steps since Init
	times       []float64 // scratch: the times of skipped steps, when t is recorded
}

// SetSkipSteady turns the skipping of steady steps on (the default) or
// off. Skipping never changes a result: a step is skipped only when the
// previous step, without events, left every node voltage and every
// mechanism variable bitwise unchanged, and no event or time-dependent
// change of a mechanism falls in it. Turning it off is for measuring and
// for tests that compare both ways.
func (s *Sim) SetSkipSteady(on bool) {
	s.steady.disabled = !on
	s.steady.reset()
}

// SetMemoize allows mechanisms to answer a call with bitwise the inputs of
// their previous one from memory (the default), or makes them compute
// every call. Like skipping steady steps, memoisation never changes a
// result; turning it off is for measuring and for tests.
func (s *Sim) SetMemoize(on bool) { s.env.NoMemo = !on }

// SkippedSteps returns how many steps since the last Init were steady and
// skipped (their time advanced and their samples recorded without
// arithmetic).
func (s *Sim) SkippedSteps() int { return s.steady.skipped }

// FrozenSteps returns how many steps since the last Init were computed
// partly frozen: when only blocks that use no ion still change (a synaptic
// conductance decaying under a clamp), the other blocks' part of the
// matrix is reused and their states left as they are, since they would
// compute the same from the same values; the solve is skipped too while
// the matrix repeats. Like skipped steps, these change no result.
func (s *Sim) FrozenSteps() int { return s.steady.frozenSteps }

func (st *steadyState) reset() {
	st.capture = false
	st.frozen = false
	st.active = false
	st.havePrev = false
	st.vKnown = false
}

// initSteady decides once per Sim whether skipping is possible.
func (s *Sim) initSteady() {
	st := &s.steady
	for bi, b := range s.blocks {
		for _, col := range b.Vars {
			for i := range col {
				st.where = append(st.where, &col[i])
				st.whereBlock = append(st.whereBlock, bi)
			}
		}
		for i := range b.Globals {
			st.where = append(st.where, &b.Globals[i])
			st.whereBlock = append(st.whereBlock, bi)
		}
		st.eligible = append(st.eligible, len(b.Mech.Spec().Ions) == 0)
		seen := map[int]bool{}
		replayable := true
		for _, nd := range b.Node {
			replayable = replayable && nd >= 0 && !seen[nd]
			seen[nd] = true
		}
		st.replayable = append(st.replayable, replayable)
	}
	st.liveNode = make([]bool, len(s.v))
	st.scratchRhs = make([]float64, len(s.v))
	st.scratchD = make([]float64, len(s.v))
	st.live = make([]bool, len(s.blocks))
	for k := range s.env.Ions {
		ion := &s.env.Ions[k]
		for _, col := range [][]float64{ion.E, ion.Ci, ion.Co} {
			for i := range col {
				st.where = append(st.where, &col[i])
				st.whereBlock = append(st.whereBlock, -1)
			}
		}
	}
	for _, b := range s.blocks {
		_, cur := b.Mech.(CurrentSource)
		_, state := b.Mech.(StateUpdater)
		if !cur && !state {
			continue
		}
		if _, ok := b.Mech.(Stationary); !ok {
			s.steady.blocked = true
		}
	}
}

// skipStep advances t by one step and records, if the simulation is steady
// and nothing is due in the step; it reports whether it did.
func (s *Sim) skipStep() bool {
	return s.skipSteps(math.Inf(1), 1) == 1
}

// skipSteps advances a run of steady steps in one go while t < end, for
// at most max steps: each advances t by two half steps and records, while
// the simulation stays steady and no event is due within the step. It
// returns how many steps it skipped (0 when the next step has to be
// computed).
func (s *Sim) skipSteps(end float64, max int) int {
	st := &s.steady
	due := math.Inf(1) // no event can be queued while steps are skipped
	if len(s.queue.h) > 0 {
		due = s.queue.h[0].t
	}
	n, stopped := s.skipRun(min(st.until, due), end, max)
	if stopped {
		st.active = false
	}
	st.skipped += n
	return n
}

// skipRun advances t by whole steps of a steady simulation, at most max
// and while t < end, as long as a step's end stays below until; it records
// every step and reports whether until stopped it. The caller counts the
// steps. Since nothing but t
// changes in such steps, every trace receives its source's present value
// for each step, and a trace of t each step's time.
func (s *Sim) skipRun(until, end float64, max int) (n int, stopped bool) {
	recordsT := false
	for _, tr := range s.traces {
		recordsT = recordsT || tr.src == &s.t
	}
	times := s.steady.times[:0]
	t0 := s.t
	n, t := stepTimes(t0, float64(0.5*s.dt), until, end, max, recordsT, &times)
	s.steady.times = times
	if n == 0 {
		return 0, n < max && t < end
	}
	for _, tr := range s.traces {
		if tr.src == &s.t {
			tr.Values = append(tr.Values, times...)
			continue
		}
		vals := slices.Grow(tr.Values, n)
		x := *tr.src
		for k := 0; k < n; k++ {
			vals = append(vals, x)
		}
		tr.Values = vals
	}
	s.t = t
	s.env.T = t
	return n, n < max && t < end
}

// stepTimes advances t by at most max steps of two half steps each,
// t = (t+half)+half as Step computes it, while t < end before the step and
// the step's end stays below until. It returns the number of steps and the
// final time, and appends every step's end time to times if keep is set.
//
// Within a binade of t (the times sharing one exponent) every half step
// adds the same rounded amount, unless half is exactly halfway between two
// multiples of the binade's unit in the last place (then rounding to even
// alternates); so, away from the binade's top, the time after j steps is
// t + j·step exactly, and runs of steps are counted without adding them up
// one by one. Elsewhere the steps are taken one at a time.
func stepTimes(t, half, until, end float64, max int, keep bool, times *[]float64) (int, float64) {
	n := 0
	for n < max && t < end {
		if step, limit, ok := binadeStep(t, half); ok && t < limit {
			// step j (j >= 1) starts at t+(j-1)·step and ends at t+j·step:
			// it must start below limit and end, and end below until.
			j := min(int64(max-n), below(t, step, min(limit, end)), below(t, step, until)-1)
			if j >= 1 {
				if keep {
					for k := int64(1); k <= j; k++ {
						*times = append(*times, t+float64(float64(k)*step))
					}
				}
				t += float64(float64(j) * step)
				n += int(j)
				continue
			}
		}
		t2 := (t + half) + half
		if t2 >= until {
			break
		}
		t = t2
		n++
		if keep {
			*times = append(*times, t)
		}
	}
	return n, t
}

// binadeStep returns the exact amount step that one whole step adds to
// every time from t up to limit (exclusive), all in t's binade; ok is false
// where that does not hold or cannot be told.
func binadeStep(t, half float64) (step, limit float64, ok bool) {
	if !(t >= 1) || t > 1<<50 || !(half > 0) {
		return 0, 0, false
	}
	_, e := math.Frexp(t)                // t in [2^(e-1), 2^e)
	ulp := math.Ldexp(1, e-53)           // spacing of the binade
	x := half / ulp                      // exact: a power-of-two scaling
	if x-math.Floor(x) == 0.5 || x < 4 { // a tie, or steps too coarse
		return 0, 0, false
	}
	d := (t + half) - t // exact: the rounded half step, a multiple of ulp
	step = d + d
	// Every sum formed by a step from below limit stays below the binade's
	// top, so it rounds with the same spacing.
	limit = math.Ldexp(1, e) - float64(4*(half+step))
	return step, limit, true
}

// below returns how many j >= 0 have t+j·step < bound (t+j·step being
// exact for the counts that matter), at most 1<<40.
func below(t, step, bound float64) int64 {
	if !(t < bound) {
		return 0
	}
	q := (bound - t) / step
	if !(q < 1<<40) {
		return 1 << 40
	}
	j := int64(q) + 1
	for j > 0 && !(t+float64(float64(j-1)*step) < bound) {
		j--
	}
	for t+float64(float64(j)*step) < bound {
		j++
	}
	return j
}

// observeStep is called after each computed step; vMoved tells whether
// the step changed a node voltage, eventsBefore is the event count before
// it and tmid the time the currents were evaluated at.
func (s *Sim) observeStep(vMoved bool, eventsBefore int, tmid float64) {
	st := &s.steady
	if st.disabled || st.blocked {
		return
	}
	// the voltages are those of the previous step if this step did not
	// move them and the previous step was observed too (Init and every
	// outside change reset vKnown)
	vSame := st.vKnown && !vMoved
	st.vKnown = true
	if !vSame || st.events != eventsBefore {
		st.havePrev = false
		st.capture = false
		return
	}
	if len(st.where) > 0 {
		// the value that differed last time usually still changes: while
		// it belongs to a block that cannot be live, nothing more is
		// compared.
		b := math.Float64bits(*st.where[st.hint])
		if b != st.hintBits {
			st.hintBits = b
			if bi := st.whereBlock[st.hint]; bi < 0 || !st.eligible[bi] {
				st.havePrev = false
				st.capture = false
				return
			}
		}
	}
	st.cur = s.snapshot(st.cur[:0])
	if st.havePrev {
		s.compareStates(tmid)
	}
	st.prev, st.cur = st.cur, st.prev
	st.havePrev = true
}

// compareStates compares the state after this step (st.cur) with the state
// after the previous one (st.prev), the node voltages being equal, and
// decides whether the following steps can be skipped whole, or computed
// partly frozen around the blocks that changed.
func (s *Sim) compareStates(tmid float64) {
	st := &s.steady
	changed := st.changed[:0]
	for i := firstDifference(st.cur, st.prev); i >= 0; {
		if len(changed) == 0 && i < len(st.where) {
			st.hint, st.hintBits = i, st.cur[i]
		}
		if i >= len(st.where) || st.whereBlock[i] < 0 || !st.eligible[st.whereBlock[i]] {
			if i < len(st.where) {
				st.hint, st.hintBits = i, st.cur[i]
			}
			st.capture = false
			return
		}
		if bi := st.whereBlock[i]; !slices.Contains(changed, bi) {
			changed = append(changed, bi)
		}
		j := firstDifference(st.cur[i+1:], st.prev[i+1:])
		if j < 0 {
			break
		}
		i += 1 + j
	}
	st.changed = changed
	until := math.Inf(1)
	for _, b := range s.blocks {
		if m, ok := b.Mech.(Stationary); ok {
			until = math.Min(until, m.StationaryUntil(b, tmid))
		}
	}
	if s.t >= until {
		st.capture = false
		return
	}
	within := st.capture
	for _, bi := range changed {
		within = within && st.live[bi]
	}
	switch {
	case len(changed) == 0:
		st.active = true
		st.until = until
		st.capture = false
	case within:
		// this step saved the matrix before the live blocks and confirmed
		// that only they change.
		st.capture = false
		st.frozen = true
		st.until = until
		st.solvedValid = false
		st.liveStates = st.liveStates[:0]
		for _, sc := range s.stateCols {
			if st.live[sc.b.index] {
				for i := range sc.col {
					st.liveStates = append(st.liveStates, &sc.col[i])
				}
			}
		}
		st.liveWhere = st.liveWhere[:0]
		for i, p := range st.where {
			if bi := st.whereBlock[i]; bi >= 0 && st.live[bi] {
				st.liveWhere = append(st.liveWhere, p)
			}
		}
		st.livePrev = st.livePrev[:0]
	default:
		live := st.live
		clear(live)
		for _, bi := range changed {
			live[bi] = true
		}
		st.liveFrom = len(s.cur)
		for k, bc := range s.cur {
			if live[bc.b.index] {
				st.liveFrom = k
				break
			}
		}
		st.liveState = st.liveState[:0]
		for _, bc := range s.state {
			if live[bc.b.index] {
				st.liveState = append(st.liveState, bc)
			}
		}
		st.capture = true
	}
}

// matrixAddend is what a frozen block adds to the matrix at one node:
// rhs[node] += rhs and d[node] += d.
type matrixAddend struct {
	node   int
	rhs, d float64
}

// replayItem is one step of a frozen step's current evaluation: a live
// block's Current, or the saved contributions addends[from:to] of a frozen
// block that comes after the first live one.
type replayItem struct {
	live     int32 // index in liveCalls, or -1
	from, to int32
}

// captureCurrents evaluates the currents as setupMatrix does, saving what
// frozen steps reuse: the matrix as the blocks before Sim.cur[liveFrom]
// leave it, the contributions of the frozen blocks after that, and the ion
// currents, to which live blocks (which use no ion) add nothing, are those
// this step leaves.
func (s *Sim) captureCurrents() {
	st := &s.steady
	st.addends = st.addends[:0]
	st.replay = st.replay[:0]
	st.liveCalls = st.liveCalls[:0]
	clear(st.liveNode)
	st.liveNodes = st.liveNodes[:0]
	for _, bc := range s.cur {
		if st.live[bc.b.index] || !st.replayable[bc.b.index] {
			for _, nd := range bc.b.Node {
				if nd >= 0 && !st.liveNode[nd] {
					st.liveNode[nd] = true
					st.liveNodes = append(st.liveNodes, nd)
				}
			}
		}
	}
	for k, bc := range s.cur {
		if k == st.liveFrom {
			st.rhsPre = append(st.rhsPre[:0], s.rhs...)
			st.dPre = append(st.dPre[:0], s.d...)
		}
		switch {
		case k < st.liveFrom:
			bc.f.Current(bc.b, &s.env)
		case st.live[bc.b.index]:
			st.replay = append(st.replay, replayItem{live: int32(len(st.liveCalls))})
			st.liveCalls = append(st.liveCalls, bc)
			bc.f.Current(bc.b, &s.env)
		case !st.replayable[bc.b.index]:
			// instances sharing a node: their additions cannot be told
			// apart, so the block is called in every frozen step.
			st.replay = append(st.replay, replayItem{live: int32(len(st.liveCalls))})
			st.liveCalls = append(st.liveCalls, bc)
			bc.f.Current(bc.b, &s.env)
		default:
			// the block adds to a matrix of -0, the identity of IEEE
			// addition, so that each node then holds exactly the one
			// value the block adds to it (subtracting x and adding -x
			// are the same operation); those are added to the real
			// matrix as the block would have.
			negZero := math.Copysign(0, -1) // -0 + x is x for every x, ±0 included
			rhs, d := s.env.Rhs, s.env.D
			sr, sd := st.scratchRhs, st.scratchD
			for _, nd := range bc.b.Node {
				sr[nd], sd[nd] = negZero, negZero
			}
			s.env.Rhs, s.env.D = sr, sd
			bc.f.Current(bc.b, &s.env)
			s.env.Rhs, s.env.D = rhs, d
			from := len(st.addends)
			for _, nd := range bc.b.Node {
				a := matrixAddend{node: nd, rhs: sr[nd], d: sd[nd]}
				rhs[nd] += a.rhs
				d[nd] += a.d
				if st.liveNode[nd] {
					st.addends = append(st.addends, a)
				}
			}
			st.replay = append(st.replay, replayItem{live: -1, from: int32(from), to: int32(len(st.addends))})
		}
	}
	if st.liveFrom == len(s.cur) {
		st.rhsPre = append(st.rhsPre[:0], s.rhs...)
		st.dPre = append(st.dPre[:0], s.d...)
	}
}

// captureAxial saves, after the capture step's matrix is complete, what
// frozen steps need besides the currents: the whole matrix, which does not
// change at the nodes where no live block adds (rhsFinal, dFinal), and at
// the others the axial terms addAxial adds after the currents, in its
// order (they depend only on the voltages, which frozen steps keep).
func (s *Sim) captureAxial() {
	st := &s.steady
	c := s.c
	st.rhsFinal = append(st.rhsFinal[:0], s.rhs...)
	st.dFinal = append(st.dFinal[:0], s.d...)
	st.axialRhs, st.axialD = st.axialRhs[:0], st.axialD[:0]
	st.axialFrom = st.axialFrom[:0]
	v, par, a, bb := s.v, c.parent, c.a, c.b
	cfac := .001 * (1 / s.dt)
	for _, nd := range st.liveNodes {
		st.axialFrom = append(st.axialFrom, [2]int{len(st.axialRhs), len(st.axialD)})
		// the node's own terms (addAxial's pass at nd), then its
		// children's (their passes, in node order); x -= y is x += -y.
		if cm := c.cm[nd]; cm != 0 {
			st.axialD = append(st.axialD, cfac*cm)
		}
		if nd >= c.nRoots {
			st.axialRhs = append(st.axialRhs, -(bb[nd] * (v[par[nd]] - v[nd])))
			st.axialD = append(st.axialD, -bb[nd])
		}
		for ch := max(nd+1, c.nRoots); ch < c.nNodes; ch++ {
			if par[ch] == nd {
				st.axialRhs = append(st.axialRhs, a[ch]*(v[nd]-v[ch]))
				st.axialD = append(st.axialD, -a[ch])
			}
		}
	}
	st.axialFrom = append(st.axialFrom, [2]int{len(st.axialRhs), len(st.axialD)})
}

// frozenStep computes a step in which only the live blocks can change: the
// other blocks are not called (the matrix as the blocks before the first
// live one leave it is restored, the contributions of those after it are
// added again in their order, and the ion currents stay as they are: they
// would compute all that again from the same values), and if the voltages
// come out unchanged only the live blocks' states are updated. If the matrix is bitwise the one of
// the previous frozen step, the solve is skipped too. It reports whether it
// took the step; when an event or a change of a mechanism's behaviour is
// due in the step, it leaves the step to Step.
func (s *Sim) frozenStep() (bool, error) {
	st := &s.steady
	dt := s.dt
	t1 := s.t + float64(0.5*dt)
	t2 := t1 + float64(0.5*dt)
	if t2 >= st.until || (len(s.queue.h) > 0 && s.queue.h[0].t <= t2) {
		st.frozen = false
		st.havePrev = false
		return false, nil
	}
	s.t = t1
	s.env.T = t1
	// the ion currents are left as the last computed step left them: live
	// blocks use no ion, and the others would add the same again.
	rhs, d := s.rhs, s.d
	copy(rhs, st.rhsFinal)
	copy(d, st.dFinal)
	for _, nd := range st.liveNodes {
		rhs[nd], d[nd] = st.rhsPre[nd], st.dPre[nd]
	}
	for _, it := range st.replay {
		if it.live >= 0 {
			bc := st.liveCalls[it.live]
			bc.f.Current(bc.b, &s.env)
			continue
		}
		for k := it.from; k < it.to; k++ {
			a := &st.addends[k]
			rhs[a.node] += a.rhs
			d[a.node] += a.d
		}
	}
	for k, nd := range st.liveNodes {
		from, to := st.axialFrom[k], st.axialFrom[k+1]
		r, dd := rhs[nd], d[nd]
		for _, x := range st.axialRhs[from[0]:to[0]] {
			r += x
		}
		for _, x := range st.axialD[from[1]:to[1]] {
			dd += x
		}
		rhs[nd], d[nd] = r, dd
	}
	vChanged, solved := false, true
	if st.solvedValid && sameBits(s.rhs, st.solvedRhs) && sameBits(s.d, st.solvedD) {
		solved = false
	} else {
		st.solvedRhs = append(st.solvedRhs[:0], s.rhs...)
		st.solvedD = append(st.solvedD[:0], s.d...)
		st.solvedValid = true
		s.solve()
		for i, v := range s.v {
			nv := v + s.rhs[i]
			if math.Float64bits(nv) != math.Float64bits(v) {
				vChanged = true
			}
			s.v[i] = nv
		}
	}
	s.t += float64(0.5 * dt)
	s.env.T = s.t
	states := st.liveState
	if vChanged {
		states = s.state
		st.frozen = false
		st.havePrev = false
	}
	for _, bc := range states {
		if err := bc.f.State(bc.b, &s.env); err != nil {
			return true, fmt.Errorf("engine: t=%g: %s: %w", s.t, bc.b.Mech.Spec().Name, err)
		}
	}
	st.frozenSteps++
	s.record()
	if vChanged {
		if err := s.checkFinite(); err != nil {
			return true, err
		}
		s.observeStep(true, st.events, t1)
		return true, nil
	}
	// only the live blocks' values have changed
	z := 0.0
	for _, p := range st.liveStates {
		z += float64(*p * 0)
	}
	if z != 0 {
		if err := s.checkFinite(); err != nil {
			return true, err
		}
	}
	if !solved {
		// the live blocks no longer move the voltage; once their own
		// values stop changing, nothing does.
		if len(st.livePrev) != len(st.liveWhere) {
			st.livePrev = st.livePrev[:0]
			for _, p := range st.liveWhere {
				st.livePrev = append(st.livePrev, math.Float64bits(*p))
			}
		} else {
			same := true
			for i, p := range st.liveWhere {
				if b := math.Float64bits(*p); b != st.livePrev[i] {
					same = false
					st.livePrev[i] = b
				}
			}
			if same {
				st.frozen = false
				st.active = true
			}
		}
	} else {
		st.livePrev = st.livePrev[:0]
	}
	return true, nil
}

// sameBits reports whether a and b hold bitwise the same values.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i, x := range a {
		if math.Float64bits(x) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// snapshot appends the bits of everything a step may change apart from the
// node voltages: the values in where, then the threshold flags.
func (s *Sim) snapshot(dst []uint64) []uint64 {
	for _, p := range s.steady.where {
		dst = append(dst, math.Float64bits(*p))
	}
	for _, f := range s.flags {
		if f {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
	}
	return dst
}

// firstDifference returns the first index where a and b differ, or -1.
func firstDifference(a, b []uint64) int {
	if len(a) != len(b) {
		return 0
	}
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

// nextBoundary returns the smallest of the candidate times that is greater
// than t, or +Inf.
func nextBoundary(t float64, candidates ...float64) float64 {
	next := math.Inf(1)
	for _, c := range candidates {
		if c > t && c < next {
			next = c
		}
	}
	return next
}
