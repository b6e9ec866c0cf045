package engine

import (
	"fmt"
	"math"

	"github.com/synaptune/synaptune/internal/libm"
)

// Pas is NEURON's passive leak, `pas`: i = g·(v − e).
type Pas struct{}

var pasSpec = Spec{Name: "pas", Kind: Density, Variables: []Variable{
	{Name: "g", Role: Parameter, Default: .001},
	{Name: "e", Role: Parameter, Default: -70},
	{Name: "i", Role: Assigned},
}}

const (
	pasG = iota
	pasE
	pasI
)

// Spec describes pas.
func (*Pas) Spec() *Spec { return pasSpec.clone() }

// Current adds the leak current of every instance.
func (*Pas) Current(b *Block, e *Env) {
	g, erev, cur := b.Vars[pasG], b.Vars[pasE], b.Vars[pasI]
	for k, nd := range b.Node {
		v := e.V[nd]
		vp := v + .001
		i1 := float64(g[k] * (vp - erev[k]))
		i0 := float64(g[k] * (v - erev[k]))
		cur[k] = i0
		e.AddDensityCurrent(nd, i1, i0)
	}
}

// HH is NEURON's Hodgkin–Huxley mechanism, `hh`, with its rate table used
// as NEURON uses it by default (usetable_hh = 1): 201 entries from −100 to
// 100 mV, rebuilt when the temperature changes, linearly interpolated.
type HH struct{}

var hhSpec = Spec{Name: "hh", Kind: Density,
	Variables: []Variable{
		{Name: "gnabar", Role: Parameter, Default: .12},
		{Name: "gkbar", Role: Parameter, Default: .036},
		{Name: "gl", Role: Parameter, Default: .0003},
		{Name: "el", Role: Parameter, Default: -54.3},
		{Name: "gna", Role: Assigned},
		{Name: "gk", Role: Assigned},
		{Name: "il", Role: Assigned},
		{Name: "m", Role: State},
		{Name: "h", Role: State},
		{Name: "n", Role: State},
		{Name: "ina", Role: Assigned},
		{Name: "ik", Role: Assigned},
		{Name: "usetable", Role: Parameter, Default: 1, Global: true},
		{Name: "minf", Role: Assigned, Global: true},
		{Name: "hinf", Role: Assigned, Global: true},
		{Name: "ninf", Role: Assigned, Global: true},
		{Name: "mtau", Role: Assigned, Global: true},
		{Name: "htau", Role: Assigned, Global: true},
		{Name: "ntau", Role: Assigned, Global: true},
	},
	Ions: []IonUse{
		{Ion: "na", Read: []string{"ena"}, Write: []string{"ina"}},
		{Ion: "k", Read: []string{"ek"}, Write: []string{"ik"}},
	},
}

const (
	hhGnabar = iota
	hhGkbar
	hhGl
	hhEl
	hhGna
	hhGk
	hhIl
	hhM
	hhH
	hhN
	hhIna
	hhIk
)

const (
	hhUsetable = iota
	hhMinf
	hhHinf
	hhNinf
	hhMtau
	hhHtau
	hhNtau
)

// Spec describes hh.
func (*HH) Spec() *Spec { return hhSpec.clone() }

// HHRates holds hh's steady states and time constants (ms) at one voltage.
type HHRates struct{ Minf, Mtau, Hinf, Htau, Ninf, Ntau float64 }

// HHTable is hh's rate table, one per Sim (the Block.Private of an hh
// block). Code generated for a model with hh (see Kernel) reads the rates
// through it as the mechanism does.
type HHTable struct {
	celsius float64
	built   bool
	t       [201]HHRates
}

// NewPrivate allocates the rate table.
func (*HH) NewPrivate() (any, error) { return &HHTable{}, nil }

func hhVtrap(x, y float64) float64 {
	if math.Abs(x/y) < 1e-6 {
		return float64(y * (1 - float64(x/y/2)))
	}
	return x / (libm.Exp(x/y) - 1)
}

// HHRatesAt computes hh's rates at v and the temperature celsius without
// the table (usetable_hh = 0).
func HHRatesAt(v, celsius float64) HHRates {
	var r HHRates
	q10 := math.Pow(3.0, (celsius-6.3)/10.0)
	alpha := float64(.1 * hhVtrap(-(v+40.0), 10.0))
	beta := float64(4.0 * libm.Exp(-(v+65.0)/18.0))
	sum := alpha + beta
	r.Mtau = 1.0 / (q10 * sum)
	r.Minf = alpha / sum
	alpha = float64(.07 * libm.Exp(-(v+65.0)/20.0))
	beta = 1.0 / (libm.Exp(-(v+35.0)/10.0) + 1.0)
	sum = alpha + beta
	r.Htau = 1.0 / (q10 * sum)
	r.Hinf = alpha / sum
	alpha = float64(.01 * hhVtrap(-(v+55.0), 10.0))
	beta = float64(.125 * libm.Exp(-(v+65.0)/80.0))
	sum = alpha + beta
	r.Ntau = 1.0 / (q10 * sum)
	r.Ninf = alpha / sum
	return r
}

// Build fills the table for the temperature celsius, unless it is filled
// for that temperature already.
func (tb *HHTable) Build(celsius float64) {
	if tb.built && tb.celsius == celsius {
		return
	}
	tmin, tmax := -100.0, 100.0
	dx := (tmax - tmin) / 200.
	x := tmin
	for i := 0; i < 201; i++ {
		tb.t[i] = HHRatesAt(x, celsius)
		x += dx
	}
	tb.celsius, tb.built = celsius, true
}

// Entries returns the table's 201 entries, the rates at −100, −99, …,
// 100 mV (once built), which Rates interpolates; code generated for a
// model interpolates them in place. They must not be modified.
func (tb *HHTable) Entries() *[201]HHRates { return &tb.t }

// Rates interpolates the table at v, as NEURON's hh does with its table
// (beyond the table's range, its first or last entry).
func (tb *HHTable) Rates(v float64) HHRates {
	xi := float64(1. * (v - -100.0))
	if math.IsNaN(xi) {
		return HHRates{xi, xi, xi, xi, xi, xi}
	}
	if xi <= 0. {
		return tb.t[0]
	}
	if xi >= 200. {
		return tb.t[200]
	}
	i := int(xi)
	th := xi - float64(i)
	a, c := &tb.t[i], &tb.t[i+1]
	return HHRates{
		Minf: a.Minf + float64(th*(c.Minf-a.Minf)), Mtau: a.Mtau + float64(th*(c.Mtau-a.Mtau)),
		Hinf: a.Hinf + float64(th*(c.Hinf-a.Hinf)), Htau: a.Htau + float64(th*(c.Htau-a.Htau)),
		Ninf: a.Ninf + float64(th*(c.Ninf-a.Ninf)), Ntau: a.Ntau + float64(th*(c.Ntau-a.Ntau)),
	}
}

func (*HH) rates(b *Block, e *Env, v float64) HHRates {
	var r HHRates
	if b.Globals[hhUsetable] != 0 {
		tb := b.Private.(*HHTable)
		tb.Build(e.Celsius)
		r = tb.Rates(v)
	} else {
		r = HHRatesAt(v, e.Celsius)
	}
	g := b.Globals
	g[hhMinf], g[hhMtau], g[hhHinf], g[hhHtau], g[hhNinf], g[hhNtau] = r.Minf, r.Mtau, r.Hinf, r.Htau, r.Ninf, r.Ntau
	return r
}

// Init sets the gates to their steady state at the node voltage.
func (h *HH) Init(b *Block, e *Env) error {
	for k, nd := range b.Node {
		r := h.rates(b, e, e.V[nd])
		b.Vars[hhM][k], b.Vars[hhH][k], b.Vars[hhN][k] = r.Minf, r.Hinf, r.Ninf
	}
	return nil
}

// Current adds the sodium, potassium and leak currents.
func (*HH) Current(b *Block, e *Env) {
	na, k := &e.Ions[b.IonIndex[0]], &e.Ions[b.IonIndex[1]]
	nodes := b.Node
	n := len(nodes)
	vars := b.Vars[:hhIk+1]
	gnabar, gkbar, gls, els := vars[hhGnabar][:n], vars[hhGkbar][:n], vars[hhGl][:n], vars[hhEl][:n]
	ms, hs, ns := vars[hhM][:n], vars[hhH][:n], vars[hhN][:n]
	gnas, gks, ils, inas, iks := vars[hhGna][:n], vars[hhGk][:n], vars[hhIl][:n], vars[hhIna][:n], vars[hhIk][:n]
	for j, nd := range nodes {
		ena, ek := na.E[nd], k.E[nd]
		m, h, nn := ms[j], hs[j], ns[j]
		gna := gnabar[j] * m * m * m * h
		gk := gkbar[j] * nn * nn * nn * nn
		gl, el := gls[j], els[j]
		v := e.V[nd]
		vp := v + .001
		ina1, ik1, il1 := float64(gna*(vp-ena)), float64(gk*(vp-ek)), float64(gl*(vp-el))
		ina0, ik0, il0 := float64(gna*(v-ena)), float64(gk*(v-ek)), float64(gl*(v-el))
		gnas[j], gks[j], ils[j] = gna, gk, il0
		inas[j], iks[j] = ina0, ik0
		na.DIDV[nd] += (ina1 - ina0) / .001
		k.DIDV[nd] += (ik1 - ik0) / .001
		na.I[nd] += ina0
		k.I[nd] += ik0
		e.AddDensityCurrent(nd, ina1+ik1+il1, ina0+ik0+il0)
	}
}

// State advances m, h and n by the cnexp formula.
func (*HH) State(b *Block, e *Env) error {
	dt, celsius := e.Dt, e.Celsius
	g := b.Globals[:hhNtau+1]
	var tb *HHTable
	if g[hhUsetable] != 0 {
		tb = b.Private.(*HHTable)
		tb.Build(celsius)
	}
	nodes := b.Node
	ms, hs, ns := b.Vars[hhM][:len(nodes)], b.Vars[hhH][:len(nodes)], b.Vars[hhN][:len(nodes)]
	for k, nd := range nodes {
		// rates(), as in Init
		var r HHRates
		if xi := float64(1. * (e.V[nd] - -100.0)); tb != nil && xi > 0 && xi < 200 {
			// tb.Rates written out for the common case: the call costs
			// about a tenth of a step of the benchmark cell
			i := int(xi)
			th := xi - float64(i)
			a, c := &tb.t[i], &tb.t[i+1]
			r = HHRates{
				Minf: a.Minf + float64(th*(c.Minf-a.Minf)), Mtau: a.Mtau + float64(th*(c.Mtau-a.Mtau)),
				Hinf: a.Hinf + float64(th*(c.Hinf-a.Hinf)), Htau: a.Htau + float64(th*(c.Htau-a.Htau)),
				Ninf: a.Ninf + float64(th*(c.Ninf-a.Ninf)), Ntau: a.Ntau + float64(th*(c.Ntau-a.Ntau)),
			}
		} else if tb != nil {
			r = tb.Rates(e.V[nd])
		} else {
			r = HHRatesAt(e.V[nd], celsius)
		}
		g[hhMinf], g[hhMtau], g[hhHinf], g[hhHtau], g[hhNinf], g[hhNtau] = r.Minf, r.Mtau, r.Hinf, r.Htau, r.Ninf, r.Ntau
		m, h, n := ms[k], hs[k], ns[k]
		ms[k] = m + float64((1.-libm.Exp(dt*((-1.0)/r.Mtau)))*(-(r.Minf/r.Mtau)/((-1.0)/r.Mtau)-m))
		hs[k] = h + float64((1.-libm.Exp(dt*((-1.0)/r.Htau)))*(-(r.Hinf/r.Htau)/((-1.0)/r.Htau)-h))
		ns[k] = n + float64((1.-libm.Exp(dt*((-1.0)/r.Ntau)))*(-(r.Ninf/r.Ntau)/((-1.0)/r.Ntau)-n))
	}
	return nil
}

// errNoise is returned when a NetStim asks for noise, which needs NEURON's
// random streams.
var errNoise = fmt.Errorf("noise > 0 is not supported (NEURON's random streams are not reproduced)")

// StationaryUntil: pas does not depend on time.
func (*Pas) StationaryUntil(b *Block, t float64) float64 { return math.Inf(1) }

// StationaryUntil: hh does not depend on time.
func (*HH) StationaryUntil(b *Block, t float64) float64 { return math.Inf(1) }
