: a two-gate sodium-like channel with a rate table (synaptune test text)
NEURON {
    SUFFIX gates
    USEION na READ ena WRITE ina
    RANGE gbar, minf, hinf, mtau, htau
    GLOBAL q10
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
}

PARAMETER {
    gbar = 0.12 (mho/cm2) <0,1e9>
    q10 = 3
    vhalf[2] (mV)
}

STATE { m h }

ASSIGNED {
    v (mV)
    celsius (degC)
    ena (mV)
    ina (mA/cm2)
    minf hinf
    mtau (ms) htau (ms)
}

INITIAL {
    rates(v)
    m = minf
    h = hinf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = gbar*m*m*m*h*(v - ena)
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b, qt
    TABLE minf, hinf, mtau, htau DEPEND celsius FROM -100 TO 100 WITH 200
    qt = q10^((celsius - 6.3)/10)
    a = 0.1 * trap(-(v + 40), 10)
    b = 4 * exp(-(v + 65)/18)
    mtau = 1/(qt*(a + b))
    minf = a*mtau*qt
    a = 0.07 * exp(-(v + 65)/20)
    b = 1 / (exp(-(v + 35)/10) + 1)
    htau = 1/(qt*(a + b))
    hinf = a*htau*qt
}

FUNCTION trap(x, y) {
    if (fabs(x/y) < 1e-6) {
        trap = y*(1 - x/y/2)
    } else {
        trap = x/(exp(x/y) - 1)
    }
}
