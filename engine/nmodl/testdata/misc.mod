TITLE assorted syntax: loops, recursion, kinetic scheme, unit factors
INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }
DEFINE NSHELL 4

NEURON {
    SUFFIX misc
    USEION ca READ cao, cai WRITE ica VALENCE 2
    RANGE total, depth
    POINTER pp
}

UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
    R = 8.314 (joule/degC)
}

CONSTANT { two = 2 (1) }

PARAMETER {
    depth = 0.1 (um)
    kf = 1 (/ms)
    kb = 0.5 (/ms)
}

ASSIGNED {
    ica (mA/cm2)
    cao (mM)
    total
    pp
}

STATE {
    cai (mM)
    shell[NSHELL] (mM) <1e-6>
    C O
}

INITIAL {
    FROM i = 0 TO NSHELL - 1 {
        shell[i] = cai
    }
    total = fact(5) + fib(6)
}

BREAKPOINT {
    SOLVE scheme METHOD sparse
    ica = 0
}

KINETIC scheme {
    COMPARTMENT depth {cai}
    COMPARTMENT i, depth*two {shell}
    ~ C <-> O (kf, kb)
    ~ cai << (-ica*(1e4)/(two*FARADAY))
    FROM i = 0 TO NSHELL - 2 {
        ~ shell[i] <-> shell[i+1] (kf, kf)
    }
    CONSERVE C + O = 1
}

FUNCTION fact(n) {
    if (n <= 1) {
        fact = 1
    } else {
        fact = n*fact(n - 1)
    }
}

FUNCTION fib(n) {
    LOCAL a, b, k, tmp
    a = 0
    b = 1
    k = 0
    while (k < n) {
        tmp = a + b
        a = b
        b = tmp
        k = k + 1
    }
    fib = a
}

FUNCTION ghkish(v (mV), ci (mM), co (mM)) (mV) {
    LOCAL z
    z = (1e-3)*two*FARADAY*v/(R*(celsius + 273.15))
    ghkish = -(1 (mV))*z^2^0.5 + !(ci > co) - -z
}
