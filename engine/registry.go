package engine

import (
	"fmt"
	"strings"
)

// Registry is an ordered set of mechanism types. The order is NEURON's
// mechanism type order: within each phase of a step, mechanisms run in the
// order they were added, which decides the order in which currents are
// summed at a node.
type Registry struct {
	mechs  []Mechanism
	byName map[string]int
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byName: make(map[string]int)}
}

// Builtins returns a new registry holding the built-in mechanisms in
// NEURON's registration order: pas, hh, IClamp, ExpSyn, Exp2Syn, SEClamp,
// VClamp, NetStim, then VecStim (which NEURON ships as an example mod file).
func Builtins() *Registry {
	r := NewRegistry()
	for _, m := range []Mechanism{&Pas{}, &HH{}, &IClamp{}, &ExpSyn{}, &Exp2Syn{}, &SEClamp{}, &VClamp{}, &NetStim{}, &VecStim{}} {
		if err := r.Add(m); err != nil {
			panic(err) // the built-in names are distinct; this cannot happen
		}
	}
	return r
}

// Add appends a mechanism type. It fails if the name is taken or the spec is
// malformed.
func (r *Registry) Add(m Mechanism) error {
	s := m.Spec()
	if s == nil || s.Name == "" {
		return fmt.Errorf("engine: mechanism with an empty name")
	}
	if _, dup := r.byName[s.Name]; dup {
		return fmt.Errorf("engine: mechanism %q is already registered", s.Name)
	}
	seen := make(map[string]bool, len(s.Variables))
	for _, v := range s.Variables {
		if v.Name == "" {
			return fmt.Errorf("engine: mechanism %q has a variable with an empty name", s.Name)
		}
		if seen[v.Name] {
			return fmt.Errorf("engine: mechanism %q declares variable %q twice", s.Name, v.Name)
		}
		seen[v.Name] = true
	}
	r.byName[s.Name] = len(r.mechs)
	r.mechs = append(r.mechs, m)
	return nil
}

// Replace substitutes the mechanism of the same name, keeping its position,
// or appends it if the name is new.
func (r *Registry) Replace(m Mechanism) error {
	name := m.Spec().Name
	if i, ok := r.byName[name]; ok {
		r.mechs[i] = m
		return nil
	}
	return r.Add(m)
}

// Lookup returns the mechanism with the given name.
func (r *Registry) Lookup(name string) (Mechanism, bool) {
	i, ok := r.byName[name]
	if !ok {
		return nil, false
	}
	return r.mechs[i], true
}

// LookupFold returns the mechanism whose name equals name ignoring case,
// preferring an exact match.
func (r *Registry) LookupFold(name string) (Mechanism, bool) {
	if m, ok := r.Lookup(name); ok {
		return m, true
	}
	for _, m := range r.mechs {
		if strings.EqualFold(m.Spec().Name, name) {
			return m, true
		}
	}
	return nil, false
}

// Names returns the mechanism names in registry order.
func (r *Registry) Names() []string {
	out := make([]string, len(r.mechs))
	for i, m := range r.mechs {
		out[i] = m.Spec().Name
	}
	return out
}

// Clone returns a copy of the registry that can be extended independently.
func (r *Registry) Clone() *Registry {
	c := NewRegistry()
	c.mechs = append(c.mechs, r.mechs...)
	for k, v := range r.byName {
		c.byName[k] = v
	}
	return c
}
