TITLE a passive conductance written for the synaptune tests

NEURON {
    SUFFIX leakish
    NONSPECIFIC_CURRENT i
    RANGE g, e
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g = 0.0002 (S/cm2) <0, 1e9>
    e = -65 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g*(v - e)
}
