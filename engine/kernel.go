package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
)

// A Kernel is code written for one model's shape — generated Go (package
// engine/gen writes kernels) with the model's mechanisms, matrix and solve
// spelled out — that computes whole steps exactly as Sim.Step computes
// them: the same operations in the same order, so every value is bitwise
// the same. A Sim given a kernel (Sim.SetKernel) hands it the runs of steps
// that deliver no event, and computes the others itself.
type Kernel interface {
	// Fingerprint identifies the model shape the kernel was written for
	// (Layout.Fingerprint); SetKernel refuses a kernel whose fingerprint
	// differs from the Sim's model.
	Fingerprint() string
	// Advance computes up to f.Max steps from f.T while the time is below
	// f.End and the step's end stays below f.Due, recording after every
	// step (KernelFrame.Record). It leaves the end time in f.T and
	// returns the number of steps taken; steps it only recorded, because
	// the state was a fixed point (see Stationary), are counted in
	// f.Skipped as well.
	Advance(f *KernelFrame) (int, error)
}

// KernelFrame is what a Kernel sees of a Sim: the mechanism environment,
// the blocks, the model's axial coefficients and the bounds of the run of
// steps it may compute.
type KernelFrame struct {
	// Env holds the node voltages, the ions, dt and the temperature.
	Env *Env
	// Blocks are the Sim's mechanism blocks, in the model's block order.
	Blocks []*Block
	// A and B are the off-diagonal elements of each node's row and column
	// (NEURON's NODEA and NODEB; 0 at roots), Cm the specific capacitance of
	// each node (µF/cm², 0 at nodes without a segment). They are the
	// model's and must not be modified.
	A, B, Cm []float64
	// End: steps are taken while the time is below End.
	End float64
	// Due is the time of the next event; a step whose end time t satisfies
	// t >= Due is left to the Sim.
	Due float64
	// Max is the most steps the kernel may take.
	Max int
	// MaySkip allows the kernel to only record the steps after a fixed
	// point, as the Sim does (Sim.SetSkipSteady): see SkipSteady.
	MaySkip bool
	// Above and Threshold belong to the NetCon sources (Layout.Watched
	// gives the index of those that watch a voltage): whether the watched
	// voltage was above the threshold (mV) when last checked. A step that
	// starts with that changed is left to the Sim, which sends the spike.
	// They must not be modified.
	Above     []bool
	Threshold []float64
	// T is the time: the start time on entry, the end time on return.
	T float64
	// Skipped counts the steps only recorded.
	Skipped int

	sim *Sim
}

// Record stores the samples of the step that ended at time t in every trace.
func (f *KernelFrame) Record(t float64) {
	f.sim.t = t
	f.sim.record()
}

// SkipSteady advances from t, a fixed point reached by the step that ended
// at t, by at most max steps that are only recorded (the state stays as it
// is), as long as a step's end stays below until, f.Due and f.End. It
// returns the new time and the number of steps, which it adds to
// f.Skipped.
func (f *KernelFrame) SkipSteady(t, until float64, max int) (float64, int) {
	s := f.sim
	s.t = t
	n, _ := s.skipRun(min(until, f.Due), f.End, max)
	f.Skipped += n
	return s.t, n
}

// StationaryUntil returns the time until which every block's Current and
// State compute from the same values what they compute at t (see
// Stationary); t itself when some block cannot tell.
func (f *KernelFrame) StationaryUntil(t float64) float64 {
	if f.sim.steady.blocked {
		return t
	}
	until := math.Inf(1)
	for _, b := range f.Blocks {
		if m, ok := b.Mech.(Stationary); ok {
			until = math.Min(until, m.StationaryUntil(b, t))
		}
	}
	return until
}

// NotFinite returns the error Sim.Step returns when, after the step ending
// at t, a node voltage or a mechanism state is not a finite number.
func (f *KernelFrame) NotFinite(t float64) error {
	f.sim.t = t
	f.sim.env.T = t
	if err := f.sim.checkFinite(); err != nil {
		return err
	}
	return fmt.Errorf("engine: t=%g: the kernel reported a value that is not finite, but every voltage and state is", t)
}

// Layout describes the shape of a compiled model for code generators: what
// a kernel's arithmetic depends on apart from values it reads at run time.
type Layout struct {
	// Nodes is the number of nodes; the first Roots of them are roots.
	Nodes, Roots int
	// Parent gives each node's parent (-1 for roots). A parent precedes its
	// children.
	Parent []int
	// HasCm tells for each node whether its specific capacitance is
	// nonzero (segment centres, unless cm was set to 0; section ends and
	// roots have none).
	HasCm []bool
	// Blocks lists the mechanism blocks in the order of their calls.
	Blocks []BlockLayout
	// Ions names the ion species by index (Block.IonIndex points here).
	Ions []string
	// NernstEachStep says whether some reversal potential follows
	// concentrations at every step.
	NernstEachStep bool
	// Watched lists the NetCon sources that watch a voltage.
	Watched []Watch
}

// Watch is a NetCon source that watches the voltage of a node for
// threshold crossings.
type Watch struct {
	// Node is the watched node.
	Node int
	// Source indexes KernelFrame.Above and KernelFrame.Threshold.
	Source int
}

// BlockLayout is one mechanism block of a Layout.
type BlockLayout struct {
	// Mech is the mechanism.
	Mech Mechanism
	// Node is the node of each instance (-1 for artificial cells).
	Node []int
	// IonIndex maps the mechanism's ions (Spec.Ions) to Layout.Ions.
	IonIndex []int
}

// Layout returns the model's shape.
func (c *Compiled) Layout() Layout {
	l := Layout{Nodes: c.nNodes, Roots: c.nRoots, Parent: append([]int(nil), c.parent...),
		HasCm: make([]bool, c.nNodes)}
	for _, pi := range c.voltageSources {
		l.Watched = append(l.Watched, Watch{Node: c.presyns[pi].node, Source: pi})
	}
	for i, cm := range c.cm {
		l.HasCm[i] = cm != 0
	}
	for _, bp := range c.blocks {
		l.Blocks = append(l.Blocks, BlockLayout{Mech: bp.mech, Node: append([]int(nil), bp.node...),
			IonIndex: append([]int(nil), bp.ionIndex...)})
	}
	for _, p := range c.ions {
		l.Ions = append(l.Ions, p.name)
		for _, each := range p.nernstEachStep {
			l.NernstEachStep = l.NernstEachStep || each
		}
	}
	return l
}

// Fingerprint is a digest of the layout: equal for models of the same
// shape (nodes, tree, capacitance, mechanisms and their placement),
// different otherwise.
func (l Layout) Fingerprint() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "nodes %d roots %d\nparent %v\ncm %v\nions %v nernst %v\nwatched %v\n",
		l.Nodes, l.Roots, l.Parent, l.HasCm, l.Ions, l.NernstEachStep, l.Watched)
	for _, b := range l.Blocks {
		fmt.Fprintf(&sb, "block %s %T nodes %v ions %v\n", b.Mech.Spec().Name, b.Mech, b.Node, b.IonIndex)
	}
	sum := sha256.Sum256([]byte(sb.String()))
	return hex.EncodeToString(sum[:16])
}

// SetKernel makes the Sim compute its runs of steps without events with k
// (nil: without a kernel). It fails if k was written for a model of another
// shape. Results do not change: kernels compute what Step computes, bit for
// bit. Step itself, Init, the steps that deliver events and those that
// start with a watched voltage crossing its threshold are always the Sim's
// own.
func (s *Sim) SetKernel(k Kernel) error {
	if k == nil {
		s.kernel = nil
		return nil
	}
	if got, want := k.Fingerprint(), s.c.Layout().Fingerprint(); got != want {
		return fmt.Errorf("engine: the kernel was written for a model of another shape (fingerprint %s, the model's %s)", got, want)
	}
	s.kernel = k
	threshold := make([]float64, len(s.c.presyns))
	for i, ps := range s.c.presyns {
		threshold[i] = ps.threshold
	}
	s.frame = &KernelFrame{Env: &s.env, Blocks: s.blocks, A: s.c.a, B: s.c.b, Cm: s.c.cm,
		Above: s.flags, Threshold: threshold, sim: s}
	return nil
}

// advanceKernel lets the kernel compute up to max steps while t < end, and
// returns how many it took (0 when the next step is the Sim's).
func (s *Sim) advanceKernel(end float64, max int) (int, error) {
	f := s.frame
	f.End, f.Max, f.T, f.Skipped = end, max, s.t, 0
	f.Due = math.Inf(1)
	if len(s.queue.h) > 0 {
		f.Due = s.queue.h[0].t
	}
	f.MaySkip = !s.steady.disabled
	s.env.T = s.t
	n, err := s.kernel.Advance(f)
	s.t, s.env.T = f.T, f.T
	s.steady.skipped += f.Skipped
	if n > 0 {
		s.steady.reset()
	}
	return n, err
}
