"""Time bmtool's stp_frequency_response on NEURON 8.2.2 for the seed's
connections, with this project's model files, for docs/performance.md.

    /usr/bin/python3 tuner/testdata/bmtool_timing.py BMTOOL_SRC [REPEATS]

Timed inside the process around the call only (imports, mechanism
compilation and tuner construction excluded), best of REPEATS (default 3),
bmtool's 16 default frequencies, delay 250 ms.
"""
import contextlib
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import matplotlib

matplotlib.use("Agg")
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", "models"))


def main():
    sys.path.insert(0, sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    import tqdm
    import bmtool.synapses as bs
    bs.tqdm = tqdm.tqdm
    build = tempfile.mkdtemp(prefix="synaptune-bmtime-")
    for f in glob.glob(os.path.join(MODELS, "*.mod")) + [os.path.join(MODELS, "templates.hoc")]:
        shutil.copy(f, build)
    subprocess.run(["nrnivmodl"], cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(MODELS, "seed.json")) as f:
        seed = json.load(f)
    general = dict(seed["general_settings"], rise_interval=tuple(seed["general_settings"]["rise_interval"]))
    for conn in ("Dep2FSI", "Fac2FSI"):
        with contextlib.redirect_stdout(io.StringIO()):
            t = bs.SynapseTuner(mechanisms_dir=build, templates_dir=os.path.join(build, "templates.hoc"),
                                conn_type_settings=seed["conn_type_settings"], general_settings=general,
                                connection=conn, current_name="i", other_vars_to_record=["record_Pr", "record_use"])
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                t.stp_frequency_response(plot=False)
            best = min(best, time.perf_counter() - t0)
        print("%s: bmtool stp_frequency_response best of %d: %.3f s" % (conn, repeats, best))


if __name__ == "__main__":
    main()
