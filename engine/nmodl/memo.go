package nmodl

import "math"

// A routine without side effects that reads neither t nor a table is a
// pure function of the values it loads from its frame. During a steady
// stretch of a simulation (a clamped or resting cell between events) it is
// called with bitwise the same inputs step after step, so each instance
// keeps the inputs and outputs of its last call, and a call with the same
// inputs writes the saved outputs instead of running the routine. The
// results are bit-identical to running it.

// memoPlan says which frame offsets are a routine's inputs (key) and
// outputs (out); ok is false when the routine cannot be memoised.
type memoPlan struct {
	ok          bool
	key, out    []int
	extraPerCur int // saved values besides the frame: i1 and each ion current at v+0.001
}

func (m *Mechanism) memoPlanFor(rp *routinePlan, isCurrent bool) memoPlan {
	r := rp.r
	if r == nil || rp.readsT || r.hasEffects() || len(m.prog.tables) > 0 {
		return memoPlan{}
	}
	mp := memoPlan{ok: true}
	for _, off := range r.Reads {
		if !r.noLoad[off] {
			mp.key = append(mp.key, off)
		}
	}
	mp.out = append(mp.out, r.Writes...)
	if isCurrent {
		mp.extraPerCur = 1 + len(m.ionCurOff)
	}
	return mp
}

// memoStore holds, per instance, the inputs of the last call and, once
// two calls in a row had the same inputs, its outputs. Outputs are saved
// only then, so that a routine whose inputs change at every step (a cell
// that is not at rest) pays only for the comparison.
type memoStore struct {
	plan  *memoPlan
	key   []uint64
	out   []float64
	extra []float64
	state []memoState
	// lastV holds the bits of v at each instance's previous call: while v
	// changes from call to call (a cell that is not at rest) the rest of
	// the inputs are not even compared.
	lastV []uint64
	hits  int // calls answered from memory, for tests
}

type memoState uint8

const (
	memoEmpty  memoState = iota
	memoKey              // the key of the last call is saved
	memoOutput           // the key and the outputs of the last call are saved
)

func (ms *memoStore) size(n int) {
	if len(ms.state) == n {
		return
	}
	ms.key = make([]uint64, n*len(ms.plan.key))
	ms.out = make([]float64, n*len(ms.plan.out))
	ms.extra = make([]float64, n*ms.plan.extraPerCur)
	ms.state = make([]memoState, n)
	ms.lastV = make([]uint64, n)
}

// memo returns the store of routine plan id (0 BREAKPOINT, 1 state) for a
// block of n instances, or nil if the routine is not memoised.
func (st *machineState) memo(plan *memoPlan, id, n int, off bool) *memoStore {
	if !plan.ok || off {
		return nil
	}
	ms := &st.memos[id]
	if ms.plan != plan {
		ms.plan = plan
		ms.state = nil
	}
	ms.size(n)
	return ms
}

// lookup compares instance k's inputs now in fr (v, at its node, first: while
// v changes from call to call nothing else is compared) with those of its last
// call and keeps them. hit tells that the saved outputs answer this call;
// save that they are not saved yet but the inputs repeat, so the caller
// should save the outputs it computes.
func (ms *memoStore) lookup(k int, fr []float64, v float64) (hit, save bool) {
	if vb := math.Float64bits(v); vb != ms.lastV[k] {
		ms.lastV[k] = vb
		ms.state[k] = memoEmpty
		return false, false
	}
	keys := ms.plan.key
	saved := ms.key[k*len(keys) : (k+1)*len(keys)]
	same := ms.state[k] != memoEmpty
	for i, off := range keys {
		b := math.Float64bits(fr[off])
		if b != saved[i] {
			same = false
			saved[i] = b
		}
	}
	switch {
	case !same:
		ms.state[k] = memoKey
		return false, false
	case ms.state[k] == memoOutput:
		ms.hits++
		return true, false
	}
	return false, true
}

// save keeps the outputs of instance k's call, now in fr, and extra values.
func (ms *memoStore) save(k int, fr []float64, extra ...float64) {
	outs := ms.plan.out
	saved := ms.out[k*len(outs) : (k+1)*len(outs)]
	for i, off := range outs {
		saved[i] = fr[off]
	}
	copy(ms.extra[k*ms.plan.extraPerCur:], extra)
	ms.state[k] = memoOutput
}

// restore writes instance k's saved outputs into fr and returns its saved
// extra values.
func (ms *memoStore) restore(k int, fr []float64) []float64 {
	outs := ms.plan.out
	saved := ms.out[k*len(outs) : (k+1)*len(outs)]
	for i, off := range outs {
		fr[off] = saved[i]
	}
	n := ms.plan.extraPerCur
	return ms.extra[k*n : (k+1)*n]
}
