: derivative equation shapes for comparing the cnexp translation with
: nocmodl's (synaptune test text)
NEURON { SUFFIX shapes RANGE k }
PARAMETER { k = 2 tau = 3 alpha = 0.5 beta = 0.25 ainf = 0.7 atau = 4 }
ASSIGNED { v }
STATE { xa xb xc xd xe xf xg xh xi xj xk xl xm xn }
BREAKPOINT { SOLVE s METHOD cnexp }
FUNCTION f(x) { f = x/10 }
DERIVATIVE s {
    xa' = (ainf - xa)/atau
    xb' = -xb/tau
    xc' = k*2
    xd' = alpha*(1 - xd) - beta*xd
    xe' = f(v) - xe/exp(v/100)
    xf' = -(xf - 3)/tau + 1e-3*k
    xg' = k - xg*k*2
    xh' = (1-xh)*alpha - xh*beta
    xi' = -xi*(1/tau + k)
    xj' = k/(tau*2) - xj/tau - xa*xj
    xk' = - - xk
    xl' = 0
    xm' = (xm + 1.5)*(-alpha) + 2.*beta/3
    xn' = -xn*xn*alpha + beta
}
