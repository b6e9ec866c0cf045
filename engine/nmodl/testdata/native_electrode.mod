TITLE an electrode current for nmodl.Mechanism.NativeGo (TestNativeGoCorpus compiles it)

NEURON { POINT_PROCESS nstim ELECTRODE_CURRENT i RANGE amp, tau }
PARAMETER { amp = 0.1 (nA) tau = 5 (ms) }
ASSIGNED { i (nA) v (mV) }
STATE { a }
INITIAL { a = 1 }
BREAKPOINT { SOLVE s METHOD cnexp  i = amp*a }
DERIVATIVE s { a' = -a/tau }
