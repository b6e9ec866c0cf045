"""Time NEURON on the engine's benchmark cell (BenchmarkRun600ms).

    /usr/bin/python3 engine/testdata/bench_neuron.py

Same model: soma (L 20, diam 20, hh), dend (L 200, diam 2, pas) at soma(1),
IClamp at soma(0.5) (del 10, dur 580, amp 0.2), celsius 6.3, dt 0.025,
tstop 600, the soma voltage recorded. Prints the best of 20 runs of h.run(),
timed inside the process (imports and model building excluded).
"""
import time

from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
dend = h.Section(name="dend")
soma.L, soma.diam = 20, 20
dend.L, dend.diam = 200, 2
dend.connect(soma(1), 0)
soma.insert("hh")
dend.insert("pas")
stim = h.IClamp(soma(0.5))
stim.delay, stim.dur, stim.amp = 10, 580, 0.2
h.celsius = 6.3
h.dt = 0.025
h.tstop = 600
vec = h.Vector()
vec.record(soma(0.5)._ref_v)
best = float("inf")
for _ in range(20):
    t0 = time.perf_counter()
    h.run()
    best = min(best, time.perf_counter() - t0)
assert len(vec) == 24001
print("NEURON run(600): best of 20 = %.3f ms (%.0f ns/step)" % (best * 1e3, best / 24000 * 1e9))
