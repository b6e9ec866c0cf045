TITLE GABA_A_STP: GABA-A synapse with deterministic short-term plasticity

COMMENT
synaptune default model set -- inhibitory point process.

Conductance
    Two decaying states give a difference-of-exponentials conductance,
        A' = -A/tau_r_GABAA        B' = -B/tau_d_GABAA
        g  = gmax_GABAA * (B - A),   i = g * (v - e_GABAA)
    factor_GABAA rescales each event so that a release of size w gives
    a conductance peak of w * gmax_GABAA (peak time tp from the two
    time constants, tau_r_GABAA < tau_d_GABAA required).
    gmax_GABAA = initW * gmax is fixed at initialisation, so a change of
    initW takes effect at the next finitialize.

Short-term plasticity (Fuhrmann et al. 2002, deterministic form)
    Per NetCon: u (utilisation), R (available resources), tsyn (time of
    the previous event). At each event, with dt_ev = t - tsyn:
        u <- u*exp(-dt_ev/Fac);  u <- u + Use*(1 - u)     if Fac > 0
        u <- Use                                          otherwise
        R <- 1 - (1 - R)*exp(-dt_ev/Dep);  Pr = u*R;  R <- R - u*R
                                                          if Dep > 0
        Pr = u                                            otherwise
    and both states jump by Pr * weight * factor_GABAA.
    record_use and record_Pr hold u and Pr of the latest event.
    Events arriving at t < 0 are ignored.

See README.md in this folder for sources.
ENDCOMMENT

NEURON {
    THREADSAFE
    POINT_PROCESS GABA_A_STP
    NONSPECIFIC_CURRENT i
    RANGE initW, gmax, gmax_GABAA
    RANGE tau_r_GABAA, tau_d_GABAA, e_GABAA
    RANGE Use, Dep, Fac, u0
    RANGE i, g
    RANGE record_use, record_Pr
    RANGE synapseID, verboseLevel, conductance
    GLOBAL nc_type_param
}

UNITS {
    (mV) = (millivolt)
    (nA) = (nanoamp)
    (uS) = (microsiemens)
}

PARAMETER {
    initW = 1.0               : scale of the peak conductance (applied at INITIAL)
    gmax = .001 (uS)          : conductance of one unit of weight (nS -> uS)
    tau_r_GABAA = 0.2 (ms)    : rise time constant
    tau_d_GABAA = 8 (ms)      : decay time constant
    e_GABAA = -75 (mV)        : reversal potential
    Use = 1.0 (1)             : utilisation increment per event
    Dep = 100 (ms)            : recovery time constant of R (depression)
    Fac = 10 (ms)             : decay time constant of u (facilitation)
    u0 = 0                    : u of every NetCon at initialisation
    synapseID = 0             : label printed when verboseLevel > 0
    verboseLevel = 0          : > 0 prints each event
    conductance = 0.0         : weight given to a NetCon by a flag-1 event
    nc_type_param = 7         : unused tag, kept for settings compatibility
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    gmax_GABAA (uS)
    factor_GABAA
    record_use
    record_Pr
}

STATE {
    A_GABAA
    B_GABAA
}

INITIAL {
    LOCAL tpeak

    A_GABAA = 0
    B_GABAA = 0

    : time of the conductance peak, then the peak-normalising factor
    tpeak = (tau_r_GABAA*tau_d_GABAA)/(tau_d_GABAA - tau_r_GABAA)*log(tau_d_GABAA/tau_r_GABAA)
    factor_GABAA = -exp(-tpeak/tau_r_GABAA) + exp(-tpeak/tau_d_GABAA)
    factor_GABAA = 1/factor_GABAA

    gmax_GABAA = initW*gmax

    record_use = u0
    record_Pr = u0
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    g = gmax_GABAA*(B_GABAA - A_GABAA)
    i = g*(v - e_GABAA)
}

DERIVATIVE state {
    A_GABAA' = -A_GABAA/tau_r_GABAA
    B_GABAA' = -B_GABAA/tau_d_GABAA
}

NET_RECEIVE (weight, R, u, tsyn (ms)) {
    LOCAL Pr, jump

    INITIAL {
        R = 1
        u = u0
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

        record_use = u
        record_Pr = Pr

        if (verboseLevel > 0) {
            printf("Synapse %f at time %g: R = %g Pr = %g\n", synapseID, t, R, Pr)
        }

        tsyn = t

        jump = Pr*weight*factor_GABAA
        A_GABAA = A_GABAA + jump
        B_GABAA = B_GABAA + jump

        if (verboseLevel > 0) {
            printf(" vals %g %g %g %g\n", A_GABAA, jump, factor_GABAA, weight)
        }

        if (flag == 1) {
            weight = conductance
        }
    }
}

: Switch verboseLevel between 0 and 1; returns the new level.
FUNCTION toggleVerbose() {
    verboseLevel = 1 - verboseLevel
    toggleVerbose = verboseLevel
}
