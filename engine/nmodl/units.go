package nmodl

import (
	"strconv"
	"strings"
)

// unitMag gives the magnitude of a few named units in SI base units, as
// NEURON's nrnunits.lib defines them with its modern (CODATA 2018)
// constants. Only the units that unit factors in common .mod files use are
// listed; others make UnitFactor report false.
func unitMag(name string) (float64, bool) {
	const (
		e    = 1.602176634e-19
		na   = 6.02214076e+23
		kB   = 1.380649e-23
		molr = 1.0
	)
	switch name {
	case "1", "":
		return 1, true
	case "coulomb", "coul", "C":
		return 1, true
	case "faraday":
		return e * na, true
	case "e":
		return e, true
	case "mole", "mol":
		return na, true
	case "k":
		return kB, true
	case "joule", "J":
		return 1, true
	case "degC", "K", "kelvin":
		return 1, true
	case "volt", "V":
		return 1, true
	case "amp", "ampere", "A":
		return 1, true
	case "m", "meter":
		return 1, true
	case "cm":
		return 1e-2, true
	case "um", "micron":
		return 1e-6, true
	case "mm":
		return 1e-3, true
	case "liter", "l", "L":
		return 1e-3, true
	case "molar", "M":
		return na / 1e-3 * molr, true
	case "mM":
		return na / 1e-3 * 1e-3, true
	case "uM":
		return na / 1e-3 * 1e-6, true
	case "s", "sec", "second":
		return 1, true
	case "ms":
		return 1e-3, true
	case "ohm":
		return 1, true
	case "mho", "S", "siemens":
		return 1, true
	case "pi":
		return 3.14159265358979323846, true
	}
	if n := len(name); n > 2 && name[n-1] == 's' {
		// the units database accepts plurals: coulombs, volts
		if v, ok := unitMag(name[:n-1]); ok {
			return v, true
		}
	}
	prefixes := []struct {
		p string
		f float64
	}{{"milli", 1e-3}, {"micro", 1e-6}, {"nano", 1e-9}, {"pico", 1e-12}, {"kilo", 1e3},
		{"mega", 1e6}, {"centi", 1e-2}, {"deci", 1e-1}}
	for _, pf := range prefixes {
		if strings.HasPrefix(name, pf.p) && len(name) > len(pf.p) {
			if v, ok := unitMag(name[len(pf.p):]); ok {
				return pf.f * v, true
			}
		}
	}
	return 0, false
}

// unitExprMag evaluates a unit string such as "joule/degC", "k-mole" or
// "1/ms": factors separated by blanks or '-' multiply, '/' divides the
// rest, a trailing digit is a power ("cm2").
func unitExprMag(s string) (float64, bool) {
	num, den, _ := strings.Cut(s, "/")
	a, ok := unitProduct(num)
	if !ok {
		return 0, false
	}
	if den == "" && !strings.Contains(s, "/") {
		return a, true
	}
	b, ok := unitProduct(den)
	if !ok {
		return 0, false
	}
	return a / b, true
}

func unitProduct(s string) (float64, bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '\t' })
	r := 1.0
	for _, f := range fields {
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			r *= v
			continue
		}
		pow := 1
		if n := len(f); n > 1 && f[n-1] >= '2' && f[n-1] <= '9' {
			pow = int(f[n-1] - '0')
			f = f[:n-1]
		}
		v, ok := unitMag(f)
		if !ok {
			return 0, false
		}
		for i := 0; i < pow; i++ {
			r *= v
		}
	}
	return r, true
}

// UnitFactorValue returns the value of a UNITS block factor "(from) (to)": the
// magnitude of from expressed in to. It knows only a small table of units
// and reports false for anything else.
func UnitFactorValue(from, to string) (float64, bool) {
	a, ok := unitExprMag(from)
	if !ok {
		return 0, false
	}
	b, ok := unitExprMag(to)
	if !ok {
		return 0, false
	}
	return a / b, true
}
