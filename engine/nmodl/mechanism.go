package nmodl

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/synaptune/synaptune/engine"
)

// Mechanism is an NMODL mechanism compiled for the engine: it implements
// engine.Mechanism and its optional interfaces by running the compiled
// routines on a per-simulation Machine, loading each instance's variables
// from the engine's structure-of-arrays block before a call (except those
// the routine certainly assigns before reading them) and storing the ones
// the routine writes afterwards. The engine columns a routine uses are
// resolved once per simulation; globals, t, dt and celsius are loaded once
// per block call.
type Mechanism struct {
	file  string
	model *Model
	prog  *Program
	spec  *engine.Spec
	// instErr is why the mechanism cannot be instantiated (nil if it can).
	instErr error

	src       []source // per frame offset: where the value lives in the engine
	vOff      int
	tOff      int
	dtOff     int
	celsOff   int
	areaOff   int
	diamOff   int
	currents  []int
	ionCurOff []ionCurrent

	init, cur, state, recv, recvInit routinePlan
	// tables loads, for the table check, every variable the INITIAL,
	// BREAKPOINT and state routines touch, and t, dt and celsius.
	tables routinePlan
	// timeless is true when the BREAKPOINT and state routines read
	// neither t nor have effects beyond their frame (see StationaryUntil).
	timeless bool
	// curMemo and stateMemo say how the BREAKPOINT and state routines are
	// memoised (memo.go).
	curMemo, stateMemo memoPlan
}

type sourceKind uint8

const (
	srcNone       sourceKind = iota // constants, locals, specials set by the caller
	srcRange                        // Block.Vars[slot]
	srcGlobal                       // Block.Globals[slot]
	srcIonE                         // Ions[ion].E
	srcIonCi                        // Ions[ion].Ci
	srcIonCo                        // Ions[ion].Co
	srcIonCurrent                   // per-instance storage of an ion current (a range slot)
)

type source struct {
	kind sourceKind
	slot int // engine range or global slot
	ion  int // index into Spec.Ions (ion sources)
}

type ionCurrent struct {
	off int // frame offset of the current
	ion int // index into Spec.Ions
}

// routinePlan lists what to load before and store after one routine.
type routinePlan struct {
	r  *Routine
	id int // index of the plan's columns in machineState.io
	// readsT, readsDt and readsCelsius tell whether the routine (or what
	// it calls) reads t, dt and celsius, which are loaded once per call.
	readsT, readsDt, readsCelsius bool
	loadRange, storeRng           []pair
	loadGlob, storeGlob           []pair
	loadIon                       []ionPair
	storeConc                     []ionPair
}

type pair struct{ off, slot int }

type ionPair struct {
	off, ion int
	kind     sourceKind
}

// File returns the path of the .mod file the mechanism came from.
func (m *Mechanism) File() string { return m.file }

// Model returns the checked model.
func (m *Mechanism) Model() *Model { return m.model }

// Spec describes the mechanism to the engine. The engine treats it as
// read-only.
func (m *Mechanism) Spec() *engine.Spec { return m.spec }

// CompileMechanism parses, checks and compiles one .mod source. A mechanism
// that loads but cannot be instantiated (VERBATIM code, KINETIC blocks the
// compiler does not handle, ...) is returned without error; instantiating it
// fails with the reason, the file and the line.
func CompileMechanism(name string, src []byte) (*Mechanism, error) {
	f, err := Parse(name, src)
	if err != nil {
		return nil, err
	}
	model, err := Check(f)
	if err != nil {
		return nil, err
	}
	mech := &Mechanism{file: name, model: model}
	if err := model.CanInstantiate(); err != nil {
		mech.instErr = err
		mech.spec = specOf(model, nil)
		return mech, nil
	}
	prog, err := Compile(model, Options{})
	if err != nil {
		mech.instErr = fmt.Errorf("mechanism %s cannot be instantiated: %w", model.Name, err)
		mech.spec = specOf(model, nil)
		return mech, nil
	}
	mech.prog = prog
	if err := mech.plan(); err != nil {
		mech.instErr = fmt.Errorf("mechanism %s (%s) cannot be instantiated: %w", model.Name, name, err)
	}
	return mech, nil
}

// specOf builds the engine spec; slotOf, if not nil, receives each frame
// offset's engine source.
func specOf(model *Model, prog *Program) *engine.Spec {
	s := &engine.Spec{Name: model.Name, ElectrodeCurrent: model.Electrode}
	switch model.Kind {
	case KindPointProcess:
		s.Kind = engine.Point
	case KindArtificialCell:
		s.Kind = engine.Artificial
	default:
		s.Kind = engine.Density
	}
	for _, ion := range model.Ions {
		u := engine.IonUse{Ion: ion.Name}
		for _, r := range ion.Read {
			u.Read = append(u.Read, r.Name)
		}
		for _, w := range ion.Write {
			u.Write = append(u.Write, w.Name)
		}
		if ion.Valence != nil {
			u.Valence = *ion.Valence
		}
		s.Ions = append(s.Ions, u)
	}
	if model.NetReceive != nil {
		s.NetReceiveArgs = netReceiveArgs(model)
	}
	for _, sym := range model.Symbols {
		role, ok := roleOf(sym)
		if !ok {
			continue
		}
		v := engine.Variable{Name: sym.Name, Role: role, Size: sym.Size}
		if sym.Kind == SymParameter && sym.HasDefault {
			v.Default = sym.Default
		}
		if sym.Ion != nil {
			if sym.IonRole != IonCurrent {
				continue // ion concentrations and potentials live with the ion
			}
		} else if sym.Global && !sym.Range {
			v.Global = true
		}
		s.Variables = append(s.Variables, v)
	}
	return s
}

func netReceiveArgs(model *Model) []string {
	var names []string
	for _, sym := range model.Locals[model.NetReceive] {
		if sym.Kind == SymArg {
			names = append(names, sym.Name)
		}
	}
	if len(names) == 0 {
		names = []string{"weight"}
	}
	return names
}

// roleOf maps a symbol to an engine variable role; ok is false for symbols
// that are not mechanism variables (specials, locals, constants, pointers).
func roleOf(sym *Symbol) (engine.Role, bool) {
	switch sym.Kind {
	case SymParameter:
		return engine.Parameter, true
	case SymAssigned:
		return engine.Assigned, true
	case SymState:
		return engine.State, true
	}
	return 0, false
}

// plan maps every frame offset to its engine home and precomputes the load
// and store lists of each routine.
func (m *Mechanism) plan() error {
	p := m.prog
	m.spec = specOf(m.model, p)
	m.src = make([]source, p.FrameSize)
	m.vOff, m.tOff, m.dtOff, m.celsOff, m.areaOff, m.diamOff = -1, -1, -1, -1, -1, -1
	ionIndex := map[*Ion]int{}
	for i, ion := range m.model.Ions {
		ionIndex[ion] = i
	}
	rangeSlot, globalSlot := map[string]int{}, map[string]int{}
	nr, ng := 0, 0
	for _, v := range m.spec.Variables {
		size := max(v.Size, 1)
		if v.Global {
			globalSlot[v.Name] = ng
			ng += size
		} else {
			rangeSlot[v.Name] = nr
			nr += size
		}
	}
	for _, sl := range p.Slots {
		sym := sl.Sym
		for k := 0; k < max(sl.Size, 1); k++ {
			off := sl.Offset + k
			switch {
			case sym.Kind == SymSpecial:
				switch sym.Name {
				case "v":
					m.vOff = off
				case "t":
					m.tOff = off
				case "dt":
					m.dtOff = off
				case "celsius":
					m.celsOff = off
				case "area":
					m.areaOff = off
				case "diam":
					m.diamOff = off
				}
			case sym.Ion != nil:
				ion := ionIndex[sym.Ion]
				switch sym.IonRole {
				case IonErev:
					m.src[off] = source{kind: srcIonE, ion: ion}
				case IonInside:
					m.src[off] = source{kind: srcIonCi, ion: ion}
				case IonOutside:
					m.src[off] = source{kind: srcIonCo, ion: ion}
				case IonCurrent:
					m.src[off] = source{kind: srcIonCurrent, slot: rangeSlot[sym.Name] + k, ion: ion}
					m.ionCurOff = append(m.ionCurOff, ionCurrent{off: off, ion: ion})
				}
			default:
				if _, ok := roleOf(sym); !ok {
					continue
				}
				if s, ok := rangeSlot[sym.Name]; ok {
					m.src[off] = source{kind: srcRange, slot: s + k}
				} else if s, ok := globalSlot[sym.Name]; ok {
					m.src[off] = source{kind: srcGlobal, slot: s + k}
				}
			}
		}
	}
	m.currents = p.Currents
	for i, x := range []struct {
		plan *routinePlan
		r    *Routine
	}{{&m.init, p.Initial}, {&m.cur, p.Current}, {&m.state, p.State}, {&m.recv, p.NetReceive}, {&m.recvInit, p.NetInitial}} {
		if x.r == nil {
			continue
		}
		if m.diamOff >= 0 && (contains(x.r.Reads, m.diamOff)) {
			return errors.New("reads diam, which the engine does not provide to mechanisms")
		}
		*x.plan = m.planRoutine(x.r)
		x.plan.id = i
	}
	m.curMemo = m.memoPlanFor(&m.cur, true)
	m.stateMemo = m.memoPlanFor(&m.state, false)
	m.timeless = true
	for _, rp := range []routinePlan{m.cur, m.state} {
		if rp.r != nil && (rp.readsT || rp.r.hasEffects()) {
			m.timeless = false
		}
	}
	if len(p.tables) > 0 {
		// every offset the three routines touch, loaded whatever they
		// assign first (a table function may read it)
		all := map[int]bool{}
		for _, r := range []*Routine{p.Initial, p.Current, p.State} {
			if r == nil {
				continue
			}
			for _, off := range r.Reads {
				all[off] = true
			}
			for _, off := range r.Writes {
				all[off] = true
			}
		}
		m.tables = m.planRoutine(&Routine{Name: "table check", Reads: sortedOffsets(all)})
		m.tables.id = 5
		m.tables.readsT, m.tables.readsDt, m.tables.readsCelsius = m.tOff >= 0, m.dtOff >= 0, m.celsOff >= 0
	}
	return nil
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (m *Mechanism) planRoutine(r *Routine) routinePlan {
	rp := routinePlan{r: r}
	rp.readsT = m.tOff >= 0 && contains(r.Reads, m.tOff)
	rp.readsDt = m.dtOff >= 0 && contains(r.Reads, m.dtOff)
	rp.readsCelsius = m.celsOff >= 0 && contains(r.Reads, m.celsOff)
	written := map[int]bool{}
	for _, off := range r.Writes {
		written[off] = true
	}
	touched := map[int]bool{}
	for _, off := range r.Reads {
		touched[off] = true
	}
	for off := range written {
		touched[off] = true
	}
	offs := make([]int, 0, len(touched))
	for off := range touched {
		offs = append(offs, off)
	}
	sort.Ints(offs)
	for _, off := range offs {
		s := m.src[off]
		switch s.kind {
		case srcRange, srcIonCurrent:
			if !r.noLoad[off] {
				rp.loadRange = append(rp.loadRange, pair{off, s.slot})
			}
			if written[off] {
				rp.storeRng = append(rp.storeRng, pair{off, s.slot})
			}
		case srcGlobal:
			rp.loadGlob = append(rp.loadGlob, pair{off, s.slot})
			if written[off] {
				rp.storeGlob = append(rp.storeGlob, pair{off, s.slot})
			}
		case srcIonE, srcIonCi, srcIonCo:
			rp.loadIon = append(rp.loadIon, ionPair{off, s.ion, s.kind})
			if written[off] && s.kind != srcIonE {
				rp.storeConc = append(rp.storeConc, ionPair{off, s.ion, s.kind})
			}
		}
	}
	return rp
}

// machineState is a Mechanism's per-Sim data.
type machineState struct {
	m    *Machine
	sink eventSink
	// io holds the engine columns of each routine (init, cur, state, recv,
	// recvInit), resolved on first use.
	io [6]blockIO
	// memos keeps the last call of each instance for the BREAKPOINT (0)
	// and state (1) routines.
	memos [2]memoStore
	// native is the memory of the BREAKPOINT (0) and SOLVE (1) of the
	// code NativeGo writes (NativeCache).
	native [2][]float64
}

// NativeCache returns size values of memory that the code NativeGo writes
// keeps in block b between calls of routine (0 the BREAKPOINT, 1 the
// SOLVE), and true when it has just been made (zeroed).
func (m *Mechanism) NativeCache(b *engine.Block, routine, size int) ([]float64, bool) {
	st := b.Private.(*machineState)
	c := st.native[routine]
	if len(c) == size {
		return c, false
	}
	c = make([]float64, size)
	st.native[routine] = c
	return c, true
}

// blockIO holds the engine columns one routine reads and writes, resolved
// once per Sim (the engine never replaces a Block's columns or an ion's
// arrays) so that the per-instance loads and stores are single indexed
// accesses.
type blockIO struct {
	b                   *engine.Block
	e                   *engine.Env
	load, store         []colRef // range variables, indexed by instance
	ionLoad, ionStore   []colRef // ion variables, indexed by node
	loadGlob, storeGlob []pair
	// ionCur lists the ion currents a BREAKPOINT writes, with the ion's
	// total current and its derivative; ion1 holds their values at v+0.001.
	ionCur []ionCurCols
	ion1   []float64
}

type ionCurCols struct {
	off     int
	i, didv []float64
}

type colRef struct {
	off int
	col []float64
}

// eventSink forwards net_send, net_event and net_move to the engine.
type eventSink struct {
	env  *engine.Env
	b    *engine.Block
	inst int
	args []float64
	err  error
}

// bind points the sink at a block call; it writes only what changed, as
// these pointer writes are costly while the garbage collector runs.
func (s *eventSink) bind(e *engine.Env, b *engine.Block, args []float64) {
	if s.env != e {
		s.env = e
	}
	if s.b != b {
		s.b = b
	}
	if s.args != nil || args != nil {
		s.args = args
	}
}

func (s *eventSink) NetSend(delay, flag float64) { s.env.NetSend(s.b, s.inst, delay, flag, s.args) }
func (s *eventSink) NetEvent(t float64)          { s.env.NetEvent(s.b, s.inst, t) }
func (s *eventSink) NetMove(t float64) {
	if s.err == nil {
		s.err = errors.New("net_move is not supported by the engine yet")
	}
}

// NewPrivate makes the Machine one simulation uses, or reports why the
// mechanism cannot be instantiated.
func (m *Mechanism) NewPrivate() (any, error) {
	if m.instErr != nil {
		return nil, m.instErr
	}
	st := &machineState{m: m.prog.NewMachine()}
	st.m.Events = &st.sink
	return st, nil
}

// resolve returns the engine columns of rp for block b (resolved at the
// first call), and loads the globals and the specials that do not vary
// between instances (t, dt, celsius) into the frame.
func (m *Mechanism) resolve(st *machineState, rp *routinePlan, fr []float64, b *engine.Block, e *engine.Env, t float64) *blockIO {
	io := &st.io[rp.id]
	if io.b != b || io.e != e {
		m.resolveCols(io, rp, b, e)
	}
	for _, p := range rp.loadGlob {
		fr[p.off] = b.Globals[p.slot]
	}
	if rp.readsT {
		fr[m.tOff] = t
	}
	if rp.readsDt {
		fr[m.dtOff] = e.Dt
	}
	if rp.readsCelsius {
		fr[m.celsOff] = e.Celsius
	}
	return io
}

func (m *Mechanism) resolveCols(io *blockIO, rp *routinePlan, b *engine.Block, e *engine.Env) {
	io.b, io.e = b, e
	io.load, io.store = io.load[:0], io.store[:0]
	io.ionLoad, io.ionStore = io.ionLoad[:0], io.ionStore[:0]
	for _, p := range rp.loadRange {
		io.load = append(io.load, colRef{p.off, b.Vars[p.slot]})
	}
	for _, p := range rp.storeRng {
		io.store = append(io.store, colRef{p.off, b.Vars[p.slot]})
	}
	for _, p := range rp.loadIon {
		ion := &e.Ions[b.IonIndex[p.ion]]
		col := ion.E
		switch p.kind {
		case srcIonCi:
			col = ion.Ci
		case srcIonCo:
			col = ion.Co
		}
		io.ionLoad = append(io.ionLoad, colRef{p.off, col})
	}
	for _, p := range rp.storeConc {
		ion := &e.Ions[b.IonIndex[p.ion]]
		col := ion.Co
		if p.kind == srcIonCi {
			col = ion.Ci
		}
		io.ionStore = append(io.ionStore, colRef{p.off, col})
	}
	io.storeGlob = rp.storeGlob
	io.ionCur = io.ionCur[:0]
	if rp == &m.cur {
		for _, ic := range m.ionCurOff {
			ion := &e.Ions[b.IonIndex[ic.ion]]
			io.ionCur = append(io.ionCur, ionCurCols{ic.off, ion.I, ion.DIDV})
		}
		io.ion1 = make([]float64, len(io.ionCur))
	}
}

// loadInst loads instance inst (at node, -1 for artificial cells) into
// the frame: its range variables, ion variables, v and area.
func (m *Mechanism) loadInst(io *blockIO, fr []float64, e *engine.Env, inst, node int) {
	for _, c := range io.load {
		fr[c.off] = c.col[inst]
	}
	if node >= 0 {
		for _, c := range io.ionLoad {
			fr[c.off] = c.col[node]
		}
		if m.vOff >= 0 {
			fr[m.vOff] = e.V[node]
		}
		if m.areaOff >= 0 {
			fr[m.areaOff] = e.Area[node]
		}
	}
}

// storeInst stores what the routine wrote back into the engine.
func (m *Mechanism) storeInst(io *blockIO, fr []float64, b *engine.Block, inst, node int) {
	for _, c := range io.store {
		c.col[inst] = fr[c.off]
	}
	for _, p := range io.storeGlob {
		b.Globals[p.slot] = fr[p.off]
	}
	if node >= 0 {
		for _, c := range io.ionStore {
			c.col[node] = fr[c.off]
		}
	}
}

// loadOne resolves rp for one call on instance inst and loads it.
func (m *Mechanism) loadOne(st *machineState, rp *routinePlan, b *engine.Block, e *engine.Env, inst int) *blockIO {
	fr := st.m.Frame
	io := m.resolve(st, rp, fr, b, e, e.T)
	m.loadInst(io, fr, e, inst, b.Node[inst])
	return io
}

func (m *Mechanism) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s (%s): %w", m.spec.Name, m.file, err)
}

func (m *Mechanism) checkTables(st *machineState, b *engine.Block, e *engine.Env) error {
	if b.N == 0 || len(m.prog.tables) == 0 {
		return nil
	}
	m.loadOne(st, &m.tables, b, e, 0)
	return m.prog.CheckTables(st.m)
}

// Init runs the INITIAL block of every instance.
func (m *Mechanism) Init(b *engine.Block, e *engine.Env) error {
	st := b.Private.(*machineState)
	if err := m.checkTables(st, b, e); err != nil {
		return m.wrap(err)
	}
	if m.init.r == nil {
		return nil
	}
	fr := st.m.Frame
	io := m.resolve(st, &m.init, fr, b, e, e.T)
	st.sink.bind(e, b, nil)
	for k := 0; k < b.N; k++ {
		node := b.Node[k]
		m.loadInst(io, fr, e, k, node)
		st.sink.inst = k
		if err := m.init.r.exec(st.m); err != nil {
			return m.wrap(err)
		}
		m.storeInst(io, fr, b, k, node)
	}
	return m.wrap(st.sink.err)
}

// Current evaluates the BREAKPOINT at v+0.001 and at v for every instance
// and adds the currents and conductances to the matrix.
func (m *Mechanism) Current(b *engine.Block, e *engine.Env) {
	if m.cur.r == nil {
		return
	}
	st := b.Private.(*machineState)
	if len(m.prog.tables) > 0 {
		_ = m.checkTables(st, b, e) // errors here surface as NaN currents
	}
	mach := st.m
	fr := mach.Frame
	io := m.resolve(st, &m.cur, fr, b, e, e.T)
	r := m.cur.r
	currents := m.currents
	vOff := m.vOff
	ionCur := io.ionCur
	ion1 := io.ion1
	density, electrode := m.spec.Kind == engine.Density, m.spec.ElectrodeCurrent
	ms := st.memo(&m.curMemo, 0, b.N, e.NoMemo)
	for k := 0; k < b.N; k++ {
		node := b.Node[k]
		m.loadInst(io, fr, e, k, node)
		v := e.V[node]
		i1 := 0.0
		hit, save := false, false
		if ms != nil {
			hit, save = ms.lookup(k, fr, vAt(e, node))
		}
		if hit {
			extra := ms.restore(k, fr)
			i1 = extra[0]
			copy(ion1, extra[1:])
		} else {
			fr[vOff] = v + .001
			if err := r.exec(mach); err != nil {
				e.Rhs[node] = nanValue()
				continue
			}
			for _, off := range currents {
				i1 += fr[off]
			}
			for j := range ionCur {
				ion1[j] = fr[ionCur[j].off]
			}
			fr[vOff] = v
			if err := r.exec(mach); err != nil {
				e.Rhs[node] = nanValue()
				continue
			}
			if save {
				ms.save(k, fr, i1)
				copy(ms.extra[k*ms.plan.extraPerCur+1:], ion1)
			}
		}
		i0 := 0.0
		for _, off := range currents {
			i0 += fr[off]
		}
		m.storeInst(io, fr, b, k, node)
		for j := range ionCur {
			ic := &ionCur[j]
			x := fr[ic.off]
			ic.didv[node] += (ion1[j] - x) / .001
			ic.i[node] += x
		}
		switch {
		case density:
			e.AddDensityCurrent(node, i1, i0)
		case electrode:
			e.AddElectrodeCurrent(node, i1, i0)
		default:
			e.AddPointCurrent(node, i1, i0)
		}
	}
}

// vAt returns the potential at node, or 0 for an artificial cell.
func vAt(e *engine.Env, node int) float64 {
	if node < 0 {
		return 0
	}
	return e.V[node]
}

func nanValue() float64 {
	var zero float64
	return zero / zero
}

// State advances every instance by one step (the SOLVE statements).
func (m *Mechanism) State(b *engine.Block, e *engine.Env) error {
	if m.state.r == nil {
		return nil
	}
	st := b.Private.(*machineState)
	mach := st.m
	fr := mach.Frame
	io := m.resolve(st, &m.state, fr, b, e, e.T)
	st.sink.bind(e, b, nil)
	r := m.state.r
	ms := st.memo(&m.stateMemo, 1, b.N, e.NoMemo)
	for k := 0; k < b.N; k++ {
		node := b.Node[k]
		m.loadInst(io, fr, e, k, node)
		hit, save := false, false
		if ms != nil {
			hit, save = ms.lookup(k, fr, vAt(e, node))
		}
		if hit {
			ms.restore(k, fr)
			m.storeInst(io, fr, b, k, node)
			continue
		}
		st.sink.inst = k
		if err := r.exec(mach); err != nil {
			return m.wrap(err)
		}
		if save {
			ms.save(k, fr)
		}
		m.storeInst(io, fr, b, k, node)
	}
	return m.wrap(st.sink.err)
}

// NetReceive runs the NET_RECEIVE block for one event.
func (m *Mechanism) NetReceive(b *engine.Block, inst int, args []float64, flag float64, e *engine.Env) error {
	if m.recv.r == nil {
		return nil
	}
	st := b.Private.(*machineState)
	io := m.loadOne(st, &m.recv, b, e, inst)
	st.sink.env, st.sink.b, st.sink.inst, st.sink.args = e, b, inst, args
	if err := m.recv.r.Receive(st.m, args, flag); err != nil {
		return m.wrap(err)
	}
	m.storeInst(io, st.m.Frame, b, inst, b.Node[inst])
	return m.wrap(st.sink.err)
}

// NetReceiveInit runs the NET_RECEIVE block's INITIAL for one NetCon.
func (m *Mechanism) NetReceiveInit(b *engine.Block, inst int, args []float64, e *engine.Env) {
	if m.recvInit.r == nil {
		for j := len(args) - 1; j > 0; j-- {
			args[j] = 0
		}
		return
	}
	st := b.Private.(*machineState)
	io := m.loadOne(st, &m.recvInit, b, e, inst)
	st.sink.env, st.sink.b, st.sink.inst, st.sink.args = e, b, inst, args
	if err := m.recvInit.r.Receive(st.m, args, 0); err == nil {
		m.storeInst(io, st.m.Frame, b, inst, b.Node[inst])
	}
}

// LoadDir compiles every .mod file of dir, in file-name order as nrnivmodl
// does, and adds the mechanisms to reg (which decides their type order).
// A file that fails to parse or check is an error naming file:line:col; a
// mechanism that loads but cannot be instantiated is added and fails when
// used. A loaded mechanism named like a built-in replaces the built-in only
// if it can be instantiated.
func LoadDir(dir string, reg *engine.Registry) ([]*Mechanism, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("mechanisms folder: %w", err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".mod") {
			files = append(files, e.Name())
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("mechanisms folder %s has no .mod files", dir)
	}
	return loadFiles(files, func(name string) ([]byte, string, error) {
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		return data, p, err
	}, reg)
}

// LoadFS is LoadDir on a folder of a file system (e.g. an embed.FS).
func LoadFS(fsys fs.FS, dir string, reg *engine.Registry) ([]*Mechanism, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("mechanisms folder: %w", err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".mod") {
			files = append(files, e.Name())
		}
	}
	return loadFiles(files, func(name string) ([]byte, string, error) {
		p := path.Join(dir, name)
		data, err := fs.ReadFile(fsys, p)
		return data, p, err
	}, reg)
}

func loadFiles(files []string, read func(string) ([]byte, string, error), reg *engine.Registry) ([]*Mechanism, error) {
	sort.Strings(files)
	var out []*Mechanism
	for _, name := range files {
		data, p, err := read(name)
		if err != nil {
			return nil, err
		}
		mech, err := CompileMechanism(p, data)
		if err != nil {
			return nil, err
		}
		if _, exists := reg.Lookup(mech.spec.Name); exists {
			if mech.instErr != nil {
				continue // keep the working built-in (e.g. VecStim)
			}
			if err := reg.Replace(mech); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
		} else if err := reg.Add(mech); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, mech)
	}
	return out, nil
}

// StationaryUntil implements engine.Stationary: +Inf when the mechanism's
// BREAKPOINT and SOLVEd blocks neither read t nor print or send events, so
// the engine may skip steps that change nothing; t otherwise.
func (m *Mechanism) StationaryUntil(b *engine.Block, t float64) float64 {
	if m.timeless {
		return math.Inf(1)
	}
	return t
}
