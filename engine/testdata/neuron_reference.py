"""Write the engine's golden traces by running each test model in NEURON.

Run with Debian's NEURON (python3-neuron 8.2.2):

    /usr/bin/python3 engine/testdata/neuron_reference.py engine/testdata/golden

Every case below has a twin in engine/golden_test.go that builds the same
model with package engine; the Go test compares every recorded sample.
The output is deterministic: floats are written with repr (shortest
round-trip form), so CI can regenerate the files and diff them.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import neuron
from neuron import h

h.load_file("stdrun.hoc")

HERE = os.path.dirname(os.path.abspath(__file__))


def load_reference_mechanisms():
    """Compile testdata/mod (the reference VecStim) with nrnivmodl and load it."""
    build = tempfile.mkdtemp(prefix="synaptune-nrnmech-")
    for name in os.listdir(os.path.join(HERE, "mod")):
        if name.endswith(".mod"):
            shutil.copy(os.path.join(HERE, "mod", name), build)
    # Debian's nrnivmodl builds the library and then fails to link `special`,
    # which is not needed; the library is what counts.
    subprocess.run(["nrnivmodl"], cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lib = os.path.join(build, "x86_64", ".libs", "libnrnmech.so")
    if not os.path.exists(lib):
        sys.exit("nrnivmodl did not build " + lib)
    neuron.load_mechanisms(build)


def fresh():
    """Delete every section and object of the previous case."""
    for sec in list(h.allsec()):
        h.delete_section(sec=sec)
    h.dt = 0.025
    h.celsius = 6.3
    h.v_init = -65


def record(refs):
    out = {}
    for name, ref in refs.items():
        vec = h.Vector()
        vec.record(ref)
        out[name] = vec
    return out


def finish(name, vecs, outdir, extra=None):
    data = {"case": name, "traces": {k: list(v) for k, v in vecs.items()}}
    if extra:
        data.update(extra)
    with open(os.path.join(outdir, name + ".json"), "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")


def geometry(secs):
    out = []
    for sec in secs:
        segs = []
        for seg in sec:
            segs.append({"x": seg.x, "area": seg.area(), "ri": seg.ri(), "diam": seg.diam})
        out.append({"name": sec.name(), "L": sec.L, "segments": segs,
                    "ri1": sec(1).ri()})
    return out


def case_passive(outdir):
    fresh()
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.L, soma.diam = 20, 20
    dend.L, dend.diam, dend.nseg = 200, 2, 5
    dend.connect(soma(1), 0)
    for s in (soma, dend):
        s.insert("pas")
        s.Ra = 100
    dend.g_pas = 0.0002
    dend.e_pas = -65
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 5, 20, 0.1
    vecs = record({"t": h._ref_t, "soma_v": soma(0.5)._ref_v, "dend_v": dend(0.5)._ref_v,
                   "dend_end_v": dend(1)._ref_v, "stim_i": stim._ref_i, "soma_i_pas": soma(0.5)._ref_i_pas})
    h.tstop = 40
    h.run()
    finish("passive", vecs, outdir)


def case_hh(outdir):
    fresh()
    soma = h.Section(name="soma")
    soma.L, soma.diam = 20, 20
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 5, 30, 0.3
    vecs = record({"t": h._ref_t, "v": soma(0.5)._ref_v, "m": soma(0.5)._ref_m_hh,
                   "h": soma(0.5)._ref_h_hh, "n": soma(0.5)._ref_n_hh, "ina": soma(0.5)._ref_ina,
                   "il": soma(0.5)._ref_il_hh})
    h.tstop = 50
    h.run()
    finish("hh", vecs, outdir)


def branched_cell():
    soma = h.Section(name="soma")
    d1 = h.Section(name="d1")
    d2 = h.Section(name="d2")
    d3 = h.Section(name="d3")
    h.pt3dadd(0, 0, 0, 12, sec=soma)
    h.pt3dadd(6, 1, 0, 14, sec=soma)
    h.pt3dadd(14, 0, 0, 10, sec=soma)
    soma.nseg = 1
    d1.connect(soma(1), 0)
    d2.connect(soma(0.5), 0)
    d3.connect(d1(1), 0)
    for x, y, z, d in ((0, 0, 0, 3), (30, 10, 0, 2.5), (60, 12, 5, 2.0), (100, 20, 5, 1.2)):
        h.pt3dadd(x, y, z, d, sec=d1)
    d1.nseg = 5
    d2.L, d2.diam, d2.nseg = 80, 1.7, 3
    d3.L, d3.diam, d3.nseg = 50, 0.7, 4
    h.define_shape()
    for s in (soma, d1, d2, d3):
        s.Ra = 123
        s.cm = 1.1
    soma.insert("hh")
    for s in (d1, d2, d3):
        s.insert("pas")
        s.e_pas = -65
    return soma, d1, d2, d3


def case_branched(outdir):
    fresh()
    soma, d1, d2, d3 = branched_cell()
    stim = h.IClamp(d3(0.9))
    stim.delay, stim.dur, stim.amp = 2, 20, 0.08
    vecs = record({"t": h._ref_t, "soma_v": soma(0.5)._ref_v, "d1_v": d1(0.3)._ref_v,
                   "d2_v": d2(0.9)._ref_v, "d3_v": d3(0.9)._ref_v, "d2_root_v": d2(0)._ref_v})
    h.tstop = 30
    h.run()
    finish("branched", vecs, outdir, {"geometry": geometry([soma, d1, d2, d3])})


def case_synapses(outdir):
    fresh()
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.L, soma.diam = 15, 15
    dend.L, dend.diam, dend.nseg = 150, 3, 3
    dend.connect(soma(1), 0)
    for s in (soma, dend):
        s.insert("pas")
    e1 = h.ExpSyn(soma(0.5))
    e1.tau, e1.e = 2, 0
    e2 = h.Exp2Syn(dend(0.3))
    e2.tau1, e2.tau2, e2.e = 0.5, 8, -10
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 5, 7, 4
    nc1 = h.NetCon(ns, e1)
    nc1.delay, nc1.weight[0] = 1.3, 0.005
    nc2 = h.NetCon(ns, e2)
    nc2.delay, nc2.weight[0] = 0.7, 0.003
    spikes = h.Vector()
    nc1.record(spikes)
    vecs = record({"t": h._ref_t, "soma_v": soma(0.5)._ref_v, "dend_v": dend(0.3)._ref_v,
                   "expsyn_i": e1._ref_i, "expsyn_g": e1._ref_g, "exp2syn_i": e2._ref_i,
                   "exp2syn_g": e2._ref_g})
    h.tstop = 50
    h.run()
    finish("synapses", vecs, outdir, {"spikes": list(spikes)})


def case_vecstim(outdir):
    fresh()
    soma = h.Section(name="soma")
    soma.L, soma.diam = 15, 15
    soma.insert("pas")
    syn = h.ExpSyn(soma(0.5))
    syn.tau = 3
    times = h.Vector([2.5, 3.3, 10.05, 17])
    vs = h.VecStim()
    vs.play(times)
    nc = h.NetCon(vs, syn)
    nc.delay, nc.weight[0] = 0.1, 0.01
    spikes = h.Vector()
    nc.record(spikes)
    vecs = record({"t": h._ref_t, "v": soma(0.5)._ref_v, "syn_i": syn._ref_i})
    h.tstop = 30
    h.run()
    finish("vecstim", vecs, outdir, {"spikes": list(spikes)})


def case_threshold(outdir):
    fresh()
    pre = h.Section(name="pre")
    post = h.Section(name="post")
    pre.L, pre.diam = 20, 20
    post.L, post.diam = 20, 20
    pre.insert("hh")
    post.insert("pas")
    stim = h.IClamp(pre(0.5))
    stim.delay, stim.dur, stim.amp = 2, 40, 0.4
    syn = h.Exp2Syn(post(0.5))
    syn.tau1, syn.tau2 = 0.3, 4
    nc = h.NetCon(pre(0.5)._ref_v, syn, sec=pre)
    nc.threshold, nc.delay, nc.weight[0] = -20, 2, 0.002
    spikes = h.Vector()
    nc.record(spikes)
    vecs = record({"t": h._ref_t, "pre_v": pre(0.5)._ref_v, "post_v": post(0.5)._ref_v,
                   "syn_i": syn._ref_i})
    h.tstop = 50
    h.run()
    finish("threshold", vecs, outdir, {"spikes": list(spikes)})


def case_seclamp(outdir):
    fresh()
    soma = h.Section(name="soma")
    soma.L, soma.diam = 20, 20
    soma.insert("hh")
    c = h.SEClamp(soma(0.5))
    c.dur1, c.amp1, c.dur2, c.amp2, c.dur3, c.amp3, c.rs = 5, -70, 10, -20, 10, -60, 0.5
    vecs = record({"t": h._ref_t, "v": soma(0.5)._ref_v, "i": c._ref_i})
    h.tstop = 30
    h.run()
    finish("seclamp", vecs, outdir)


def case_vclamp(outdir):
    fresh()
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.L, soma.diam = 20, 20
    dend.L, dend.diam = 100, 2
    dend.connect(soma(1), 0)
    soma.insert("hh")
    dend.insert("pas")
    c = h.VClamp(soma(0.5))
    for j, (d, a) in enumerate(((5, -70), (10, 0), (10, -50))):
        c.dur[j] = d
        c.amp[j] = a
    vecs = record({"t": h._ref_t, "v": soma(0.5)._ref_v, "dend_v": dend(1)._ref_v, "i": c._ref_i})
    h.tstop = 30
    h.run()
    finish("vclamp", vecs, outdir)


def case_init70(outdir):
    fresh()
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.L, soma.diam = 20, 20
    dend.L, dend.diam, dend.nseg = 100, 2, 3
    dend.connect(soma(1), 0)
    soma.insert("hh")
    dend.insert("pas")
    h.celsius = 20
    syn = h.ExpSyn(dend(0.5))
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 3, 5, 3
    nc = h.NetCon(ns, syn)
    nc.delay, nc.weight[0] = 1, 0.01
    vecs = record({"t": h._ref_t, "v": soma(0.5)._ref_v, "dend_v": dend(0.5)._ref_v,
                   "syn_i": syn._ref_i})
    h.finitialize(70)
    h.continuerun(25)
    finish("init70", vecs, outdir)


def case_hh_direct(outdir):
    """hh without its rate table, from the potentials set on the sections."""
    fresh()
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.L, soma.diam = 20, 20
    dend.L, dend.diam, dend.nseg = 100, 2, 2
    dend.connect(soma(1), 0)
    soma.insert("hh")
    dend.insert("pas")
    h.usetable_hh = 0
    soma.v = -60
    dend.v = -72
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 10, 0.2
    vecs = record({"t": h._ref_t, "v": soma(0.5)._ref_v, "dend_v": dend(0.75)._ref_v,
                   "m": soma(0.5)._ref_m_hh})
    h.finitialize()
    h.continuerun(20)
    h.usetable_hh = 1
    finish("hh_direct", vecs, outdir)


CASES = [case_passive, case_hh, case_branched, case_synapses, case_vecstim,
         case_threshold, case_seclamp, case_vclamp, case_init70, case_hh_direct]

if __name__ == "__main__":
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "golden")
    os.makedirs(outdir, exist_ok=True)
    load_reference_mechanisms()
    for case in CASES:
        case(outdir)
