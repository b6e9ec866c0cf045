: The reference VecStim for the engine's golden tests: an artificial cell
: that fires at the times held in a Vector given with play(). Written for
: synaptune; it follows the behaviour of the VecStim NEURON users know
: (next event scheduled at etime - t after each delivery).

NEURON {
    ARTIFICIAL_CELL VecStim
    POINTER ptr
}

ASSIGNED {
    index
    etime (ms)
    ptr
}

INITIAL {
    index = 0
    next_time()
    if (index > 0) {
        net_send(etime - t, 1)
    }
}

NET_RECEIVE (w) {
    if (flag == 1) {
        net_event(t)
        next_time()
        if (index > 0) {
            net_send(etime - t, 1)
        }
    }
}

VERBATIM
extern double* vector_vec(void*);
extern int vector_capacity(void*);
extern void* vector_arg(int);
ENDVERBATIM

PROCEDURE next_time() {
VERBATIM
    {
        int k = (int) index;
        void* times = (void*) _p_ptr;
        if (k >= 0) {
            if (times && k < vector_capacity(times)) {
                etime = vector_vec(times)[k];
                index = index + 1.;
            } else {
                index = -1.;
            }
        }
    }
ENDVERBATIM
}

PROCEDURE play() {
VERBATIM
    _p_ptr = (double*) vector_arg(1);
ENDVERBATIM
}
