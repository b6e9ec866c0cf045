package engine

import (
	"fmt"
	"math"
)

// Ref points at one value of a simulation, like NEURON's _ref_ pointers:
// time, a node voltage or a mechanism variable.
type Ref struct {
	p    *float64
	name string
}

// Value returns the current value.
func (r Ref) Value() float64 { return *r.p }

// Name describes what the reference points at.
func (r Ref) Name() string { return r.name }

// Trace is a recording: one value appended at Init and after every step
// (NEURON's Vector.record), or one spike time per spike for a spike
// recording (NetCon.record).
type Trace struct {
	// Values holds the samples. It is cleared by Init.
	Values []float64
	src    *float64
	name   string
}

// Name describes what the trace records.
func (t *Trace) Name() string { return t.name }

// TimeRef refers to the simulation time.
func (s *Sim) TimeRef() Ref { return Ref{p: &s.t, name: "t"} }

// VoltageRef refers to the voltage of the node of sec at x.
func (s *Sim) VoltageRef(sec *Section, x float64) (Ref, error) {
	i, err := s.c.nodeAt(sec, x)
	if err != nil {
		return Ref{}, err
	}
	return Ref{p: &s.v[i], name: fmt.Sprintf("%s(%g).v", sec.name, x)}, nil
}

// PointRef refers to element 0 of variable name of a point process or
// artificial cell, e.g. "i" of a synapse or VClamp.
func (s *Sim) PointRef(pp *PointProcess, name string) (Ref, error) {
	return s.PointElementRef(pp, name, 0)
}

// PointElementRef refers to element i of variable name of a point process.
func (s *Sim) PointElementRef(pp *PointProcess, name string, i int) (Ref, error) {
	ref, ok := s.c.points[pp]
	if !ok {
		return Ref{}, fmt.Errorf("engine: point process is not part of this simulation's model")
	}
	b := s.blocks[ref.block]
	sl, ok := b.layout.slot[name]
	if !ok {
		return Ref{}, fmt.Errorf("engine: %s has no variable %q", b.Mech.Spec().Name, name)
	}
	if i < 0 || i >= sl.size {
		return Ref{}, fmt.Errorf("engine: %s.%s index %d out of range [0, %d)", b.Mech.Spec().Name, name, i, sl.size)
	}
	label := fmt.Sprintf("%s.%s", b.Mech.Spec().Name, name)
	if sl.global {
		return Ref{p: &b.Globals[sl.index+i], name: label}, nil
	}
	return Ref{p: &b.Vars[sl.index+i][ref.inst], name: label}, nil
}

// RangeRef refers to a range variable of the segment of sec containing x:
// a density mechanism variable such as "m_hh" or an ion variable such as
// "ena" or "ina".
func (s *Sim) RangeRef(sec *Section, x float64, name string) (Ref, error) {
	node, err := s.c.nodeAt(sec, x)
	if err != nil {
		return Ref{}, err
	}
	if x == 0 || x == 1 {
		return Ref{}, sec.errorf("range variable %s is not defined at the zero-area end x=%g", name, x)
	}
	label := fmt.Sprintf("%s(%g).%s", sec.name, x, name)
	for _, m := range sec.mechs {
		spec := m.Spec()
		suffix := "_" + spec.Name
		if len(name) <= len(suffix) || name[len(name)-len(suffix):] != suffix {
			continue
		}
		base := name[:len(name)-len(suffix)]
		for bi, bp := range s.c.blocks {
			if bp.mech != m {
				continue
			}
			sl, ok := bp.layout.slot[base]
			if !ok {
				break
			}
			if sl.global {
				return Ref{p: &s.blocks[bi].Globals[sl.index], name: label}, nil
			}
			for i, nd := range bp.node {
				if nd == node {
					return Ref{p: &s.blocks[bi].Vars[sl.index][i], name: label}, nil
				}
			}
		}
	}
	for k := range s.env.Ions {
		ion := &s.env.Ions[k]
		switch name {
		case "e" + ion.Name:
			return Ref{p: &ion.E[node], name: label}, nil
		case "i" + ion.Name:
			return Ref{p: &ion.I[node], name: label}, nil
		case ion.Name + "i":
			return Ref{p: &ion.Ci[node], name: label}, nil
		case ion.Name + "o":
			return Ref{p: &ion.Co[node], name: label}, nil
		}
	}
	return Ref{}, sec.errorf("%q is not a range variable of this section", name)
}

// Record starts recording ref: the trace gets a sample at every Init and
// after every step.
func (s *Sim) Record(ref Ref) *Trace {
	tr := &Trace{src: ref.p, name: ref.name}
	s.traces = append(s.traces, tr)
	return tr
}

func (s *Sim) record() {
	for _, tr := range s.traces {
		tr.Values = append(tr.Values, *tr.src)
	}
}

// RecordSpikes returns a trace that receives the spike times of the
// sources of the given NetCons (NEURON's NetCon.record; several sources
// recording into one trace interleave in time order).
func (s *Sim) RecordSpikes(ncs ...*NetCon) (*Trace, error) {
	tr := &Trace{name: "spikes"}
	for _, nc := range ncs {
		i, ok := s.c.ncIndex[nc]
		if !ok {
			return nil, fmt.Errorf("engine: NetCon is not part of this simulation's model")
		}
		pi := s.c.netcons[i].presyn
		s.spikes[pi] = append(s.spikes[pi], tr)
	}
	return tr, nil
}

// Set assigns v to the value ref points at (a parameter, a state, a
// voltage). It takes effect from the next step or Init, as in NEURON.
func (s *Sim) Set(ref Ref, v float64) error {
	if ref.p == nil {
		return fmt.Errorf("engine: Set on an empty reference")
	}
	if math.IsNaN(v) {
		return fmt.Errorf("engine: Set %s to NaN", ref.name)
	}
	if ref.p == &s.t {
		return fmt.Errorf("engine: time cannot be set")
	}
	*ref.p = v
	s.steady.reset()
	return nil
}

// SetPoint sets variable name of a point process in this simulation.
func (s *Sim) SetPoint(pp *PointProcess, name string, v float64) error {
	ref, err := s.PointRef(pp, name)
	if err != nil {
		return err
	}
	return s.Set(ref, v)
}

// SetWeight sets element i of a NetCon's weight vector in this simulation.
func (s *Sim) SetWeight(nc *NetCon, i int, w float64) error {
	k, ok := s.c.ncIndex[nc]
	if !ok {
		return fmt.Errorf("engine: NetCon is not part of this simulation's model")
	}
	if i < 0 || i >= len(s.weights[k]) {
		return fmt.Errorf("engine: NetCon weight index %d out of range [0, %d)", i, len(s.weights[k]))
	}
	s.weights[k][i] = w
	s.steady.reset()
	return nil
}

// Weight returns a copy of a NetCon's weight vector in this simulation.
func (s *Sim) Weight(nc *NetCon) ([]float64, error) {
	k, ok := s.c.ncIndex[nc]
	if !ok {
		return nil, fmt.Errorf("engine: NetCon is not part of this simulation's model")
	}
	return append([]float64(nil), s.weights[k]...), nil
}

// SetVector replaces the vector of a point process (VecStim event times) in
// this simulation; it takes effect at the next Init.
func (s *Sim) SetVector(pp *PointProcess, v []float64) error {
	ref, ok := s.c.points[pp]
	if !ok {
		return fmt.Errorf("engine: point process is not part of this simulation's model")
	}
	s.blocks[ref.block].Vectors[ref.inst] = append([]float64(nil), v...)
	s.steady.reset()
	return nil
}
