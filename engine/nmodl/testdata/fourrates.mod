: a sodium-like channel whose four rates are one-line FUNCTIONs, used by
: the benchmarks (synaptune test text)
NEURON {
    SUFFIX fourrates
    USEION na READ ena WRITE ina
    RANGE gmax, minf, hinf, mtau, htau
}
PARAMETER {
    gmax = 0.03 (S/cm2)
    ka = 2.0 (/ms)
    kb = 0.05 (/ms)
    va = -20 (mV)
    vb = -30 (mV)
}
STATE { m h }
ASSIGNED { v (mV) ena (mV) ina (mA/cm2) minf hinf mtau (ms) htau (ms) }
INITIAL {
    rate(v)
    m = minf
    h = hinf
}
BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = gmax*m*m*m*h*(v - ena)
}
DERIVATIVE states {
    rate(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
}
FUNCTION am(v (mV)) { am = ka*exp((v - va)/12) }
FUNCTION bm(v (mV)) { bm = ka*exp(-(v - va)/25) }
FUNCTION ah(v (mV)) { ah = kb*exp(-(v - vb)/30) }
FUNCTION bh(v (mV)) { bh = kb*exp((v - vb)/12.5) }
PROCEDURE rate(v (mV)) { LOCAL s, a, b, c, d
    a = am(v) b = bm(v) c = ah(v) d = bh(v)
    s = a + b
    minf = a/s
    mtau = 1/s
    s = c + d
    hinf = c/s
    htau = 1/s
}
