package engine

import "math"

// ionSpecies holds NEURON's default values of an ion species.
type ionSpecies struct {
	valence        float64
	ci0, co0, erev float64
}

// NEURON's defaults (membdef.h): DEF_nai 10, DEF_nao 140, DEF_ena 50,
// DEF_ki 54.4, DEF_ko 2.5, DEF_ek -77, DEF_cai 5e-5, DEF_cao 2,
// DEF_eca = 12.5*log(2/5e-5). Other species start at 1 mM, 1 mM, 0 mV.
func speciesDefaults(name string) ionSpecies {
	switch name {
	case "na":
		return ionSpecies{1, 10, 140, 50}
	case "k":
		return ionSpecies{1, 54.4, 2.5, -77}
	case "ca":
		return ionSpecies{2, 5e-5, 2, 12.5 * math.Log(2./5e-5)}
	}
	return ionSpecies{1, 1, 1, 0}
}

// ionDefault returns the default of an ion variable such as "ena" or "nai".
func ionDefault(ion, name string) float64 {
	d := speciesDefaults(ion)
	switch name {
	case "e" + ion:
		return d.erev
	case ion + "i":
		return d.ci0
	case ion + "o":
		return d.co0
	}
	return 0
}

// faradayAndR returns Faraday's constant and the gas constant as NEURON
// 8.2.2 computes them: double products of the CODATA 2018 values.
func faradayAndR() (f, r float64) {
	e, na, k := 1.602176634e-19, 6.02214076e23, 1.380649e-23
	return e * na, k * na
}

// Nernst returns the reversal potential (mV) of an ion with valence z at
// the given temperature (°C) and concentrations, as NEURON's nernst().
func Nernst(ci, co, z, celsius float64) float64 {
	if z == 0 {
		return 0
	}
	if ci <= 0 {
		return 1e6
	}
	if co <= 0 {
		return -1e6
	}
	f, r := faradayAndR()
	return (1000. * r * (celsius + 273.15) / f) / z * math.Log(co/ci)
}
