package nmodl

import "github.com/synaptune/synaptune/engine"

// MemoHits returns how many BREAKPOINT and state calls of block b were
// answered from memory.
func MemoHits(b *engine.Block) (cur, state int) {
	st, ok := b.Private.(*machineState)
	if !ok {
		return 0, 0
	}
	return st.memos[0].hits, st.memos[1].hits
}
