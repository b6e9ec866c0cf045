TITLE AMPA_NMDA_STP: AMPA + NMDA synapse with deterministic short-term plasticity

COMMENT
synaptune default model set -- excitatory point process.

Conductances
    Each receptor has a rise state A and a decay state B,
        A_x' = -A_x/tau_r_x        B_x' = -B_x/tau_d_x        (x = AMPA, NMDA)
    giving difference-of-exponentials conductances
        g_AMPA = gmax_AMPA * (B_AMPA - A_AMPA)
        g_NMDA = gmax_NMDA * (B_NMDA - A_NMDA) * mggate
    where the NMDA magnesium block (Jahr & Stevens 1990) is
        mggate = 1/(1 + exp(-0.062 v) * mg/3.57)
    The total current is scaled by initW at every step:
        i = (g_AMPA*(v - e) + g_NMDA*(v - e)) * initW
    factor_AMPA and factor_NMDA normalise an event of size w to a
    conductance peak of w (times gmax_x) before the Mg block.

Short-term plasticity (Fuhrmann et al. 2002, deterministic form)
    Per NetCon: u, R, tsyn and the release probability Pr of the last
    event. At each event, with dt_ev = t - tsyn:
        u <- u*exp(-dt_ev/Fac);  u <- u + Use*(1 - u)     if Fac > 0
        u <- Use                                          otherwise
        R <- 1 - (1 - R)*exp(-dt_ev/Dep);  Pr = u*R;  R <- R - u*R
                                                          if Dep > 0
        Pr = u                                            otherwise
    The AMPA states jump by Pr*weight*factor_AMPA, the NMDA states by
    Pr*(weight*NMDA_ratio)*factor_NMDA. record_use and record_Pr hold
    u and Pr of the latest event. Events at t < 0 are ignored (only the
    NetCon's weight_AMPA and weight_NMDA slots are refreshed).

See README.md in this folder for sources.
ENDCOMMENT

NEURON {
    THREADSAFE
    POINT_PROCESS AMPA_NMDA_STP
    NONSPECIFIC_CURRENT i
    RANGE initW, gmax_AMPA, gmax_NMDA, NMDA_ratio
    RANGE tau_r_AMPA, tau_d_AMPA, tau_r_NMDA, tau_d_NMDA
    RANGE e, mg
    RANGE Use, Dep, Fac, u0
    RANGE i, i_AMPA, i_NMDA, g, g_AMPA, g_NMDA
    RANGE record_use, record_Pr
    RANGE synapseID, verboseLevel, conductance
    GLOBAL nc_type_param
}

UNITS {
    (mV) = (millivolt)
    (nA) = (nanoamp)
    (uS) = (microsiemens)
    (mM) = (milli/liter)
}

PARAMETER {
    initW = 1.0               : scale of the total current (read every step)
    gmax_AMPA = .001 (uS)     : AMPA conductance of one unit of weight
    gmax_NMDA = .001 (uS)     : NMDA conductance of one unit of weight
    NMDA_ratio = 0.71 (1)     : NMDA weight relative to AMPA weight
    tau_r_AMPA = 0.2 (ms)     : AMPA rise time constant
    tau_d_AMPA = 1.7 (ms)     : AMPA decay time constant
    tau_r_NMDA = 0.29 (ms)    : NMDA rise time constant
    tau_d_NMDA = 43 (ms)      : NMDA decay time constant
    e = 0 (mV)                : reversal potential of both receptors
    mg = 1 (mM)               : extracellular magnesium
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
    i_AMPA (nA)
    i_NMDA (nA)
    g (uS)
    g_AMPA (uS)
    g_NMDA (uS)
    mggate
    factor_AMPA
    factor_NMDA
    record_use
    record_Pr
}

STATE {
    A_AMPA
    B_AMPA
    A_NMDA
    B_NMDA
}

INITIAL {
    LOCAL tpeak_AMPA, tpeak_NMDA

    A_AMPA = 0
    B_AMPA = 0
    A_NMDA = 0
    B_NMDA = 0

    : peak times of the two conductance profiles
    tpeak_AMPA = (tau_r_AMPA*tau_d_AMPA)/(tau_d_AMPA - tau_r_AMPA)*log(tau_d_AMPA/tau_r_AMPA)
    tpeak_NMDA = (tau_r_NMDA*tau_d_NMDA)/(tau_d_NMDA - tau_r_NMDA)*log(tau_d_NMDA/tau_r_NMDA)

    : factors that bring each profile's peak to one
    factor_AMPA = -exp(-tpeak_AMPA/tau_r_AMPA) + exp(-tpeak_AMPA/tau_d_AMPA)
    factor_AMPA = 1/factor_AMPA
    factor_NMDA = -exp(-tpeak_NMDA/tau_r_NMDA) + exp(-tpeak_NMDA/tau_d_NMDA)
    factor_NMDA = 1/factor_NMDA

    record_use = u0
    record_Pr = u0
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    mggate = 1/(1 + exp(0.062 (/mV) * -(v))*(mg/3.57 (mM)))
    g_AMPA = gmax_AMPA*(B_AMPA - A_AMPA)
    g_NMDA = gmax_NMDA*(B_NMDA - A_NMDA)*mggate
    g = g_AMPA + g_NMDA
    i_AMPA = g_AMPA*(v - e)
    i_NMDA = g_NMDA*(v - e)
    i = (i_AMPA + i_NMDA)*initW
}

DERIVATIVE state {
    A_AMPA' = -A_AMPA/tau_r_AMPA
    B_AMPA' = -B_AMPA/tau_d_AMPA
    A_NMDA' = -A_NMDA/tau_r_NMDA
    B_NMDA' = -B_NMDA/tau_d_NMDA
}

NET_RECEIVE (weight, weight_AMPA, weight_NMDA, R, Pr, u, tsyn (ms), nc_type) {
    : the per-receptor weights are refreshed on every event, before anything else
    weight_AMPA = weight
    weight_NMDA = weight*NMDA_ratio

    INITIAL {
        R = 1
        u = u0
        tsyn = t
    }

    if (t >= 0) {
        if (flag == 1) {
            weight = conductance
        }

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

        A_AMPA = A_AMPA + Pr*weight_AMPA*factor_AMPA
        B_AMPA = B_AMPA + Pr*weight_AMPA*factor_AMPA
        A_NMDA = A_NMDA + Pr*weight_NMDA*factor_NMDA
        B_NMDA = B_NMDA + Pr*weight_NMDA*factor_NMDA

        if (verboseLevel > 0) {
            printf(" vals %g %g %g %g\n", A_AMPA, weight_AMPA, factor_AMPA, weight)
        }
    }
}

: Switch verboseLevel between 0 and 1; returns the new level.
FUNCTION toggleVerbose() {
    verboseLevel = 1 - verboseLevel
    toggleVerbose = verboseLevel
}
