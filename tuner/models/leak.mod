TITLE leak: ohmic leak conductance

COMMENT
synaptune default model set -- passive membrane leak.

One voltage-independent conductance density with a fixed reversal
potential:

    il = glbar * (v - el)

The defaults below are the mechanism's own; cell templates normally
override both (FSI_Cell uses glbar = 1/12000 S/cm2, el = -70 mV).
See README.md in this folder for sources.
ENDCOMMENT

NEURON {
    SUFFIX leak
    NONSPECIFIC_CURRENT il
    RANGE glbar, el, il
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    glbar = 2.857142857142857e-05 (S/cm2) <0, 1e9> : leak conductance density (= 1/35000)
    el = -75 (mV)                                  : leak reversal potential
}

ASSIGNED {
    v (mV)
    il (mA/cm2)
}

BREAKPOINT {
    il = glbar*(v - el)
}
