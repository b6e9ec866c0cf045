#!/usr/bin/python3
"""Write goldens.json: bmtool's own metric code run on synthetic traces.

Regenerate (from the repository root) with Debian's Python, numpy and scipy
(NEURON's Python module is used when installed; bmtool only takes h.dt, 0.025
ms, from it here, so a stand-in replaces it otherwise):

    /usr/bin/python3 tuner/metrics/testdata/make_goldens.py \
        --bmtool /path/to/folder/that/contains/the/bmtool/package \
        --rev "<bmtool commit>" > tuner/metrics/testdata/goldens.json

bmtool is never committed: fetch github.com/cyneuro/bmtool and point --bmtool
at the folder holding its `bmtool` package.  Its plotting and notebook
imports (matplotlib, pandas, ipywidgets, IPython, tqdm, h5py) are replaced by
stubs, and NEURON's `h` inside bmtool.synapses is replaced by a small stand-in
whose run()/continuerun() load the synthetic traces into the tuner's recording
vectors, so that bmtool's unmodified SingleEvent, _get_syn_prop,
_simulate_model, _response_amplitude, _calc_ppr_induction_recovery,
_find_max_amp and SynapseOptimizer._calculate_metrics compute the figures.

The traces are defined by small recipes (recurrences of IEEE products and
sums) that the Go tests rebuild bit for bit; each trace's SHA-256 proves it.
The "corrected" figures have no bmtool counterpart and come from this
script's own numpy code (see corrected_*).
"""

import argparse
import contextlib
import copy
import hashlib
import io
import json
import math
import struct
import sys
import types
from unittest import mock


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bmtool", required=True,
                   help="folder that contains the bmtool package")
    p.add_argument("--rev", default="unknown", help="bmtool revision, recorded in the output")
    return p.parse_args()


ARGS = parse_args()
for _name in ["h5py", "pandas", "matplotlib", "matplotlib.pyplot", "ipywidgets",
              "IPython", "IPython.display", "tqdm", "tqdm.notebook"]:
    sys.modules[_name] = mock.MagicMock(name=_name)
try:
    with contextlib.redirect_stderr(io.StringIO()):
        import neuron  # noqa: F401  (bmtool binds h.dt, 0.025 ms, as a default argument)
    NEURON = "neuron " + neuron.__version__
except ImportError:
    # Without NEURON, stand in for the two names bmtool takes from it at import.
    _neuron = types.ModuleType("neuron")
    _neuron.h = types.SimpleNamespace(dt=0.025)
    _units = types.ModuleType("neuron.units")
    _units.ms, _units.mV = 1.0, 1.0
    _neuron.units = _units
    sys.modules["neuron"], sys.modules["neuron.units"] = _neuron, _units
    NEURON = "stub (h.dt 0.025)"
sys.path.insert(0, ARGS.bmtool)

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.optimize import curve_fit  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    import bmtool.synapses as bs  # noqa: E402


# ---------------------------------------------------------------- traces

def build_trace(recipe):
    """Evaluate a recipe exactly as trace.go's buildTrace does."""
    n = recipe["n"]
    base = recipe["base"]
    tr = recipe.get("transient")
    pulses = recipe.get("pulses", [])
    ripple = recipe.get("ripple")
    quantum = recipe.get("quantum", 0.0)
    dec = [1.0] * len(pulses)
    ris = [1.0] * len(pulses)
    tcur = tr["amp"] if tr else 0.0
    out = []
    for i in range(n):
        v = base
        if tr:
            v += tcur
            tcur = tcur * tr["q"]
        for k, p in enumerate(pulses):
            if i >= p["onset"]:
                v += p["amp"] * (dec[k] - ris[k])
                dec[k] = dec[k] * p["qd"]
                ris[k] = ris[k] * p["qr"]
        if ripple:
            v += ripple["amp"] * (((i * ripple["mult"]) % ripple["mod"]) / ripple["mod"] - 0.5)
        if quantum:
            v = round(v / quantum) * quantum
        out.append(v)
    return out


def sha(values):
    return hashlib.sha256(struct.pack("<%dd" % len(values), *values)).hexdigest()


def pulse(t_spike, netcon_delay, dt, amp, tau_rise, tau_decay, lag_steps=1):
    onset = int(math.floor((t_spike + netcon_delay) / dt)) + lag_steps
    return {"onset": onset, "amp": amp,
            "qd": math.exp(-dt / tau_decay), "qr": math.exp(-dt / tau_rise)}


def spike_train(start, interval, number):
    """NetStim-like times: each next event time is the previous plus the interval."""
    out, t = [], start
    for _ in range(int(number)):
        out.append(t)
        t = t + interval
    return out


TRACES = {}


def add_trace(name, recipe):
    values = build_trace(recipe)
    TRACES[name] = {"recipe": recipe, "sha256": sha(values)}
    return values


# ---------------------------------------------------------------- fake NEURON

class Vec(list):
    """Stands in for h.Vector: bmtool calls to_python() and np.asarray() on it."""

    def to_python(self):
        return list(self)


class FakeH:
    def __init__(self, dt):
        self.dt = dt
        self.tstop = 0.0
        self.single = None
        self.train = None
        self.finitialize_v = None

    def run(self):
        self.single()

    def finitialize(self, v):
        self.finitialize_v = v

    def continuerun(self, t):
        self.train(t)


def make_tuner(dt, vclamp, general=None):
    tuner = bs.SynapseTuner.__new__(bs.SynapseTuner)
    gs = copy.deepcopy(bs.DEFAULT_GENERAL_SETTINGS)
    gs.update(general or {})
    tuner.general_settings = gs
    tuner.conn = {"spec_settings": {"vclamp_amp": -70.0}}
    tuner.vclamp = vclamp
    tuner.current_name = "i"
    tuner.other_vars_to_record = []
    tuner.rec_vectors = {}
    tuner.nstim = types.SimpleNamespace(start=0.0, interval=10.0, number=10, noise=0)
    tuner.nstim2 = types.SimpleNamespace(start=0.0, interval=10.0, number=10, noise=0)
    tuner.vcl = types.SimpleNamespace(amp=[0.0] * 3, dur=[0.0] * 3)
    tuner.ispk = None
    tuner.input_mode = False
    tuner.current_connection = "synthetic"
    tuner._plot_model = lambda *a, **k: None
    fake = FakeH(dt)
    bs.h = fake
    return tuner, fake


def load(tuner, syn, clamp, tspk):
    tuner.rec_vectors["i"] = Vec(syn)
    tuner.ivcl = Vec(clamp)
    tuner.tspk = Vec(tspk)
    tuner.t = Vec([])


@contextlib.contextmanager
def spy_trapz(captured):
    orig = np.trapz

    def spy(*a, **k):
        r = orig(*a, **k)
        captured.append(float(r))
        return r

    np.trapz = spy
    try:
        yield
    finally:
        np.trapz = orig


def stdout_lines(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        result = fn()
    text = buf.getvalue()
    assert text.endswith("\n")
    return result, text[:-1].split("\n")


def f(x):
    return float(x)


# ---------------------------------------------------------------- corrected (own code)

def first_true(mask):
    idx = np.nonzero(mask)[0]
    return int(idx[0]) if idx.size else None


def corrected_half_width(trace, tspk0, dt):
    """Half width between the rising and falling half-amplitude crossings."""
    isyn = np.asarray(trace, dtype=float)
    ispk = int(np.floor(tspk0 / dt))
    isyn = isyn[ispk:] - isyn[ispk]
    sign = np.sign(isyn[np.argmax(np.abs(isyn))])
    isyn = isyn * sign
    from scipy.signal import find_peaks
    ipk = int(find_peaks(isyn)[0][0])
    peak = isyn[ipk]
    istart = first_true(np.diff(isyn[: ipk + 1]) > 0)
    hw1 = istart + first_true(isyn[istart: ipk + 1] > 0.5 * peak)
    hw2 = first_true(isyn[ipk:] < 0.5 * peak)
    hw2 = isyn.size if hw2 is None else hw2 + ipk
    return f(dt * (hw2 - hw1))


def exact_decay_optimum(trace, tspk0, dt):
    """The least-squares optimum itself: bmtool's fit polished with the exact Jacobian."""
    isyn = np.asarray(trace, dtype=float)
    ispk = int(np.floor(tspk0 / dt))
    isyn = isyn[ispk:] - isyn[ispk]
    isyn = isyn * np.sign(isyn[np.argmax(np.abs(isyn))])
    from scipy.signal import find_peaks
    ipk = int(find_peaks(isyn)[0][0])
    iend = first_true(np.diff(isyn[ipk:]) > 0)
    iend = isyn.size - 1 if iend is None else iend + ipk
    n = iend - ipk + 1
    model = lambda t, a, tau: a * np.exp(-t / tau)  # noqa: E731
    x, y = dt * np.arange(n), isyn[ipk: iend + 1]
    p, _ = curve_fit(model, x, y, p0=(isyn[ipk], dt * n / 2))
    jac = lambda t, a, tau: np.stack([np.exp(-t / tau),  # noqa: E731
                                      a * np.exp(-t / tau) * t / tau ** 2], axis=1)
    p, _ = curve_fit(model, x, y, p0=p, jac=jac, ftol=1e-15, xtol=1e-15, gtol=0.0, maxfev=100000)
    return f(p[1])


# ---------------------------------------------------------------- single event cases

def single_event_case(name, syn_name, clamp_name, syn, clamp, dt, vclamp, rise):
    tspk = [500.0]
    tuner, fake = make_tuner(dt, vclamp, {"rise_interval": rise, "tstart": 500.0, "tdur": 100.0})
    fake.single = lambda: load(tuner, syn, clamp, tspk)
    captured = []
    with spy_trapz(captured):
        _, printed = stdout_lines(lambda: tuner.SingleEvent(plot_and_print=True))
    props = tuner._get_syn_prop(rise_interval=rise, dt=dt)
    analysed = clamp if vclamp else syn
    own_base = float(np.asarray(syn)[int(np.floor(tspk[0] / dt))])
    corrected_integral = f(np.trapz((np.asarray(syn) - own_base) * 1000, dx=dt))
    return {
        "name": name, "syn": syn_name, "clamp": clamp_name, "spike_times": tspk, "dt": dt,
        "vclamp": vclamp, "rise_interval": list(rise),
        "bmtool": {
            "baseline": f(props["baseline"]), "sign": f(props["sign"]),
            "latency": f(props["latency"]), "amp": f(props["amp"]),
            "rise_time": f(props["rise_time"]), "decay_time": f(props["decay_time"]),
            "half_width": f(props["half_width"]), "current_integral": captured[0],
            "printed": printed,
        },
        "decay_time_optimum": exact_decay_optimum(analysed, tspk[0], dt),
        "corrected": {
            "half_width": corrected_half_width(analysed, tspk[0], dt),
            "current_integral": corrected_integral,
        },
    }


def single_events():
    cases = []
    dt = 0.025
    n = 24001
    # Excitatory synapse: inward (negative) synaptic current, outward clamp current
    # with a large start-up transient.
    syn = add_trace("exc_syn", {"n": n, "base": -0.0005, "pulses": [
        pulse(500.0, 1.3, dt, -0.3, 1.0, 15.0)]})
    clamp = add_trace("exc_clamp", {"n": n, "base": 0.031,
                                    "transient": {"amp": -6.1e6, "q": 0.001},
                                    "pulses": [pulse(500.0, 1.3, dt, 0.29, 1.05, 15.2)]})
    cases.append(single_event_case("exc_current_clamp", "exc_syn", "exc_clamp", syn, clamp,
                                   dt, False, (0.1, 0.9)))
    cases.append(single_event_case("exc_voltage_clamp", "exc_syn", "exc_clamp", syn, clamp,
                                   dt, True, (0.1, 0.9)))
    # Inhibitory synapse at dt 0.05, analysed on the clamp current, 20-80 % rise.
    dt2 = 0.05
    n2 = 12001
    syn2 = add_trace("inh_syn_dt005", {"n": n2, "base": 0.0, "pulses": [
        pulse(500.0, 1.3, dt2, 0.12, 0.4, 8.0)]})
    clamp2 = add_trace("inh_clamp_dt005", {"n": n2, "base": -0.02, "pulses": [
        pulse(500.0, 1.3, dt2, -0.118, 0.45, 8.1)]})
    cases.append(single_event_case("inh_voltage_clamp_dt005", "inh_syn_dt005", "inh_clamp_dt005",
                                   syn2, clamp2, dt2, True, (0.2, 0.8)))
    # A second event interrupts the decay: the fit window ends where the current rises again.
    syn3 = add_trace("two_events", {"n": n, "base": 0.001, "pulses": [
        pulse(500.0, 1.3, dt, -0.2, 0.8, 6.0), pulse(530.0, 1.3, dt, -0.1, 0.8, 6.0)]})
    cases.append(single_event_case("decay_cut_by_second_event", "two_events", "exc_clamp",
                                   syn3, clamp, dt, False, (0.1, 0.9)))
    # Quantised current: plateaus at the peak and during rise and decay.
    syn4 = add_trace("quantised", {"n": n, "base": 0.0, "quantum": 1e-3, "pulses": [
        pulse(500.0, 1.3, dt, -0.08, 2.0, 20.0)]})
    cases.append(single_event_case("quantised_plateaus", "quantised", "exc_clamp",
                                   syn4, clamp, dt, False, (0.1, 0.9)))
    # A slow decay that is still above half amplitude when the recording
    # ends: the falling half-width crossing is the end of the trace.
    syn5 = add_trace("slow_decay", {"n": n, "base": 0.0, "pulses": [
        pulse(500.0, 1.3, dt, -0.05, 3.0, 400.0)]})
    cases.append(single_event_case("never_below_half", "slow_decay", "exc_clamp",
                                   syn5, clamp, dt, False, (0.2, 0.8)))
    return cases


# ---------------------------------------------------------------- trains

def train_traces(name, tspk, n, dt, amps, tau_r, tau_d, clamp_gain):
    syn = add_trace(name + "_syn", {"n": n, "base": -0.0004,
                                    "ripple": {"amp": 2e-5, "mult": 7919, "mod": 1000},
                                    "pulses": [pulse(t, 1.3, dt, a, tau_r, tau_d)
                                               for t, a in zip(tspk, amps)]})
    clamp = add_trace(name + "_clamp", {"n": n, "base": 0.03,
                                        "transient": {"amp": -6.1e6, "q": 0.002},
                                        "pulses": [pulse(t, 1.3, dt, clamp_gain * a,
                                                         tau_r * 1.1, tau_d * 1.02)
                                                   for t, a in zip(tspk, amps)]})
    return syn, clamp


def train_case(name, trace_name, freq, delay, vclamp, amps, tau_r, tau_d,
               continuous_duration=None, stale_tstop=None):
    dt = 0.025
    tuner, fake = make_tuner(dt, vclamp)
    state = {}

    def run(tstop):
        ns, ns2 = tuner.nstim, tuner.nstim2
        tspk = sorted(spike_train(ns.start, ns.interval, ns.number) +
                      spike_train(ns2.start, ns2.interval, ns2.number))
        n = int(round(tstop / dt)) + 1
        if "syn" not in state:
            state["syn"], state["clamp"] = train_traces(trace_name, tspk, n, dt,
                                                        amps[:len(tspk)], tau_r, tau_d, -0.97)
            state["tspk"] = tspk
        load(tuner, state["syn"], state["clamp"], tspk)

    fake.train = run
    if continuous_duration is not None:
        tuner.input_mode = True
        tuner.nstim.start = tuner.general_settings["tstart"]
        fake.tstop = stale_tstop
        tuner._simulate_model(freq, delay, duration=continuous_duration)
    else:
        tuner._simulate_model(freq, delay)
    h_tstop = fake.tstop
    amp = tuner._response_amplitude()
    peak_index = [int(i) for i in tuner.ispk]
    tuner.train_freq, tuner.train_delay = freq, delay
    (ppr, induction, recovery, simple_ppr), printed = stdout_lines(
        lambda: tuner._calc_ppr_induction_recovery(amp, print_math=True))
    max_amp = tuner._find_max_amp(amp)
    # corrected: baseline and sign of the synaptic current itself
    tuner.vclamp = False
    camp = tuner._response_amplitude()
    cppr, cind, crec, csppr = tuner._calc_ppr_induction_recovery(camp, print_math=False)
    return {
        "name": name, "syn": trace_name + "_syn", "clamp": trace_name + "_clamp",
        "spike_times": state["tspk"], "dt": dt, "vclamp": vclamp,
        "netcon_delay": tuner.general_settings["delay"], "window_end": h_tstop,
        "freq": freq, "delay": delay,
        "bmtool": {
            "amps": [f(a) for a in amp], "peak_index": peak_index,
            "ppr": f(ppr), "induction": f(induction), "recovery": f(recovery),
            "simple_ppr": f(simple_ppr), "max_amp_pA": f(max_amp), "printed": printed,
        },
        "corrected": {
            "amps": [f(a) for a in camp], "ppr": f(cppr), "induction": f(cind),
            "recovery": f(crec), "simple_ppr": f(csppr),
            "max_amp_pA": f(tuner._find_max_amp(camp)),
        },
    }


DEPRESSING = [-0.2, -0.15, -0.12, -0.1, -0.09, -0.085, -0.08, -0.078,
              -0.17, -0.13, -0.11, -0.095]
FACILITATING = [0.05, 0.07, 0.085, 0.095, 0.1, 0.104, 0.107, 0.109,
                0.06, 0.075, 0.088, 0.096]


def trains():
    return [
        train_case("depressing_current_clamp", "dep50", 50, 250, False, DEPRESSING, 1.0, 10.0),
        train_case("depressing_voltage_clamp", "dep50", 50, 250, True, DEPRESSING, 1.0, 10.0),
        train_case("facilitating_100Hz_125ms", "fac100", 100, 125, False, FACILITATING, 0.5, 4.0),
        train_case("continuous_stale_tstop_600", "cont50", 50, 250, False,
                   DEPRESSING + DEPRESSING[4:8], 1.0, 10.0,
                   continuous_duration=300, stale_tstop=600.0),
        train_case("continuous_stale_tstop_970", "cont50", 50, 250, False,
                   DEPRESSING + DEPRESSING[4:8], 1.0, 10.0,
                   continuous_duration=300, stale_tstop=970.0),
    ]


# ---------------------------------------------------------------- optimizer

def optimizer_case(name, single_syn, single_clamp, train_name, vclamp, rise, amps):
    dt = 0.025
    tuner, fake = make_tuner(dt, vclamp, {"rise_interval": rise})
    single = (TRACES_VALUES[single_syn], TRACES_VALUES[single_clamp])
    fake.single = lambda: load(tuner, single[0], single[1], [500.0])
    state = {}

    def run(tstop):
        ns, ns2 = tuner.nstim, tuner.nstim2
        tspk = sorted(spike_train(ns.start, ns.interval, ns.number) +
                      spike_train(ns2.start, ns2.interval, ns2.number))
        state["tspk"] = tspk
        load(tuner, TRACES_VALUES[train_name + "_syn"], TRACES_VALUES[train_name + "_clamp"], tspk)

    fake.train = run
    opt = bs.SynapseOptimizer(tuner)
    opt.run_single_event = True
    opt.run_train_input = True
    opt.train_frequency = 50
    opt.train_delay = 250
    metrics = opt._calculate_metrics()
    return {
        "name": name, "single_syn": single_syn, "single_clamp": single_clamp,
        "train_syn": train_name + "_syn", "train_clamp": train_name + "_clamp",
        "single_spike_times": [500.0], "train_spike_times": state["tspk"],
        "dt": dt, "vclamp": vclamp, "rise_interval": list(rise), "netcon_delay": 1.3,
        "window_end": fake.tstop,
        "bmtool": {k: f(v) for k, v in metrics.items()},
        "bmtool_keys": list(metrics.keys()),
    }


TRACES_VALUES = {}


def main():
    out = {
        "about": "bmtool metric figures on synthetic traces; written by make_goldens.py",
        "bmtool_rev": ARGS.rev,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "neuron": NEURON,
        "module_dt": bs.SynapseTuner._get_syn_prop.__defaults__[1],
    }
    out["single_event"] = single_events()
    out["train"] = trains()
    for name, tr in TRACES.items():
        TRACES_VALUES[name] = build_trace(tr["recipe"])
    out["optimizer"] = [
        optimizer_case("current_clamp", "exc_syn", "exc_clamp", "dep50", False, (0.1, 0.9),
                       DEPRESSING),
        optimizer_case("voltage_clamp", "exc_syn", "exc_clamp", "dep50", True, (0.1, 0.9),
                       DEPRESSING),
    ]
    out["traces"] = TRACES
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
