package engine

import (
	"math"
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
	prevV    []uint64
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

func (st *steadyState) reset() {
	st.active = false
	st.havePrev = false
	st.prevV = st.prevV[:0]
}

// initSteady decides once per Sim whether skipping is possible.
func (s *Sim) initSteady() {
	for _, b := range s.blocks {
		for _, col := range b.Vars {
			for i := range col {
				s.steady.where = append(s.steady.where, &col[i])
			}
		}
		for i := range b.Globals {
			s.steady.where = append(s.steady.where, &b.Globals[i])
		}
	}
	for k := range s.env.Ions {
		ion := &s.env.Ions[k]
		for _, col := range [][]float64{ion.E, ion.Ci, ion.Co} {
			for i := range col {
				s.steady.where = append(s.steady.where, &col[i])
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
	st := &s.steady
	t1 := s.t + 0.5*s.dt
	t2 := t1 + 0.5*s.dt
	if t2 >= st.until || (len(s.queue.h) > 0 && s.queue.h[0].t <= t2) {
		st.active = false
		return false
	}
	s.t = t2
	s.env.T = t2
	s.steps++
	st.skipped++
	s.record()
	return true
}

// observeStep is called after each computed step; eventsBefore is the event
// count before it and tmid the time the currents were evaluated at.
func (s *Sim) observeStep(eventsBefore int, tmid float64) {
	st := &s.steady
	if st.disabled || st.blocked {
		return
	}
	vSame := len(st.prevV) == len(s.v)
	if vSame {
		for i, v := range s.v {
			if math.Float64bits(v) != st.prevV[i] {
				vSame = false
				break
			}
		}
	}
	if !vSame {
		st.prevV = st.prevV[:0]
		for _, v := range s.v {
			st.prevV = append(st.prevV, math.Float64bits(v))
		}
	}
	if !vSame || st.events != eventsBefore {
		st.havePrev = false
		return
	}
	if len(st.where) > 0 {
		// the value that differed last time usually still changes (a
		// synaptic conductance decaying): then nothing more is compared.
		b := math.Float64bits(*st.where[st.hint])
		if b != st.hintBits {
			st.hintBits = b
			st.havePrev = false
			return
		}
	}
	st.cur = s.snapshot(st.cur[:0])
	if st.havePrev {
		if i := firstDifference(st.cur, st.prev); i >= 0 {
			if i < len(st.where) {
				st.hint, st.hintBits = i, st.cur[i]
			}
		} else {
			until := math.Inf(1)
			for _, b := range s.blocks {
				if m, ok := b.Mech.(Stationary); ok {
					until = math.Min(until, m.StationaryUntil(b, tmid))
				}
			}
			if s.t < until {
				st.active = true
				st.until = until
			}
		}
	}
	st.prev, st.cur = st.cur, st.prev
	st.havePrev = true
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
