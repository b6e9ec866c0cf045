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

// memoStore holds, per instance, the inputs and outputs of the last call.
type memoStore struct {
	plan  *memoPlan
	key   []uint64
	out   []float64
	extra []float64
	valid []bool
	hits  int // calls answered from memory, for tests
}

func (ms *memoStore) size(n int) {
	if len(ms.valid) == n {
		return
	}
	ms.key = make([]uint64, n*len(ms.plan.key))
	ms.out = make([]float64, n*len(ms.plan.out))
	ms.extra = make([]float64, n*ms.plan.extraPerCur)
	ms.valid = make([]bool, n)
}

// memo returns the store of routine plan id (0 BREAKPOINT, 1 state) for a
// block of n instances, or nil if the routine is not memoised.
func (st *machineState) memo(plan *memoPlan, id, n int) *memoStore {
	if !plan.ok {
		return nil
	}
	ms := &st.memos[id]
	if ms.plan != plan {
		ms.plan = plan
		ms.valid = nil
	}
	ms.size(n)
	return ms
}

// hit tells whether instance k's inputs now in fr are those of its last
// call; if not, it saves them and marks the instance invalid until save.
func (ms *memoStore) hit(k int, fr []float64) bool {
	keys := ms.plan.key
	saved := ms.key[k*len(keys) : (k+1)*len(keys)]
	same := ms.valid[k]
	for i, off := range keys {
		b := math.Float64bits(fr[off])
		if b != saved[i] {
			same = false
			saved[i] = b
		}
	}
	if !same {
		ms.valid[k] = false
		return false
	}
	ms.hits++
	return true
}

// save keeps the outputs of instance k's call, now in fr, and extra values.
func (ms *memoStore) save(k int, fr []float64, extra ...float64) {
	outs := ms.plan.out
	saved := ms.out[k*len(outs) : (k+1)*len(outs)]
	for i, off := range outs {
		saved[i] = fr[off]
	}
	copy(ms.extra[k*ms.plan.extraPerCur:], extra)
	ms.valid[k] = true
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

// invalidate forgets instance k's last call (its routine failed).
func (ms *memoStore) invalidate(k int) { ms.valid[k] = false }
