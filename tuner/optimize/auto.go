package optimize

// Auto combines the global and the local method: a short CMA-ES search of
// the whole box, then projected BFGS from the lowest cost it found. The
// global phase finds the deepest basin of a cost with several minima, the
// local phase pins its minimum down far faster than CMA-ES would.
//
// The zero value uses the defaults documented on each field.
type Auto struct {
	// Global is the global phase's method.
	Global CMAES
	// Local is the local phase's method.
	Local ProjectedBFGS
	// GlobalEvaluations is the evaluation budget of the global phase;
	// zero means 20 generations of the global method's population.
	GlobalEvaluations int
	// LocalFirst adds a local phase from the start before the global one
	// (which then also starts from the start point, and is polished from
	// its own best point). It pays when Settings.TargetCost is set and
	// usually reachable from the start, as for the tuner's targets: the run
	// then stops at the target after a local method's evaluations. On the
	// test problems without a target it cost 6–42% more evaluations.
	LocalFirst bool
}

// Name returns NameAuto.
func (*Auto) Name() string { return NameAuto }

func (m *Auto) minimize(r *run, st start) (Status, error) {
	first := StatusFailed
	if m.LocalFirst {
		var err error
		if first, err = m.Local.minimize(r, st); err != nil {
			return 0, err
		}
	}
	budget := m.GlobalEvaluations
	if budget <= 0 {
		budget = 20 * m.Global.withDefaults(r.sp.dim()).Population
	}
	g0 := len(r.history)
	if _, err := m.Global.search(r, st, g0+budget); err != nil {
		return 0, err
	}
	// Polish the global phase's own best point: with LocalFirst it may lie
	// in a deeper basin than the first local optimum yet cost more.
	gb := -1
	for i := g0; i < len(r.history); i++ {
		if !r.history[i].Failed() && (gb < 0 || r.history[i].Cost < r.history[gb].Cost) {
			gb = i
		}
	}
	if gb < 0 {
		if r.best >= 0 {
			return first, nil
		}
		return StatusFailed, nil
	}
	e := r.history[gb]
	return m.Local.minimize(r, start{u: r.sp.coords(e.X), cost: e.Cost, evaluated: true})
}
