TITLE nainter: transient sodium current of a fast-spiking interneuron

COMMENT
synaptune default model set -- spike-generating Na+ current.

Hodgkin-Huxley style current with three activation gates m and one
inactivation gate h:

    ina = gnabar * m^3 * h * (v - ena)

Each gate relaxes towards its steady state with voltage-dependent rates
that are pure exponentials of the distance from a half-point:

    m opening  ma = mtau_inv * exp( (v - mv_05)/11.75)
    m closing  mb = mtau_inv * exp(-(v - mv_05)/27)
    h opening  ha = htau_inv * exp(-(v - hv_05)/33)
    h closing  hb = htau_inv * exp( (v - hv_05)/12.2)

    xinf = xa/(xa + xb),   xtau = 1/(xa + xb)      for x = m, h

Integration is NEURON's cnexp. The PARAMETER defaults are the
mechanism's own; FSI_Cell sets mv_05 = -35.5, hv_05 = -39,
mtau_inv = 8.4, htau_inv = 0.135 and gnabar per section.
See README.md in this folder for sources.
ENDCOMMENT

NEURON {
    SUFFIX nainter
    USEION na READ ena WRITE ina
    RANGE gnabar, ina
    RANGE minf, hinf, mtau, htau
    RANGE mv_05, hv_05, mtau_inv, htau_inv
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
}

PARAMETER {
    gnabar = 0.035 (mho/cm2) <0, 1e9> : peak sodium conductance density
    mv_05 = -18.5 (mV)                : voltage offset of the m rates
    hv_05 = -29 (mV)                  : voltage offset of the h rates
    mtau_inv = 2.1 (/ms)              : scale of the m rates
    htau_inv = 0.045 (/ms)            : scale of the h rates
}

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    gna (mho/cm2)
    minf
    hinf
    mtau (ms)
    htau (ms)
}

STATE {
    m
    h
}

INITIAL {
    rate(v)
    m = minf
    h = hinf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gna = gnabar*m*m*m*h
    ina = gna*(v - ena)
}

DERIVATIVE states {
    rate(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
}

UNITSOFF

: Steady states and time constants of both gates at membrane potential vm.
PROCEDURE rate(vm (mV)) {
    LOCAL ma, mb, ha, hb, mrate, hrate

    ma = mtau_inv*exp((vm - mv_05)/11.75)
    mb = mtau_inv*exp(-(vm - mv_05)/27)
    mrate = ma + mb
    minf = ma/mrate
    mtau = 1/(mrate)

    ha = htau_inv*exp(-(vm - hv_05)/33)
    hb = htau_inv*exp((vm - hv_05)/12.2)
    hrate = ha + hb
    hinf = ha/hrate
    htau = 1/(hrate)
}

UNITSON
