package optimize

// Auto runs a short global search, then polishes its best point with a
// local method: CMA-ES for GlobalEvaluations evaluations (or until it
// converges), then projected BFGS from the lowest cost found.
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
}

// Name returns NameAuto.
func (*Auto) Name() string { return NameAuto }

func (m *Auto) minimize(r *run, st start) (Status, error) {
	budget := m.GlobalEvaluations
	if budget <= 0 {
		budget = 20 * m.Global.withDefaults(r.sp.dim()).Population
	}
	if _, err := m.Global.search(r, st, budget); err != nil {
		return 0, err
	}
	best, ok := r.bestStart()
	if !ok {
		return StatusFailed, nil
	}
	return m.Local.minimize(r, best)
}
