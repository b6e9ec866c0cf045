TITLE Exp2Syn_STP: two-exponential synapse with deterministic short-term plasticity

COMMENT
synaptune default model set -- generic point process.

Conductance
    A rise state A and a decay state B, both in uS,
        A' = -A/tau1        B' = -B/tau2        g = B - A
        i  = g * (v - e)
    For a single event the conductance is a difference of exponentials.
    At initialisation tau1 is clamped to [1e-9, 0.9999] * tau2 (so the
    two time constants never coincide) and the event factor is
        factor = initW * gmax / (exp(-tp/tau2) - exp(-tp/tau1))
    with tp the peak time, so an event of weight w (and Pr = 1) peaks at
    w * initW * gmax.  gmax is a GLOBAL (shared by all instances).

Short-term plasticity (Fuhrmann et al. 2002, deterministic form)
    Unlike GABA_A_STP and AMPA_NMDA_STP, u, R, Pr and tsyn belong to the
    synapse, not to the NetCon: every source driving this synapse shares
    them. At each event, with dt_ev = t - tsyn:
        u <- u*exp(-dt_ev/Fac);  u <- u + Use*(1 - u)     if Fac > 0
        u <- Use                                          otherwise
        R <- 1 - (1 - R)*exp(-dt_ev/Dep);  Pr = u*R;  R <- R - u*R
                                                          if Dep > 0
        Pr = u                                            otherwise
    and both states jump by Pr * weight * factor.
    Events arriving at t < 0 are ignored.

See README.md in this folder for sources.
ENDCOMMENT

NEURON {
    THREADSAFE
    POINT_PROCESS Exp2Syn_STP
    NONSPECIFIC_CURRENT i
    RANGE initW, tau1, tau2, e
    RANGE i, g
    RANGE Use, Dep, Fac, u0
    RANGE tsyn, R, u, Pr
}

UNITS {
    (mV) = (millivolt)
    (nA) = (nanoamp)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 0.1 (ms) <1e-9, 1e9>   : rise time constant
    tau2 = 10 (ms) <1e-9, 1e9>    : decay time constant
    e = 0 (mV)                    : reversal potential
    initW = 1.0                   : scale of the event size (applied at INITIAL)
    gmax = 0.001 (uS)             : conductance of one unit of weight (nS -> uS)
    Use = 1.0 (1)                 : utilisation increment per event
    Dep = 0 (ms)                  : recovery time constant of R (0: no depression)
    Fac = 0 (ms)                  : decay time constant of u (0: no facilitation)
    u0 = 0                        : u at initialisation
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    factor
    tsyn (ms)
    R
    u
    Pr
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tpeak

    : keep the two time constants apart
    if (tau1/tau2 > 0.9999) {
        tau1 = 0.9999*tau2
    }
    if (tau1/tau2 < 1e-9) {
        tau1 = tau2*1e-9
    }

    A = 0
    B = 0

    tpeak = (tau1*tau2)/(tau2 - tau1)*log(tau2/tau1)
    factor = -exp(-tpeak/tau1) + exp(-tpeak/tau2)
    factor = initW*gmax/factor

    tsyn = 0
    R = 1
    u = u0
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

NET_RECEIVE (weight (uS)) {
    INITIAL {
        tsyn = t
    }

    if (t >= 0) {
        if (Fac > 0) {
            u = u*exp(-(t - tsyn)/Fac)
            u = u + Use*(1 - u)
        } else {
            u = Use
        }

        if (Dep > 0) {
            R = 1 - (1 - R)*exp(-(t - tsyn)/Dep)
            Pr = u*R
            R = R - u*R
        } else {
            Pr = u
        }

        tsyn = t

        A = A + Pr*weight*factor
        B = B + Pr*weight*factor
    }
}
