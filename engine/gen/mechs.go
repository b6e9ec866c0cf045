package gen

import (
	"fmt"
	"strings"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/gen/internal/inline"
)

// mechanism writes the code of one built-in mechanism: each function
// mirrors the mechanism's method in package engine operation for operation,
// so that the kernel computes the same bits.
type mechanism interface {
	// active reports whether the mechanism has currents or states.
	active() bool
	usesLibm() bool
	// prologue declares the block's columns (as b<bi><name>).
	prologue(w *writer, bi int, b engine.BlockLayout)
	// current adds instance j at node nd to r<nd>, d<nd> and the ion sums.
	current(w *writer, bi, j, nd int)
	// state advances instance j's states from the new voltage nv<nd>,
	// adding to moved and finite.
	state(w *writer, bi, j, nd int)
	// ionWrites lists the ions (Layout.Ions indices) whose current the
	// mechanism adds to.
	ionWrites(b engine.BlockLayout) []int
}

func mechanismFor(m engine.Mechanism) (mechanism, error) {
	switch m.(type) {
	case *engine.Pas:
		return pas{}, nil
	case *engine.HH:
		return hh{}, nil
	case *engine.IClamp:
		return iclamp{}, nil
	case *engine.SEClamp:
		return seclamp{}, nil
	case *engine.ExpSyn:
		return expsyn{}, nil
	case *engine.Exp2Syn:
		return exp2syn{}, nil
	}
	_, cur := m.(engine.CurrentSource)
	_, st := m.(engine.StateUpdater)
	if !cur && !st {
		return passive{}, nil
	}
	return nil, fmt.Errorf("no code generator for mechanism %s (%T); kernels know pas, hh, IClamp, SEClamp, ExpSyn and Exp2Syn", m.Spec().Name, m)
}

// columns declares b<bi><name> := b<bi>.Vars[slot][:n:n] for each range
// variable named (each mechanism names those its code uses).
func columns(w *writer, bi int, b engine.BlockLayout, names ...string) {
	spec := b.Mech.Spec()
	n := len(b.Node)
	var lhs, rhs []string
	for _, name := range names {
		slot, global, ok := spec.Slot(name)
		if !ok || global {
			panic(fmt.Sprintf("gen: %s has no range variable %s", spec.Name, name))
		}
		lhs = append(lhs, fmt.Sprintf("b%d%s", bi, name))
		rhs = append(rhs, fmt.Sprintf("b%d.Vars[%d][:%d:%d]", bi, slot, n, n))
	}
	w.p("%s := %s", strings.Join(lhs, ", "), strings.Join(rhs, ", "))
}

func globalSlot(spec *engine.Spec, name string) int {
	slot, global, ok := spec.Slot(name)
	if !ok || !global {
		panic(fmt.Sprintf("gen: %s has no global %s", spec.Name, name))
	}
	return slot
}

// passive is a mechanism without currents or states.
type passive struct{}

func (passive) active() bool                                     { return false }
func (passive) usesLibm() bool                                   { return false }
func (passive) prologue(w *writer, bi int, b engine.BlockLayout) {}
func (passive) current(w *writer, bi, j, nd int)                 {}
func (passive) state(w *writer, bi, j, nd int)                   {}
func (passive) ionWrites(b engine.BlockLayout) []int             { return nil }

// pas mirrors engine.Pas.Current.
type pas struct{}

func (pas) active() bool   { return true }
func (pas) usesLibm() bool { return false }
func (pas) prologue(w *writer, bi int, b engine.BlockLayout) {
	columns(w, bi, b, "g", "e", "i")
}
func (pas) current(w *writer, bi, j, nd int) {
	w.p("{ // pas, instance %d", j)
	w.p("vp := v%d + .001", nd)
	w.p("i1 := float64(b%dg[%d] * (vp - b%de[%d]))", bi, j, bi, j)
	w.p("i0 := float64(b%dg[%d] * (v%d - b%de[%d]))", bi, j, nd, bi, j)
	w.p("b%di[%d] = i0", bi, j)
	densityCurrent(w, nd, "i1", "i0")
	w.p("}")
}
func (pas) state(w *writer, bi, j, nd int)       {}
func (pas) ionWrites(b engine.BlockLayout) []int { return nil }

// densityCurrent mirrors engine.Env.AddDensityCurrent.
func densityCurrent(w *writer, nd int, i1, i0 string) {
	w.p("g := (%s - %s) / .001", i1, i0)
	w.p("r%d -= %s", nd, i0)
	w.p("d%d += g", nd)
}

// hh mirrors engine.HH's Current and State (and its table, through
// engine.HHTable).
type hh struct{}

func (hh) active() bool   { return true }
func (hh) usesLibm() bool { return true }
func (hh) prologue(w *writer, bi int, b engine.BlockLayout) {
	spec := b.Mech.Spec()
	columns(w, bi, b, "gnabar", "gkbar", "gl", "el", "gna", "gk", "il", "m", "h", "n", "ina", "ik")
	na, k := b.IonIndex[0], b.IonIndex[1]
	n := w.l.Nodes
	w.p("b%dena, b%dek := env.Ions[%d].E[:%d:%d], env.Ions[%d].E[:%d:%d]", bi, bi, na, n, n, k, n, n)
	w.p("b%dG := b%d.Globals", bi, bi)
	w.p("var b%dtab *[201]engine.HHRates // the rate table's entries, if used", bi)
	w.p("if b%dG[%d] != 0 {", bi, globalSlot(spec, "usetable"))
	w.p("tab := b%d.Private.(*engine.HHTable)", bi)
	w.p("tab.Build(celsius)")
	w.p("b%dtab = tab.Entries()", bi)
	w.p("}")
}
func (hh) current(w *writer, bi, j, nd int) {
	// ionWrites order: na then k, as the mechanism adds them
	l := w.l.Blocks[bi]
	na, k := l.IonIndex[0], l.IonIndex[1]
	w.p("{ // hh, instance %d", j)
	w.p("ena, ek := b%dena[%d], b%dek[%d]", bi, nd, bi, nd)
	w.p("m, h, nn := b%dm[%d], b%dh[%d], b%dn[%d]", bi, j, bi, j, bi, j)
	w.p("gna := b%dgnabar[%d] * m * m * m * h", bi, j)
	w.p("gk := b%dgkbar[%d] * nn * nn * nn * nn", bi, j)
	w.p("gl, el := b%dgl[%d], b%del[%d]", bi, j, bi, j)
	w.p("vp := v%d + .001", nd)
	w.p("ina1, ik1, il1 := float64(gna*(vp-ena)), float64(gk*(vp-ek)), float64(gl*(vp-el))")
	w.p("ina0, ik0, il0 := float64(gna*(v%d-ena)), float64(gk*(v%d-ek)), float64(gl*(v%d-el))", nd, nd, nd)
	w.p("b%dgna[%d], b%dgk[%d], b%dil[%d] = gna, gk, il0", bi, j, bi, j, bi, j)
	w.p("b%dina[%d], b%dik[%d] = ina0, ik0", bi, j, bi, j)
	w.p("%s += (ina1 - ina0) / .001", ionSum{na, nd, true}.local())
	w.p("%s += (ik1 - ik0) / .001", ionSum{k, nd, true}.local())
	w.p("%s += ina0", ionSum{na, nd, false}.local())
	w.p("%s += ik0", ionSum{k, nd, false}.local())
	densityCurrent(w, nd, "(ina1 + ik1 + il1)", "(ina0 + ik0 + il0)")
	w.p("}")
}
func (hh) state(w *writer, bi, j, nd int) {
	spec := w.l.Blocks[bi].Mech.Spec()
	w.p("{ // hh states, instance %d", j)
	w.p("var r engine.HHRates")
	w.p("if b%dtab != nil {", bi)
	inline.HHRates(&w.buf, "r", fmt.Sprintf("nv%d", nd), fmt.Sprintf("b%dtab", bi))
	w.p("} else {")
	w.p("r = engine.HHRatesAt(nv%d, celsius)", nd)
	w.p("}")
	w.p("b%dG[%d], b%dG[%d], b%dG[%d], b%dG[%d], b%dG[%d], b%dG[%d] = r.Minf, r.Mtau, r.Hinf, r.Htau, r.Ninf, r.Ntau",
		bi, globalSlot(spec, "minf"), bi, globalSlot(spec, "mtau"), bi, globalSlot(spec, "hinf"),
		bi, globalSlot(spec, "htau"), bi, globalSlot(spec, "ninf"), bi, globalSlot(spec, "ntau"))
	w.p("m, h, n := b%dm[%d], b%dh[%d], b%dn[%d]", bi, j, bi, j, bi, j)
	w.p("var em, eh, en float64")
	inline.Exp(&w.buf, "em", "dt*((-1.0)/r.Mtau)", "expTable")
	inline.Exp(&w.buf, "eh", "dt*((-1.0)/r.Htau)", "expTable")
	inline.Exp(&w.buf, "en", "dt*((-1.0)/r.Ntau)", "expTable")
	w.p("nm := m + float64((1.-em)*(-(r.Minf/r.Mtau)/((-1.0)/r.Mtau)-m))")
	w.p("nh := h + float64((1.-eh)*(-(r.Hinf/r.Htau)/((-1.0)/r.Htau)-h))")
	w.p("nn := n + float64((1.-en)*(-(r.Ninf/r.Ntau)/((-1.0)/r.Ntau)-n))")
	w.p("b%dm[%d], b%dh[%d], b%dn[%d] = nm, nh, nn", bi, j, bi, j, bi, j)
	w.p("moved |= (math.Float64bits(nm) ^ math.Float64bits(m)) | (math.Float64bits(nh) ^ math.Float64bits(h)) | (math.Float64bits(nn) ^ math.Float64bits(n))")
	w.p("finite += float64(nm*0) + float64(nh*0) + float64(nn*0)")
	w.p("}")
}
func (hh) ionWrites(b engine.BlockLayout) []int { return []int{b.IonIndex[0], b.IonIndex[1]} }

// iclamp mirrors engine.IClamp.Current and engine.Env.AddElectrodeCurrent.
type iclamp struct{}

func (iclamp) active() bool   { return true }
func (iclamp) usesLibm() bool { return false }
func (iclamp) prologue(w *writer, bi int, b engine.BlockLayout) {
	columns(w, bi, b, "del", "dur", "amp", "i")
}
func (iclamp) current(w *writer, bi, j, nd int) {
	w.p("{ // IClamp, instance %d", j)
	w.p("del, dur := b%ddel[%d], b%ddur[%d]", bi, j, bi, j)
	w.p("i := 0.0")
	w.p("if tm < del+dur && tm >= del {")
	w.p("i = b%damp[%d]", bi, j)
	w.p("}")
	w.p("b%di[%d] = i", bi, j)
	w.p("af := fac[%d]", nd)
	// The mechanism's conductance is (i-i)/.001: +0 for a finite i, NaN
	// otherwise, which i-i alone gives bit for bit without the division.
	w.p("g := i - i")
	w.p("g = float64(g * af)")
	w.p("i0 := float64(i * af)")
	w.p("r%d += i0", nd)
	w.p("d%d -= g", nd)
	w.p("}")
}
func (iclamp) state(w *writer, bi, j, nd int)       {}
func (iclamp) ionWrites(b engine.BlockLayout) []int { return nil }

// pointCurrent mirrors engine.Env.AddPointCurrent (sign +1) and
// AddElectrodeCurrent (sign -1) for the currents in the variables i1, i0.
func pointCurrent(w *writer, nd int, electrode bool) {
	w.p("af := fac[%d]", nd)
	w.p("pg := (i1 - i0) / .001")
	w.p("pg = float64(pg * af)")
	w.p("pi := float64(i0 * af)")
	if electrode {
		w.p("r%d += pi", nd)
		w.p("d%d -= pg", nd)
	} else {
		w.p("r%d -= pi", nd)
		w.p("d%d += pg", nd)
	}
}

// decay writes the cnexp update of a state x decaying to 0 with time
// constant tau (the expression the built-in synapses use), into nx.
func decay(w *writer, nx, x, tau string) {
	w.p("var exp%s float64", nx)
	inline.Exp(&w.buf, "exp"+nx, fmt.Sprintf("dt*((-1.0)/%s)", tau), "expTable")
	w.p("%s := %s + float64((1.-exp%s)*(-(0.0)/((-1.0)/%s)-%s))", nx, x, nx, tau, x)
	w.p("moved |= math.Float64bits(%s) ^ math.Float64bits(%s)", nx, x)
	w.p("finite += float64(%s * 0)", nx)
}

// seclamp mirrors engine.SEClamp's Current and State.
type seclamp struct{}

func (seclamp) active() bool   { return true }
func (seclamp) usesLibm() bool { return false }
func (seclamp) prologue(w *writer, bi int, b engine.BlockLayout) {
	columns(w, bi, b, "rs", "dur1", "amp1", "amp2", "amp3", "i", "vc", "tc2", "tc3", "on")
}
func (seclamp) current(w *writer, bi, j, nd int) {
	w.p("{ // SEClamp, instance %d", j)
	w.p("on, vc := 1.0, 0.0")
	w.p("switch {")
	w.p("case tm < b%ddur1[%d]:", bi, j)
	w.p("vc = b%damp1[%d]", bi, j)
	w.p("case tm < b%dtc2[%d]:", bi, j)
	w.p("vc = b%damp2[%d]", bi, j)
	w.p("case tm < b%dtc3[%d]:", bi, j)
	w.p("vc = b%damp3[%d]", bi, j)
	w.p("default:")
	w.p("on = 0")
	w.p("}")
	w.p("b%don[%d], b%dvc[%d] = on, vc", bi, j, bi, j)
	w.p("i1, i0 := 0.0, 0.0")
	w.p("if on != 0 {")
	w.p("rs := b%drs[%d]", bi, j)
	w.p("i1, i0 = (vc-(v%d+.001))/rs, (vc-v%d)/rs", nd, nd)
	w.p("}")
	w.p("b%di[%d] = i0", bi, j)
	pointCurrent(w, nd, true)
	w.p("}")
}
func (seclamp) state(w *writer, bi, j, nd int) {
	w.p("{ // SEClamp's current at the new voltage, instance %d", j)
	w.p("i := 0.0")
	w.p("if b%don[%d] != 0 {", bi, j)
	w.p("i = (b%dvc[%d] - nv%d) / b%drs[%d]", bi, j, nd, bi, j)
	w.p("}")
	w.p("b%di[%d] = i", bi, j)
	w.p("}")
}
func (seclamp) ionWrites(b engine.BlockLayout) []int { return nil }

// expsyn mirrors engine.ExpSyn's Current and State.
type expsyn struct{}

func (expsyn) active() bool   { return true }
func (expsyn) usesLibm() bool { return true }
func (expsyn) prologue(w *writer, bi int, b engine.BlockLayout) {
	columns(w, bi, b, "tau", "e", "i", "g")
}
func (expsyn) current(w *writer, bi, j, nd int) {
	w.p("{ // ExpSyn, instance %d", j)
	w.p("g, erev := b%dg[%d], b%de[%d]", bi, j, bi, j)
	w.p("i1 := float64(g * ((v%d + .001) - erev))", nd)
	w.p("i0 := float64(g * (v%d - erev))", nd)
	w.p("b%di[%d] = i0", bi, j)
	pointCurrent(w, nd, false)
	w.p("}")
}
func (expsyn) state(w *writer, bi, j, nd int) {
	w.p("{ // ExpSyn's conductance, instance %d", j)
	w.p("tau, g := b%dtau[%d], b%dg[%d]", bi, j, bi, j)
	decay(w, "ng", "g", "tau")
	w.p("b%dg[%d] = ng", bi, j)
	w.p("}")
}
func (expsyn) ionWrites(b engine.BlockLayout) []int { return nil }

// exp2syn mirrors engine.Exp2Syn's Current and State.
type exp2syn struct{}

func (exp2syn) active() bool   { return true }
func (exp2syn) usesLibm() bool { return true }
func (exp2syn) prologue(w *writer, bi int, b engine.BlockLayout) {
	columns(w, bi, b, "tau1", "tau2", "e", "i", "g", "A", "B")
}
func (exp2syn) current(w *writer, bi, j, nd int) {
	w.p("{ // Exp2Syn, instance %d", j)
	w.p("g := b%dB[%d] - b%dA[%d]", bi, j, bi, j)
	w.p("erev := b%de[%d]", bi, j)
	w.p("i1 := float64(g * ((v%d + .001) - erev))", nd)
	w.p("i0 := float64(g * (v%d - erev))", nd)
	w.p("b%dg[%d], b%di[%d] = g, i0", bi, j, bi, j)
	pointCurrent(w, nd, false)
	w.p("}")
}
func (exp2syn) state(w *writer, bi, j, nd int) {
	w.p("{ // Exp2Syn's A and B, instance %d", j)
	w.p("tau1, tau2, a, b := b%dtau1[%d], b%dtau2[%d], b%dA[%d], b%dB[%d]", bi, j, bi, j, bi, j, bi, j)
	decay(w, "na", "a", "tau1")
	decay(w, "nb", "b", "tau2")
	w.p("b%dA[%d], b%dB[%d] = na, nb", bi, j, bi, j)
	w.p("}")
}
func (exp2syn) ionWrites(b engine.BlockLayout) []int { return nil }
