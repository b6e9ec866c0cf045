package engine

import "fmt"

// Kind tells how a mechanism attaches to a cell.
type Kind int

const (
	// Density is a distributed mechanism inserted into sections (NMODL SUFFIX);
	// its currents are in mA/cm² and its conductances in S/cm².
	Density Kind = iota
	// Point is a point process placed at one location (NMODL POINT_PROCESS);
	// its currents are in nA and its conductances in µS.
	Point
	// Artificial is an artificial cell (NMODL ARTIFICIAL_CELL) such as NetStim:
	// it lives on no node and only sends and receives events.
	Artificial
)

// String returns the NMODL keyword of the kind.
func (k Kind) String() string {
	switch k {
	case Density:
		return "SUFFIX"
	case Point:
		return "POINT_PROCESS"
	case Artificial:
		return "ARTIFICIAL_CELL"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Role tells what a mechanism variable is.
type Role int

const (
	// Parameter is a value set by the user (NMODL PARAMETER).
	Parameter Role = iota
	// Assigned is a value computed by the mechanism (NMODL ASSIGNED).
	Assigned
	// State is an integrated state variable (NMODL STATE).
	State
)

// Variable describes one variable of a mechanism.
type Variable struct {
	// Name is the variable's name inside the mechanism, e.g. "gnabar".
	// Density mechanisms expose it to users as Name + "_" + suffix.
	Name string
	// Role is parameter, assigned or state.
	Role Role
	// Default is the value an instance starts with.
	Default float64
	// Size is the number of elements of an array variable; 0 and 1 mean a scalar.
	Size int
	// Global marks a variable shared by all instances of the mechanism within
	// one Sim (NMODL GLOBAL). Globals are stored apart from range variables.
	Global bool
}

// IonUse describes a mechanism's use of an ion species (NMODL USEION).
type IonUse struct {
	// Ion is the species name, e.g. "na".
	Ion string
	// Read lists the ion variables the mechanism reads, e.g. "ena", "nai".
	Read []string
	// Write lists the ion variables the mechanism writes, e.g. "ina".
	Write []string
	// Valence is the charge of the species; 0 means the species' default.
	Valence float64
}

// Spec is the static description of a mechanism type.
type Spec struct {
	// Name is the mechanism's name: the SUFFIX of a density mechanism or the
	// class name of a point process or artificial cell.
	Name string
	// Kind is how the mechanism attaches to a cell.
	Kind Kind
	// Variables lists the mechanism's variables. The position of a range
	// (non-global) variable determines its slot: slots are numbered in order,
	// an array variable taking Size consecutive slots. Globals are numbered
	// the same way among themselves.
	Variables []Variable
	// Ions lists the ion species the mechanism uses.
	Ions []IonUse
	// ElectrodeCurrent marks a point process whose current is injected into
	// the cell (positive inward), such as IClamp, SEClamp and VClamp.
	ElectrodeCurrent bool
	// NetReceiveArgs names the arguments of the NET_RECEIVE block, the first
	// being the NetCon weight. Nil means the mechanism receives no events.
	NetReceiveArgs []string
}

// A Mechanism is a mechanism type. Its behaviour during a simulation comes
// from the optional interfaces Initializer, CurrentSource, StateUpdater,
// EventReceiver, EventInitializer and Instantiator, which the engine detects
// once when a Model is compiled. A Mechanism must be safe for concurrent use:
// all per-simulation data lives in the Block the engine passes to it.
type Mechanism interface {
	// Spec returns the mechanism's description. The engine does not modify it.
	Spec() *Spec
}

// Initializer is implemented by mechanisms with an INITIAL block. Init runs
// at finitialize for every instance of the block, with Env.T = 0.
type Initializer interface {
	Init(b *Block, e *Env) error
}

// CurrentSource is implemented by mechanisms that contribute membrane or
// electrode current. Current evaluates the BREAKPOINT block of every instance
// at v+0.001 and at v (in that order) and adds the result to the matrix
// through Env.AddDensityCurrent, Env.AddPointCurrent or
// Env.AddElectrodeCurrent, or with the same arithmetic on Env.Rhs and Env.D:
// one addition to each of Rhs and D at the instance's node per instance.
type CurrentSource interface {
	Current(b *Block, e *Env)
}

// StateUpdater is implemented by mechanisms with a SOLVE statement. State
// advances every instance's states by one step, with the new voltage and
// Env.T equal to the end of the step.
type StateUpdater interface {
	State(b *Block, e *Env) error
}

// EventReceiver is implemented by mechanisms with a NET_RECEIVE block.
// NetReceive handles one event for instance inst at time Env.T. args holds
// the NET_RECEIVE arguments of the delivering NetCon (weight first); writes
// to it persist in that NetCon. flag is 0 for NetCon events and the flag
// given to net_send for self events.
type EventReceiver interface {
	NetReceive(b *Block, inst int, args []float64, flag float64, e *Env) error
}

// EventInitializer is implemented by mechanisms whose NET_RECEIVE block has
// an INITIAL block. NetReceiveInit runs at finitialize once per NetCon that
// targets the instance, in NetCon creation order, on that NetCon's arguments.
type EventInitializer interface {
	NetReceiveInit(b *Block, inst int, args []float64, e *Env)
}

// Instantiator is implemented by mechanisms that need per-Sim private data
// (rate tables, scratch space) or must refuse to be instantiated. NewPrivate
// is called once per Block when a Sim is created; its result is stored in
// Block.Private.
type Instantiator interface {
	NewPrivate() (any, error)
}

// Block holds every instance of one mechanism type in one Sim, in
// structure-of-arrays layout: Vars[slot][instance].
type Block struct {
	// Mech is the mechanism type.
	Mech Mechanism
	// N is the number of instances.
	N int
	// Node is the node index of each instance (-1 for artificial cells).
	Node []int
	// Vars holds the range variables: Vars[slot][instance].
	Vars [][]float64
	// Globals holds the global variables by global slot.
	Globals []float64
	// IonIndex maps each entry of Spec.Ions to an index into Env.Ions.
	IonIndex []int
	// Vectors holds a vector attached to each instance (VecStim's event
	// times); nil where none was given.
	Vectors [][]float64
	// Private is the mechanism's per-Sim data from Instantiator.NewPrivate.
	Private any

	index  int // position of the block in the Sim's block list
	layout *layout
	// tsav is the time of the last event delivered to each instance.
	tsav []float64
}

// layout maps variable names of one mechanism to slots.
type layout struct {
	spec    *Spec
	slot    map[string]varSlot
	nRange  int
	nGlobal int
}

type varSlot struct {
	index  int
	size   int
	global bool
	role   Role
}

func newLayout(spec *Spec) *layout {
	l := &layout{spec: spec, slot: make(map[string]varSlot, len(spec.Variables))}
	for _, v := range spec.Variables {
		size := v.Size
		if size < 1 {
			size = 1
		}
		if v.Global {
			l.slot[v.Name] = varSlot{index: l.nGlobal, size: size, global: true, role: v.Role}
			l.nGlobal += size
		} else {
			l.slot[v.Name] = varSlot{index: l.nRange, size: size, role: v.Role}
			l.nRange += size
		}
	}
	return l
}

// Slot returns the slot of the range variable name, or false if the
// mechanism has no such range variable.
func (b *Block) Slot(name string) (int, bool) {
	s, ok := b.layout.slot[name]
	if !ok || s.global {
		return 0, false
	}
	return s.index, true
}

// Ion holds the per-node values of one ion species.
type Ion struct {
	// Name is the species name, e.g. "na".
	Name string
	// Valence is the species' charge.
	Valence float64
	// E is the reversal potential (mV) per node.
	E []float64
	// I is the total current of the species (mA/cm²) per node, summed over
	// the mechanisms that write it during the current evaluation.
	I []float64
	// DIDV is the derivative of I with respect to v per node.
	DIDV []float64
	// Ci and Co are the inside and outside concentrations (mM) per node.
	Ci, Co []float64
}

// Env is what a mechanism sees of the simulation during a call.
type Env struct {
	// T is the current time (ms): mid-step during current evaluation, the
	// end of the step during state updates, the event time during NET_RECEIVE.
	T float64
	// Dt is the time step (ms).
	Dt float64
	// Celsius is the temperature (°C).
	Celsius float64
	// V is the membrane potential per node (mV).
	V []float64
	// Area is the area of each node (µm²); 100 for zero-area nodes.
	Area []float64
	// AreaFactor is 1e2/Area per node, the factor that turns a point
	// process's nA into the node's mA/cm² (computed once, with the same
	// rounding as computing it at every use).
	AreaFactor []float64
	// Rhs and D are the right-hand side and diagonal of the tree matrix.
	Rhs, D []float64
	// Ions holds the ion species by index; see Block.IonIndex.
	Ions []Ion
	// NoMemo asks mechanisms that remember their last results (the NMODL
	// routines' memoisation) to compute every call; see Sim.SetMemoize.
	NoMemo bool

	sim *Sim
}

// AddDensityCurrent adds a density mechanism's current at node: i0 is the
// current at v and i1 the current at v+0.001 (mA/cm²).
func (e *Env) AddDensityCurrent(node int, i1, i0 float64) {
	g := (i1 - i0) / .001
	e.Rhs[node] -= i0
	e.D[node] += g
}

// AddPointCurrent adds a point process's membrane current (nA, positive
// outward) at node: i0 is the current at v and i1 at v+0.001.
func (e *Env) AddPointCurrent(node int, i1, i0 float64) {
	f := e.AreaFactor[node]
	g := (i1 - i0) / .001
	g = float64(g * f)
	i0 = float64(i0 * f)
	e.Rhs[node] -= i0
	e.D[node] += g
}

// AddElectrodeCurrent adds an electrode current (nA, positive inward) at
// node: i0 is the current at v and i1 at v+0.001.
func (e *Env) AddElectrodeCurrent(node int, i1, i0 float64) {
	f := e.AreaFactor[node]
	g := (i1 - i0) / .001
	g = float64(g * f)
	i0 = float64(i0 * f)
	e.Rhs[node] += i0
	e.D[node] -= g
}

// NetSend schedules a self event for instance inst of b at Env.T+delay with
// the given flag (NMODL net_send). args are the NET_RECEIVE arguments the
// self event will be delivered with (those of the current delivery, or nil).
func (e *Env) NetSend(b *Block, inst int, delay, flag float64, args []float64) {
	e.sim.steady.events++
	e.sim.queue.push(event{t: e.T + delay, kind: selfEvent, block: b.index, inst: inst, flag: flag, args: args})
}

// NetEvent makes instance inst of b fire at time t (NMODL net_event): the
// spike is recorded and every NetCon from the instance schedules an event.
func (e *Env) NetEvent(b *Block, inst int, t float64) {
	e.sim.fire(b.index, inst, t)
}

// Slot returns where the variable name of a mechanism with this spec lives
// in its Block: an index into Block.Globals if global, else into
// Block.Vars (the first element's, for an array). ok is false if the
// mechanism has no such variable.
func (s *Spec) Slot(name string) (index int, global, ok bool) {
	sl, ok := newLayout(s).slot[name]
	return sl.index, sl.global, ok
}

// clone returns a deep copy of the spec, so that built-in mechanisms never
// hand out their package-level description.
func (s *Spec) clone() *Spec {
	c := *s
	c.Variables = append([]Variable(nil), s.Variables...)
	c.Ions = make([]IonUse, len(s.Ions))
	for i, u := range s.Ions {
		c.Ions[i] = IonUse{Ion: u.Ion, Valence: u.Valence,
			Read: append([]string(nil), u.Read...), Write: append([]string(nil), u.Write...)}
	}
	if s.NetReceiveArgs != nil {
		c.NetReceiveArgs = append([]string(nil), s.NetReceiveArgs...)
	}
	return &c
}
