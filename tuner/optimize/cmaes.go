package optimize

import (
	"errors"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	gonum "gonum.org/v1/gonum/optimize"
)

// CMAES is a derivative-free global method: gonum's covariance matrix
// adaptation evolution strategy (optimize.CmaEsChol) on the normalised
// box, drawing its samples from the run's seeded generator and evaluating
// each generation's population concurrently.
//
// A sample outside the box is projected onto it before evaluation, so the
// objective never sees it; the method is told the cost of the projected
// point plus a penalty that grows with the squared distance projected,
// (1 + |cost|)·d², which draws the distribution back into the box.
//
// The zero value uses the defaults documented on each field.
type CMAES struct {
	// Population is the number of samples per generation; zero means
	// twice gonum's default, 2·(4 + ⌊3·ln n⌋) for n free parameters: the
	// larger population finds the global basin more often.
	Population int
	// InitStepSize is the initial standard deviation of the samples as a
	// fraction of each parameter's normalised width; zero means 0.3.
	InitStepSize float64
	// FuncTol stops the method when, over the last StallGenerations
	// generations, the best cost of each generation and all costs of the
	// latest one lie within FuncTol times the best cost; zero means 1e-12.
	FuncTol float64
	// StallGenerations is the window of FuncTol; zero means
	// 10 + ⌈30·n/Population⌉.
	StallGenerations int
}

// Name returns NameCMAES.
func (*CMAES) Name() string { return NameCMAES }

func (m *CMAES) withDefaults(n int) CMAES {
	c := *m
	if c.Population <= 0 {
		c.Population = 2 * (4 + int(3*math.Log(float64(n))))
	}
	if !(c.InitStepSize > 0) {
		c.InitStepSize = 0.3
	}
	if !(c.FuncTol > 0) {
		c.FuncTol = 1e-12
	}
	if c.StallGenerations <= 0 {
		c.StallGenerations = 10 + (30*n+c.Population-1)/c.Population
	}
	return c
}

func (m *CMAES) minimize(r *run, st start) (Status, error) {
	return m.search(r, st, 0)
}

// search runs CMA-ES from st. When budget is positive it stops (with
// StatusEvaluationLimit) once the run's history holds budget evaluations.
func (m *CMAES) search(r *run, st start, budget int) (Status, error) {
	sp := r.sp
	n := sp.dim()
	c := m.withDefaults(n)

	cov := mat.NewSymDense(n, nil)
	for k := range n {
		sd := c.InitStepSize * sp.width(k)
		cov.SetSym(k, k, sd*sd)
	}
	var chol mat.Cholesky
	if !chol.Factorize(cov) {
		return 0, errors.New("initial covariance is not positive definite")
	}
	cma := &gonum.CmaEsChol{
		Population:   c.Population,
		InitCholesky: &chol,
		InitStepSize: gonumSigma,
		Src:          rand.NewPCG(r.set.Seed, streamCMAES+uint64(r.iter)),
	}
	tasks := make([]gonum.Task, cma.Init(n, c.Population))
	if len(tasks) != c.Population {
		return 0, errors.New("gonum CmaEsChol took fewer tasks than its population")
	}
	for i := range tasks {
		tasks[i].Location = &gonum.Location{X: make([]float64, n)}
	}
	copy(tasks[0].X, st.u)
	sp.project(tasks[0].X)

	// The method sends a whole population of evaluations, waits for every
	// result, then sends a MajorIteration (or MethodDone) and waits for it
	// to come back before it samples the next generation.
	ops := make(chan gonum.Task, len(tasks))
	results := make(chan gonum.Task, len(tasks))
	go cma.Run(ops, results, tasks)
	defer func() {
		results <- gonum.Task{Op: gonum.PostIteration}
		close(results)
		for range ops {
		}
	}()

	var record []float64 // best cost and range of costs of each generation
	batch := make([]gonum.Task, 0, len(tasks))
	for {
		t, ok := <-ops
		if !ok {
			return 0, errors.New("gonum CmaEsChol stopped unasked")
		}
		switch {
		case t.Op == gonum.MethodDone:
			return StatusConverged, nil
		case t.Op == gonum.MajorIteration:
			if c.stalled(record) {
				return StatusConverged, nil
			}
			if budget > 0 && len(r.history) >= budget {
				return StatusEvaluationLimit, nil
			}
			results <- t
			continue
		case t.Op&gonum.FuncEvaluation == 0:
			return 0, errors.New("gonum CmaEsChol asked for an unknown operation")
		}
		batch = append(batch, t)
		if len(batch) < len(tasks) {
			continue
		}
		// A whole generation: iteration 1 is the first.
		if err := r.nextIteration(); err != nil {
			return 0, err
		}
		us := make([][]float64, len(batch))
		dist2 := make([]float64, len(batch))
		for i, bt := range batch {
			us[i] = append([]float64(nil), bt.X...)
			dist2[i] = sp.project(us[i])
		}
		costs, err := r.evaluate(us, PurposeSample)
		if err != nil {
			return 0, err
		}
		genBest := math.Inf(1)
		for i, bt := range batch {
			bt.F = penalised(costs[i], dist2[i])
			genBest = math.Min(genBest, costs[i])
			results <- bt
		}
		record = append(record, genBest, spread(costs))
		batch = batch[:0]
	}
}

// penalised is the cost CMA-ES is told for a sample that was projected a
// squared distance d2 onto the box: the cost of the projected point plus
// (1 + |cost|)·d2. A failed evaluation stays +Inf (never Inf·0 = NaN).
func penalised(cost, d2 float64) float64 {
	if math.IsInf(cost, 1) {
		return cost
	}
	return cost + (1+math.Abs(cost))*d2
}

// spread returns the range of the finite costs of a generation, or +Inf.
func spread(costs []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range costs {
		if math.IsInf(v, 0) {
			return math.Inf(1)
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return hi - lo
}

// stalled applies the FuncTol test to the generation records: pairs of
// (best cost, range of costs) per generation.
func (c *CMAES) stalled(rec []float64) bool {
	gens := len(rec) / 2
	if gens < c.StallGenerations {
		return false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for g := gens - c.StallGenerations; g < gens; g++ {
		lo, hi = math.Min(lo, rec[2*g]), math.Max(hi, rec[2*g])
	}
	tol := c.FuncTol * math.Abs(lo)
	return hi-lo <= tol && rec[len(rec)-1] <= tol
}

// gonumSigma is the step size handed to gonum's CmaEsChol. gonum samples
// from the Cholesky factor alone and uses its step size only to weigh the
// covariance updates, which are the textbook ones when the step size is 1;
// the sampling width is set by the initial covariance instead.
const gonumSigma = 1
