package nmodl

import (
	"math"

	"github.com/synaptune/synaptune/internal/libm"
)

// Builtin describes a function that nocmodl resolves without a definition
// in the .mod file (src/nmodl/extdef.h plus NEURON's event calls).
type Builtin struct {
	Name string
	// NArgs is the number of arguments, or -1 for a variable count.
	NArgs int
	// Fn evaluates a pure numeric builtin; nil for the event calls and for
	// builtins that are recognised but not supported. F1 and F2 are the
	// same function for one and two arguments, called without a slice.
	Fn func(args []float64) float64
	F1 func(float64) float64
	F2 func(float64, float64) float64
	// Event marks net_send, net_event and net_move, which the engine
	// implements.
	Event bool
	// Unsupported gives the reason a recognised builtin cannot be run (for
	// example the random number generators, whose streams cannot match
	// NEURON's).
	Unsupported string
}

func one(name string, f func(float64) float64) *Builtin {
	return &Builtin{Name: name, NArgs: 1, F1: f, Fn: func(a []float64) float64 { return f(a[0]) }}
}

func two(name string, f func(float64, float64) float64) *Builtin {
	return &Builtin{Name: name, NArgs: 2, F2: f, Fn: func(a []float64) float64 { return f(a[0], a[1]) }}
}

// Exprelr is x/(exp(x)-1), returning 1 where 1+x rounds to 1, as defined
// by the NMODL compiler family. NEURON 8.2.2's nocmodl does not provide it;
// it is accepted here for files written for newer NEURON versions.
func Exprelr(x float64) float64 {
	if 1.0+x == 1.0 {
		return 1.0
	}
	return x / (libm.Exp(x) - 1.0)
}

func factorial(x float64) float64 {
	r := 1.0
	for i := 2.0; i <= x; i++ {
		r *= i
	}
	return r
}

// builtinTable lists the builtins by name. It is built by a function so
// that the package holds no mutable state.
func builtinTable() map[string]*Builtin {
	random := "random number generators cannot reproduce NEURON's streams"
	scop := "this SCoP library function is not implemented"
	list := []*Builtin{
		one("exp", libm.Exp),
		one("log", math.Log),
		one("log10", math.Log10),
		one("fabs", math.Abs),
		one("sqrt", math.Sqrt),
		two("pow", math.Pow),
		one("sin", math.Sin),
		one("cos", math.Cos),
		one("tan", math.Tan),
		one("asin", math.Asin),
		one("acos", math.Acos),
		one("atan", math.Atan),
		two("atan2", math.Atan2),
		one("sinh", math.Sinh),
		one("cosh", math.Cosh),
		one("tanh", math.Tanh),
		one("floor", math.Floor),
		one("ceil", math.Ceil),
		two("fmod", math.Mod),
		one("erf", math.Erf),
		one("factorial", factorial),
		one("exprelr", Exprelr),
		// at_time only matters to the variable step method; with the
		// fixed step it returns 0.
		{Name: "at_time", NArgs: 1, Fn: func([]float64) float64 { return 0 }},
		{Name: "printf", NArgs: -1},
		{Name: "net_send", NArgs: 2, Event: true},
		{Name: "net_event", NArgs: 1, Event: true},
		{Name: "net_move", NArgs: 1, Event: true},
		{Name: "state_discontinuity", NArgs: 2, Unsupported: "state_discontinuity is not supported"},
		{Name: "nrn_pointing", NArgs: 1, Unsupported: "POINTER variables are not supported"},
		{Name: "nrn_ghk", NArgs: 4, Unsupported: scop},
		{Name: "nrn_random_play", NArgs: -1, Unsupported: random},
		{Name: "exprand", NArgs: 1, Unsupported: random},
		{Name: "normrand", NArgs: 2, Unsupported: random},
		{Name: "poisrand", NArgs: 1, Unsupported: random},
		{Name: "scop_random", NArgs: 0, Unsupported: random},
		{Name: "set_seed", NArgs: 1, Unsupported: random},
		{Name: "setseed", NArgs: 1, Unsupported: random},
		{Name: "gauss", NArgs: -1, Unsupported: random},
		{Name: "poisson", NArgs: -1, Unsupported: random},
	}
	for _, n := range []string{"first_time", "error", "f_flux", "b_flux", "prterr", "threshold",
		"force", "deflate", "expfit", "derivs", "spline", "hyperbol", "revhyperbol", "sigmoid",
		"revsigmoid", "harmonic", "squarewave", "sawtooth", "revsawtooth", "ramp", "pulse",
		"perpulse", "step", "perstep", "boundary", "romberg", "legendre", "invert",
		"stepforce", "schedule"} {
		list = append(list, &Builtin{Name: n, NArgs: -1, Unsupported: scop})
	}
	m := make(map[string]*Builtin, len(list))
	for _, b := range list {
		m[b.Name] = b
	}
	return m
}

// LookupBuiltin returns the builtin function called name, or nil.
func LookupBuiltin(name string) *Builtin {
	return builtinTable()[name]
}

// specialNames lists NEURON's variables that a mechanism may read without
// declaring them (nocpout.cpp nrndeclare). PI is provided by NEURON's
// headers for the generated C code.
func specialNames() []string {
	return []string{"v", "t", "dt", "celsius", "diam", "area", "PI"}
}

// isReadOnlySpecial reports the names nocmodl refuses as assignment
// targets (nocpout.cpp nrn_var_assigned).
func isReadOnlySpecial(name string) bool {
	switch name {
	case "t", "dt", "celsius", "diam", "area":
		return true
	}
	return false
}
