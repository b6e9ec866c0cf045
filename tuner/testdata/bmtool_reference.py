"""Golden figures from bmtool's own SynapseTuner running on NEURON 8.2.2 with
this project's model files (tuner/models).

    /usr/bin/python3 tuner/testdata/bmtool_reference.py BMTOOL_SRC [OUT.json]

BMTOOL_SRC is a folder that contains the `bmtool` package (a checkout of
github.com/cyneuro/bmtool, e.g. `git archive HEAD | tar -x -C DIR` of a
clone; it is read, never committed). Set BMTOOL_COMMIT to record which
commit the figures come from. Needs Debian's
python3-neuron, python3-numpy, python3-scipy, python3-pandas,
python3-matplotlib, python3-ipywidgets, python3-ipython, python3-h5py and
python3-tqdm. The Go side is tuner/bmtool_golden_test.go.

For each seed connection (Fac2FSI, Dep2FSI) with vclamp on and off it
records what bmtool prints for SingleEvent (parsed from its own output),
the 50 Hz train amplitudes and STP metrics, and stp_frequency_response over
bmtool's default frequencies; and generate_synaptic_table once.
"""
import contextlib
import glob
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", "models"))


def main():
    bmtool_src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "bmtool_golden.json")
    sys.path.insert(0, bmtool_src)
    import numpy as np
    import tqdm
    import bmtool.synapses as bs
    from neuron import h

    bs.tqdm = tqdm.tqdm  # Debian's ipywidgets is too old for tqdm.notebook

    build = tempfile.mkdtemp(prefix="synaptune-bmtool-")
    for f in glob.glob(os.path.join(MODELS, "*.mod")) + [os.path.join(MODELS, "templates.hoc")]:
        shutil.copy(f, build)
    subprocess.run(["nrnivmodl"], cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with open(os.path.join(MODELS, "seed.json")) as f:
        seed = json.load(f)
    general = seed["general_settings"]
    general["rise_interval"] = tuple(general["rise_interval"])
    conns = seed["conn_type_settings"]

    def tuner(conn, vclamp):
        g = dict(general, vclamp=vclamp)
        with contextlib.redirect_stdout(io.StringIO()):
            return bs.SynapseTuner(mechanisms_dir=build, templates_dir=os.path.join(build, "templates.hoc"),
                                   conn_type_settings=json.loads(json.dumps(conns)), general_settings=g,
                                   connection=conn, current_name="i",
                                   other_vars_to_record=["record_Pr", "record_use"],
                                   slider_vars=["initW", "Dep", "Fac", "Use"])

    results = {"bmtool_commit": None, "cases": []}
    for conn in ("Fac2FSI", "Dep2FSI"):
        for vclamp in (True, False):
            t = tuner(conn, vclamp)
            # Debian's matplotlib cannot plot hoc Vectors; bmtool's printing
            # is kept, its figure is skipped.
            t._plot_model = lambda *args, **kwargs: None
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                t.SingleEvent(plot_and_print=True)
            printed = buf.getvalue().splitlines()
            props = {}
            integral = None
            for line in printed:
                m = re.match(r"\('(\w+)', (.*)\)$", line)
                if m:
                    props[m.group(1)] = float(m.group(2).replace("np.float64(", "").rstrip(")"))
                m = re.match(r"Current Integral in pA\*ms: (.*)$", line)
                if m:
                    integral = float(m.group(1))
            t._simulate_model(50, 250)
            amp = t._response_amplitude()
            ppr, induction, recovery, simple_ppr = t._calc_ppr_induction_recovery(amp, print_math=False)
            max_amp = t._find_max_amp(amp)
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                fr = t.stp_frequency_response(plot=False)
            results["cases"].append({
                "connection": conn, "vclamp": vclamp,
                "single_event": {"printed": printed, "props": props, "current_integral": integral},
                "train": {"freq": 50, "delay": 250, "amps": [float(a) for a in amp],
                          "ppr": float(ppr), "induction": float(induction), "recovery": float(recovery),
                          "simple_ppr": float(simple_ppr), "max_amp_pA": float(max_amp)},
                "freq_response": {k: [float(x) for x in v] for k, v in fr.items()},
            })
    t = tuner("Dep2FSI", True)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        table = t.generate_synaptic_table(plot=False)
    if "connection" not in table.columns:
        table = table.reset_index()
    results["synaptic_table"] = [{k: (v if isinstance(v, str) else float(v)) for k, v in row.items()}
                                 for row in table.to_dict(orient="records")]
    results["bmtool_commit"] = os.environ.get("BMTOOL_COMMIT")
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
