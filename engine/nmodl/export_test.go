package nmodl

import "github.com/synaptune/synaptune/engine"

// DisableMemo turns off the memoisation of m's routines, so that tests can
// compare runs with and without it.
func DisableMemo(m *Mechanism) { m.curMemo, m.stateMemo = memoPlan{}, memoPlan{} }

// MemoHits returns how many BREAKPOINT and state calls of block b were
// answered from memory.
func MemoHits(b *engine.Block) (cur, state int) {
	st, ok := b.Private.(*machineState)
	if !ok {
		return 0, 0
	}
	return st.memos[0].hits, st.memos[1].hits
}
