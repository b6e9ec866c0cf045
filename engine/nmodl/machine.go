package nmodl

import (
	"fmt"
	"io"
)

// Events receives the event calls a compiled mechanism makes: net_send,
// net_event and net_move. An adapter implements it on top of the engine's
// event queue.
type Events interface {
	NetSend(delay, flag float64)
	NetEvent(t float64)
	NetMove(t float64)
}

// Machine runs the routines of one Program. Frame holds the
// mechanism-level variables of the instance being evaluated, at the
// offsets given by Program.Slots; the caller loads it before a call and
// reads results back after. A Machine is not safe for concurrent use; the
// table data it holds is shared by every instance it evaluates, as in
// NEURON.
type Machine struct {
	// Frame holds the mechanism-level variables (Program.FrameSize values).
	Frame []float64
	// Events receives net_send, net_event and net_move; nil makes those
	// calls fail.
	Events Events
	// Out receives printf output; nil discards it.
	Out io.Writer

	prog     *Program
	stack    []float64
	fp, sp   int
	returned bool
	depth    int // nesting of user calls
	err      error
	tables   []tableState
	newtons  []*newtonSpace
}

// newton returns the scratch space of derivimplicit block i.
func (m *Machine) newton(i int) *newtonSpace {
	if m.newtons[i] == nil {
		m.newtons[i] = newNewtonSpace(m.prog.newtons[i])
	}
	return m.newtons[i]
}

// tableState is the per-Machine data of one TABLE statement.
type tableState struct {
	built bool
	tmin  float64
	mfac  float64
	sav   []float64   // DEPEND values when the table was built
	vals  [][]float64 // one column per tabulated variable
}

// NewMachine returns a Machine for p with its frame set to the defaults
// (parameter values, START values; everything else 0).
func (p *Program) NewMachine() *Machine {
	m := &Machine{prog: p, Frame: make([]float64, p.FrameSize), stack: make([]float64, 64)}
	copy(m.Frame, p.defaults)
	m.tables = make([]tableState, len(p.tables))
	m.newtons = make([]*newtonSpace, len(p.newtons))
	return m
}

// Program returns the program the machine runs.
func (m *Machine) Program() *Program { return m.prog }

func (m *Machine) fail(pos Pos, format string, args ...any) {
	if m.err == nil {
		m.err = fmt.Errorf("%s: %s", pos, fmt.Sprintf(format, args...))
	}
}

// push reserves n stack values for a call frame, the first nz of them
// zeroed, and returns the old frame pointer.
func (m *Machine) push(n, nz int) (oldFP int) {
	need := m.sp + n
	if need > len(m.stack) {
		if need > maxStack {
			return -1
		}
		ns := make([]float64, 2*need)
		copy(ns, m.stack)
		m.stack = ns
	}
	oldFP = m.fp
	m.fp = m.sp
	for i := m.sp; i < m.sp+nz; i++ {
		m.stack[i] = 0
	}
	m.sp = need
	return oldFP
}

// reserve claims n stack values above the stack pointer, the first nz of
// them zeroed, without changing the frame pointer; it reports false when
// the stack is full.
func (m *Machine) reserve(n, nz int) bool {
	need := m.sp + n
	if need > len(m.stack) {
		if need > maxStack {
			return false
		}
		ns := make([]float64, 2*need)
		copy(ns, m.stack)
		m.stack = ns
	}
	for i := m.sp; i < m.sp+nz; i++ {
		m.stack[i] = 0
	}
	m.sp = need
	return true
}

func (m *Machine) pop(oldFP, n int) {
	m.sp -= n
	m.fp = oldFP
}

// maxStack bounds the values of locals on the call stack, and maxDepthCalls
// the nesting of calls, so runaway recursion is an error, not a crash.
const (
	maxStack      = 1 << 16
	maxDepthCalls = 10000
)

func (m *Machine) reset() {
	m.err = nil
	m.returned = false
	m.fp, m.sp = 0, 0
	m.depth = 0
}
