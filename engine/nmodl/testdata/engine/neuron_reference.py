"""Goldens for engine/nmodl's engine adapter: NEURON 8.2.2 runs small cells
made of the project's own mechanisms (tuner/models/*.mod, compiled here with
Debian's nrnivmodl) and writes every recorded sample to <case>.json.

    /usr/bin/python3 engine/nmodl/testdata/engine/neuron_reference.py OUTDIR

The Go twins are in engine/nmodl/engine_test.go.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import neuron
from neuron import h

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "..", "..", "tuner", "models")


def load_models():
    build = tempfile.mkdtemp(prefix="synaptune-models-")
    for f in glob.glob(os.path.join(MODELS, "*.mod")):
        shutil.copy(f, build)
    subprocess.run(["nrnivmodl"], cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.exists(os.path.join(build, "x86_64", ".libs", "libnrnmech.so")):
        sys.exit("nrnivmodl failed in " + build)
    neuron.load_mechanisms(build)


def fsi_like():
    """Two sections with the FSI channel set, as plain cylinders."""
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    soma.L, soma.diam = 15, 15
    dend.L, dend.diam, dend.nseg = 150, 10, 3
    dend.connect(soma(1), 0)
    for s in (soma, dend):
        s.Ra, s.cm = 150, 1
        for m in ("leak", "nainter", "kdrinter"):
            s.insert(m)
        s.glbar_leak = 1.0 / 12000
        s.el_leak = -70
        s.ena = 45
        s.ek = -80
    soma.gnabar_nainter, soma.gkdrbar_kdrinter = 0.035, 0.008
    dend.gnabar_nainter, dend.gkdrbar_kdrinter = 0.010, 0.003
    return soma, dend


def write(outdir, name, vecs, extra=None):
    data = {"case": name, "traces": {k: list(v) for k, v in vecs.items()}}
    if extra:
        data.update(extra)
    with open(os.path.join(outdir, name + ".json"), "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")


def rec(**refs):
    out = {}
    for k, r in refs.items():
        v = h.Vector()
        v.record(r)
        out[k] = v
    return out


def case_free(outdir):
    """Free-running cell: the channels fire under an IClamp while three
    synapse types receive events from NetStims."""
    soma, dend = fsi_like()
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 20, 100, 0.12
    ampa = h.AMPA_NMDA_STP(dend(0.5))
    ampa.initW, ampa.Use, ampa.Dep, ampa.Fac, ampa.u0 = 25, 0.13, 100, 200, 0.05
    gaba = h.GABA_A_STP(soma(0.5))
    gaba.initW, gaba.Use, gaba.Dep, gaba.Fac = 5, 0.4, 190, 0
    e2 = h.Exp2Syn_STP(dend(0.9))
    e2.initW, e2.tau1, e2.tau2, e2.Use, e2.Dep, e2.Fac = 2, 0.5, 12, 0.5, 120, 30
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 10, 12.5, 12
    ns2 = h.NetStim()
    ns2.start, ns2.interval, ns2.number = 15, 20, 6
    keep = []
    for target, src, delay in ((ampa, ns, 1.3), (gaba, ns2, 0.8), (e2, ns, 2.1), (e2, ns2, 0.5)):
        nc = h.NetCon(src, target)
        nc.delay, nc.weight[0] = delay, 1
        keep.append(nc)
    vecs = rec(t=h._ref_t, soma_v=soma(0.5)._ref_v, dend_v=dend(0.5)._ref_v,
               m=soma(0.5)._ref_m_nainter, n=dend(0.5)._ref_n_kdrinter,
               ampa_i=ampa._ref_i, ampa_pr=ampa._ref_record_Pr, gaba_i=gaba._ref_i,
               gaba_use=gaba._ref_record_use, e2_i=e2._ref_i, e2_pr=e2._ref_Pr)
    h.celsius = 20
    h.dt = 0.025
    h.finitialize(-70)
    h.continuerun(200)
    write(outdir, "free", vecs)


def case_clamp(outdir):
    """bmtool's set-up: GABA_A_STP under a VClamp, driven by two NetStims
    through two NetCons, from finitialize(70)."""
    soma, dend = fsi_like()
    syn = h.GABA_A_STP(soma(0.5))
    syn.initW, syn.tau_r_GABAA, syn.tau_d_GABAA, syn.e_GABAA = 20, 0.9, 15, -75
    syn.Use, syn.Dep, syn.Fac = 0.4, 190, 0
    ns1, ns2 = h.NetStim(), h.NetStim()
    ns1.start, ns1.interval, ns1.number = 50, 20, 8
    ns2.start, ns2.interval, ns2.number = 50 + 7 * 20 + 100, 20, 4
    vcl = h.VClamp(soma(0.5))
    for j, d in enumerate((50, 400, 1e9)):
        vcl.dur[j] = d
        vcl.amp[j] = -55
    nc1 = h.NetCon(ns1, syn, -15, 1.3, 1)
    nc2 = h.NetCon(ns2, syn, -15, 1.3, 1)
    vecs = rec(t=h._ref_t, syn_i=syn._ref_i, vcl_i=vcl._ref_i, soma_v=soma(0.5)._ref_v,
               pr=syn._ref_record_Pr)
    h.celsius = 20
    h.dt = 0.025
    h.finitialize(70)
    h.continuerun(400)
    write(outdir, "clamp", vecs)


if __name__ == "__main__":
    outdir = sys.argv[1] if len(sys.argv) > 1 else HERE
    load_models()
    h.load_file("stdrun.hoc")
    case_free(outdir)
    for sec in list(h.allsec()):
        h.delete_section(sec=sec)
    case_clamp(outdir)
