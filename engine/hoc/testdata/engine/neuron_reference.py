"""Goldens for engine/hoc's EngineBuilder: NEURON loads cells.hoc, and every
segment's area, ri, diam and g_pas, and a voltage trace under IClamp, are
written to cells.json.

    /usr/bin/python3 engine/hoc/testdata/engine/neuron_reference.py OUTDIR
"""
import json
import os
import sys

from neuron import h

HERE = os.path.dirname(os.path.abspath(__file__))
h.load_file("stdrun.hoc")
h.load_file(os.path.join(HERE, "cells.hoc"))
cell = h.TaperCell()
segs = []
for sec in cell.all:
    for seg in sec.allseg():
        entry = {"sec": sec.name(), "x": seg.x, "area": seg.area()}
        if 0 < seg.x < 1:
            entry["ri"] = seg.ri()
            entry["diam"] = seg.diam
            if hasattr(seg, "g_pas"):
                entry["g_pas"] = seg.g_pas
        segs.append(entry)
stim = h.IClamp(cell.dend[1](0.8))
stim.delay, stim.dur, stim.amp = 2, 10, 0.3
t = h.Vector().record(h._ref_t)
v_soma = h.Vector().record(cell.soma(0.5)._ref_v)
v_axon = h.Vector().record(cell.axon(0.9)._ref_v)
v_dend = h.Vector().record(cell.dend[1](0.7)._ref_v)
h.dt = 0.025
h.celsius = 6.3
h.tstop = 25
h.run()
out = {"segments": segs, "traces": {"t": list(t), "soma_v": list(v_soma),
       "axon_v": list(v_axon), "dend_v": list(v_dend)}}
outdir = sys.argv[1] if len(sys.argv) > 1 else HERE
with open(os.path.join(outdir, "cells.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
