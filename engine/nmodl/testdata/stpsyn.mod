COMMENT
A double-exponential synapse with a depression variable, written for the
synaptune parser tests. VERBATIM inside a comment is just text.
ENDCOMMENT

NEURON {
    POINT_PROCESS StpSyn
    RANGE tau1, tau2, e, i, g, U, taurec
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 0.5 (ms) <1e-9,1e9>
    tau2 = 5.0 (ms) <1e-9,1e9>
    e = 0 (mV)
    U = 0.5 (1)
    taurec = 200 (ms)
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    factor
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tp
    if (tau1/tau2 > 0.9999) {
        tau1 = 0.9999*tau2
    }
    A = 0
    B = 0
    tp = (tau1*tau2)/(tau2 - tau1) * log(tau2/tau1)
    factor = -exp(-tp/tau1) + exp(-tp/tau2)
    factor = 1/factor
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    g = B - A
    i = g*(v - e)
}

DERIVATIVE state {
    A' = -A/tau1
    B' = -B/tau2
}

NET_RECEIVE (weight (uS), R, tlast (ms)) {
    LOCAL w
    INITIAL {
        R = 1
        tlast = t
    }
    if (t < 0) {
    VERBATIM
        return;
    ENDVERBATIM
    }
    R = 1 - (1 - R)*exp(-(t - tlast)/taurec)
    w = weight*U*R*factor
    R = R - U*R
    tlast = t
    A = A + w
    B = B + w
    if (flag == 1) {
        net_send(0.5, 2)
    } else if (flag == 0) {
        net_event(t)
    }
}
