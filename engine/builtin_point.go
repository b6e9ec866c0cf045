package engine

import (
	"math"

	"github.com/synaptune/synaptune/internal/libm"
)

// IClamp is NEURON's current clamp: i = amp for del ≤ t < del+dur (t at the
// middle of the step), injected into the cell.
type IClamp struct{}

var iclampSpec = Spec{Name: "IClamp", Kind: Point, ElectrodeCurrent: true, Variables: []Variable{
	{Name: "del", Role: Parameter},
	{Name: "dur", Role: Parameter},
	{Name: "amp", Role: Parameter},
	{Name: "i", Role: Assigned},
}}

const (
	icDel = iota
	icDur
	icAmp
	icI
)

// Spec describes IClamp.
func (*IClamp) Spec() *Spec { return iclampSpec.clone() }

// Init sets i to 0.
func (*IClamp) Init(b *Block, e *Env) error {
	for k := range b.Node {
		b.Vars[icI][k] = 0
	}
	return nil
}

// Current injects amp while the pulse is on.
func (*IClamp) Current(b *Block, e *Env) {
	for k, nd := range b.Node {
		del, dur := b.Vars[icDel][k], b.Vars[icDur][k]
		i := 0.0
		if e.T < del+dur && e.T >= del {
			i = b.Vars[icAmp][k]
		}
		b.Vars[icI][k] = i
		e.AddElectrodeCurrent(nd, i, i)
	}
}

// SEClamp is NEURON's single-electrode voltage clamp with series resistance
// rs and three levels amp1..3 lasting dur1..3.
type SEClamp struct{}

var seclampSpec = Spec{Name: "SEClamp", Kind: Point, ElectrodeCurrent: true, Variables: []Variable{
	{Name: "rs", Role: Parameter, Default: 1},
	{Name: "dur1", Role: Parameter},
	{Name: "amp1", Role: Parameter},
	{Name: "dur2", Role: Parameter},
	{Name: "amp2", Role: Parameter},
	{Name: "dur3", Role: Parameter},
	{Name: "amp3", Role: Parameter},
	{Name: "i", Role: Assigned},
	{Name: "vc", Role: Assigned},
	{Name: "tc2", Role: Assigned},
	{Name: "tc3", Role: Assigned},
	{Name: "on", Role: Assigned},
}}

const (
	seRs = iota
	seDur1
	seAmp1
	seDur2
	seAmp2
	seDur3
	seAmp3
	seI
	seVc
	seTc2
	seTc3
	seOn
)

// Spec describes SEClamp.
func (*SEClamp) Spec() *Spec { return seclampSpec.clone() }

// Init computes the level end times.
func (*SEClamp) Init(b *Block, e *Env) error {
	x := b.Vars
	for k := range b.Node {
		x[seTc2][k] = x[seDur1][k] + x[seDur2][k]
		x[seTc3][k] = x[seTc2][k] + x[seDur3][k]
		x[seOn][k] = 0
	}
	return nil
}

func seclampI(x [][]float64, k int, v float64) float64 {
	if x[seOn][k] != 0 {
		return (x[seVc][k] - v) / x[seRs][k]
	}
	return 0
}

// Current selects the clamp level at mid-step time and injects the current.
func (*SEClamp) Current(b *Block, e *Env) {
	x := b.Vars
	for k, nd := range b.Node {
		x[seOn][k] = 1
		switch t := e.T; {
		case t < x[seDur1][k]:
			x[seVc][k] = x[seAmp1][k]
		case t < x[seTc2][k]:
			x[seVc][k] = x[seAmp2][k]
		case t < x[seTc3][k]:
			x[seVc][k] = x[seAmp3][k]
		default:
			x[seVc][k] = 0
			x[seOn][k] = 0
		}
		v := e.V[nd]
		i1 := seclampI(x, k, v+.001)
		i0 := seclampI(x, k, v)
		x[seI][k] = i0
		e.AddElectrodeCurrent(nd, i1, i0)
	}
}

// State recomputes the current with the new voltage (NEURON's after_cvode).
func (*SEClamp) State(b *Block, e *Env) error {
	for k, nd := range b.Node {
		b.Vars[seI][k] = seclampI(b.Vars, k, e.V[nd])
	}
	return nil
}

// ExpSyn is NEURON's single-exponential synapse: g decays with tau,
// i = g·(v − e), each event adds its weight (µS) to g.
type ExpSyn struct{}

var expsynSpec = Spec{Name: "ExpSyn", Kind: Point, NetReceiveArgs: []string{"weight"}, Variables: []Variable{
	{Name: "tau", Role: Parameter, Default: 0.1},
	{Name: "e", Role: Parameter},
	{Name: "i", Role: Assigned},
	{Name: "g", Role: State},
}}

const (
	esTau = iota
	esE
	esI
	esG
)

// Spec describes ExpSyn.
func (*ExpSyn) Spec() *Spec { return expsynSpec.clone() }

// Init sets g to 0.
func (*ExpSyn) Init(b *Block, e *Env) error {
	for k := range b.Node {
		b.Vars[esG][k] = 0
	}
	return nil
}

// Current adds the synaptic current.
func (*ExpSyn) Current(b *Block, e *Env) {
	x := b.Vars
	for k, nd := range b.Node {
		v := e.V[nd]
		g, erev := x[esG][k], x[esE][k]
		i1 := float64(g * ((v + .001) - erev))
		i0 := float64(g * (v - erev))
		x[esI][k] = i0
		e.AddPointCurrent(nd, i1, i0)
	}
}

// State decays g.
func (*ExpSyn) State(b *Block, e *Env) error {
	dt := e.Dt
	for k := range b.Node {
		tau := b.Vars[esTau][k]
		g := &b.Vars[esG][k]
		*g = *g + float64((1.-libm.Exp(dt*((-1.0)/tau)))*(-(0.0)/((-1.0)/tau)-*g))
	}
	return nil
}

// NetReceive adds the weight to g.
func (*ExpSyn) NetReceive(b *Block, k int, args []float64, flag float64, e *Env) error {
	b.Vars[esG][k] = b.Vars[esG][k] + args[0]
	return nil
}

// Exp2Syn is NEURON's two-exponential synapse with rise tau1 and decay tau2,
// normalised so that a weight of 1 gives a peak conductance of 1 µS.
type Exp2Syn struct{}

var exp2synSpec = Spec{Name: "Exp2Syn", Kind: Point, NetReceiveArgs: []string{"weight"}, Variables: []Variable{
	{Name: "tau1", Role: Parameter, Default: 0.1},
	{Name: "tau2", Role: Parameter, Default: 10},
	{Name: "e", Role: Parameter},
	{Name: "i", Role: Assigned},
	{Name: "g", Role: Assigned},
	{Name: "factor", Role: Assigned},
	{Name: "A", Role: State},
	{Name: "B", Role: State},
}}

const (
	e2Tau1 = iota
	e2Tau2
	e2E
	e2I
	e2G
	e2Factor
	e2A
	e2B
)

// Spec describes Exp2Syn.
func (*Exp2Syn) Spec() *Spec { return exp2synSpec.clone() }

// Init clamps tau1 below tau2 and computes the peak normalisation factor.
func (*Exp2Syn) Init(b *Block, e *Env) error {
	x := b.Vars
	for k := range b.Node {
		tau1, tau2 := &x[e2Tau1][k], x[e2Tau2][k]
		if *tau1/tau2 > 0.9999 {
			*tau1 = 0.9999 * tau2
		}
		if *tau1/tau2 < 1e-9 {
			*tau1 = tau2 * 1e-9
		}
		x[e2A][k], x[e2B][k] = 0, 0
		tp := (*tau1 * tau2) / (tau2 - *tau1) * math.Log(tau2 / *tau1)
		factor := -libm.Exp(-tp / *tau1) + libm.Exp(-tp/tau2)
		x[e2Factor][k] = 1.0 / factor
	}
	return nil
}

// Current adds the synaptic current.
func (*Exp2Syn) Current(b *Block, e *Env) {
	x := b.Vars
	for k, nd := range b.Node {
		v := e.V[nd]
		g := x[e2B][k] - x[e2A][k]
		erev := x[e2E][k]
		i1 := float64(g * ((v + .001) - erev))
		i0 := float64(g * (v - erev))
		x[e2G][k], x[e2I][k] = g, i0
		e.AddPointCurrent(nd, i1, i0)
	}
}

// State decays A and B.
func (*Exp2Syn) State(b *Block, e *Env) error {
	dt := e.Dt
	x := b.Vars
	for k := range b.Node {
		tau1, tau2 := x[e2Tau1][k], x[e2Tau2][k]
		a, bb := &x[e2A][k], &x[e2B][k]
		*a = *a + float64((1.-libm.Exp(dt*((-1.0)/tau1)))*(-(0.0)/((-1.0)/tau1)-*a))
		*bb = *bb + float64((1.-libm.Exp(dt*((-1.0)/tau2)))*(-(0.0)/((-1.0)/tau2)-*bb))
	}
	return nil
}

// NetReceive adds weight·factor to A and B.
func (*Exp2Syn) NetReceive(b *Block, k int, args []float64, flag float64, e *Env) error {
	x := b.Vars
	x[e2A][k] = x[e2A][k] + float64(args[0]*x[e2Factor][k])
	x[e2B][k] = x[e2B][k] + float64(args[0]*x[e2Factor][k])
	return nil
}

// StationaryUntil returns the next start or end of a pulse after t.
func (*IClamp) StationaryUntil(b *Block, t float64) float64 {
	next := math.Inf(1)
	for k := range b.Node {
		del, dur := b.Vars[icDel][k], b.Vars[icDur][k]
		next = math.Min(next, nextBoundary(t, del, del+dur))
	}
	return next
}

// StationaryUntil returns the next change of clamp level after t.
func (*SEClamp) StationaryUntil(b *Block, t float64) float64 {
	next := math.Inf(1)
	x := b.Vars
	for k := range b.Node {
		next = math.Min(next, nextBoundary(t, x[seDur1][k], x[seTc2][k], x[seTc3][k]))
	}
	return next
}

// StationaryUntil: ExpSyn does not depend on time.
func (*ExpSyn) StationaryUntil(b *Block, t float64) float64 { return math.Inf(1) }

// StationaryUntil: Exp2Syn does not depend on time.
func (*Exp2Syn) StationaryUntil(b *Block, t float64) float64 { return math.Inf(1) }
