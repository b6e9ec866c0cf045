TITLE shapes of code nmodl.Mechanism.NativeGo writes (TestNativeGoCorpus compiles it)

NEURON {
    SUFFIX nshapes
    USEION na READ ena WRITE ina
    USEION k READ ek WRITE ik
    NONSPECIFIC_CURRENT il
    RANGE gbar, tau, x0, w
    GLOBAL q10, vshift
}

PARAMETER {
    gbar = 0.01 (S/cm2)
    tau = 3 (ms)
    q10 = 3
    vshift = 0 (mV)
    x0 = 1
    el = -60 (mV)
}

ASSIGNED { v (mV) ena (mV) ek (mV) ina (mA/cm2) ik (mA/cm2) il (mA/cm2) minf mtau (ms) w }

STATE { m h c }

INITIAL { rates(v, celsius, 0) m = minf h = 1 c = 0 }

BREAKPOINT {
    LOCAL g, unused, late
    SOLVE states METHOD cnexp
    g = gbar*m*m*m*h
    if (v > -20 && m < 1) { late = 1 } else { late = 2 }
    ina = g*(v - ena)*late
    ik = gbar*exp(-x0/tau)*(v - ek)
    il = 1e-4*(v - el)*area/100 + dt*0
    w = exp(celsius/q10)
}

DERIVATIVE states {
    LOCAL a
    rates(v, celsius, 1)
    a = a + 1
    m' = (minf - m)/mtau
    h' = -h/tau
    c' = a
}

PROCEDURE rates(vm (mV), temp, spare) {
    LOCAL tadj, b
    tadj = q10^((temp - 6.3)/10)
    minf = 1/(1 + exp(-(vm + 40 + vshift)/9))
    mtau = 1/tadj/(exp((vm + 40)/10) + b)
}
