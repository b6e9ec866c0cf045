TITLE kdrinter: delayed-rectifier potassium current of a fast-spiking interneuron

COMMENT
synaptune default model set -- repolarising K+ current.

Four identical activation gates n:

    ik = gkdrbar * n^4 * (v - ek)

with exponential opening and closing rates around the half-point v_05:

    alpha = tau_inv * exp( (v - v_05)/10.67)
    beta  = tau_inv * exp(-(v - v_05)/42.68)

    inf = alpha/(alpha + beta),   tau = 1/(alpha + beta)

Integration is NEURON's cnexp. The PARAMETER defaults are the
mechanism's own; FSI_Cell sets v_05 = -36, tau_inv = 0.45 and
gkdrbar per section.  See README.md in this folder for sources.
ENDCOMMENT

NEURON {
    SUFFIX kdrinter
    USEION k READ ek WRITE ik
    RANGE gkdrbar, ik, gkdr, inf, tau
    RANGE v_05, tau_inv
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
}

PARAMETER {
    gkdrbar = 0.008 (mho/cm2) <0, 1e9> : peak potassium conductance density
    v_05 = -19 (mV)                    : voltage offset of the n rates
    tau_inv = 0.15 (/ms)               : scale of the n rates
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    gkdr (mho/cm2)
    inf
    tau (ms)
}

STATE {
    n
}

INITIAL {
    rate(v)
    n = inf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gkdr = gkdrbar*n*n*n*n
    ik = gkdr*(v - ek)
}

DERIVATIVE states {
    rate(v)
    n' = (inf - n)/tau
}

UNITSOFF

: Steady state and time constant of the n gate at membrane potential vm.
PROCEDURE rate(vm (mV)) {
    LOCAL opening, closing, total

    opening = tau_inv*exp((vm - v_05)/10.67)
    closing = tau_inv*exp(-(vm - v_05)/42.68)
    total = opening + closing
    inf = opening/total
    tau = 1/(total)
}

UNITSON
