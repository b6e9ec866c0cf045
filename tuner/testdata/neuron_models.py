"""NEURON goldens for the project's own cell templates (tuner/models):
every segment's area, ri, diam, cm, ion potentials and the parameters of
every inserted mechanism, and voltage traces under an IClamp and with a
synapse, for FSI_Cell and TeachingCell.

    /usr/bin/python3 tuner/testdata/neuron_models.py OUTDIR

The Go side is tuner/models_test.go.
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
MODELS = os.path.normpath(os.path.join(HERE, "..", "models"))
PARAMS = {  # the parameters compared for each mechanism
    "leak": ["glbar", "el"],
    "nainter": ["gnabar", "mv_05", "hv_05", "mtau_inv", "htau_inv"],
    "kdrinter": ["gkdrbar", "v_05", "tau_inv"],
    "pas": ["g", "e"],
    "hh": ["gnabar", "gkbar", "gl", "el"],
}


def load():
    build = tempfile.mkdtemp(prefix="synaptune-models-")
    for f in glob.glob(os.path.join(MODELS, "*.mod")):
        shutil.copy(f, build)
    subprocess.run(["nrnivmodl"], cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    neuron.load_mechanisms(build)
    h.load_file("stdrun.hoc")
    h.load_file(os.path.join(MODELS, "templates.hoc"))
    h.load_file(os.path.join(MODELS, "teaching.hoc"))


def describe(cell):
    out = []
    for sec in cell.all:
        mechs = sec.psection()["density_mechs"]
        ions = sec.psection()["ions"]
        segs = []
        for seg in sec:
            e = {"x": seg.x, "area": seg.area(), "ri": seg.ri(), "diam": seg.diam, "cm": seg.cm, "v": seg.v}
            for ion, vals in ions.items():
                e["e" + ion] = getattr(seg, "e" + ion)
            for mech in mechs:
                for p in PARAMS.get(mech, []):
                    e[p + "_" + mech] = getattr(seg, p + "_" + mech)
            segs.append(e)
        out.append({"name": sec.name(), "nseg": sec.nseg, "L": sec.L, "segments": segs})
    return out


def traces(cell, synapse):
    soma = cell.soma[0] if hasattr(cell.soma, "__len__") else cell.soma
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 5, 30, 0.1
    keep = [stim]
    if synapse:
        target = list(cell.all)[-1]
        syn = h.Exp2Syn_STP(target(0.5))
        syn.initW, syn.tau1, syn.tau2, syn.Use, syn.Dep, syn.Fac = 20, 0.5, 8, 0.5, 100, 20
        ns = h.NetStim()
        ns.start, ns.interval, ns.number = 40, 10, 5
        nc = h.NetCon(ns, syn)
        nc.delay, nc.weight[0] = 1, 1
        keep += [syn, ns, nc]
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    last = list(cell.all)[-1]
    vl = h.Vector().record(last(0.5)._ref_v)
    h.celsius = 20
    h.dt = 0.025
    h.finitialize()
    h.continuerun(100)
    return {"t": list(t), "soma_v": list(v), "last_v": list(vl)}


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else HERE
    load()
    result = {}
    for name, syn in (("FSI_Cell", True), ("TeachingCell", True)):
        cell = getattr(h, name)()
        result[name] = {"sections": describe(cell), "traces": traces(cell, syn)}
        del cell
    with open(os.path.join(outdir, "neuron_models.json"), "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
