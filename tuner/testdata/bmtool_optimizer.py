"""Run bmtool's SynapseOptimizer (scipy SLSQP) on NEURON 8.2.2 with this
project's models, for the side-by-side table in docs/performance.md.

    /usr/bin/python3 tuner/testdata/bmtool_optimizer.py BMTOOL_SRC

Two problems: the seed's (Dep2FSI; targets induction -0.75, simple_ppr 0.8,
recovery 0; bounds Dep 0-800, Fac 0-100, Use 0.1-1; the seed's cost
induction + 3 simple_ppr + recovery squared errors; middle guess) and a
facilitating one (Fac2FSI; targets induction 0.6, simple_ppr 1.8,
recovery 0, reachable: Use 0.1, Fac 300, Dep 50 gives 0.66 and 1.85;
bounds Dep 0-200, Fac 0-400, Use 0.05-0.5; same cost; middle guess). Prints, per problem: the final cost bmtool reports, the number of
objective evaluations, the parameters, and the wall time of
optimize_parameters timed in-process.
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

PROBLEMS = [
    ("Dep2FSI", {"induction": -0.75, "simple_ppr": 0.8, "recovery": 0.0},
     {"Dep": (0, 800.0), "Fac": (0, 100.0), "Use": (0.1, 1.0)}),
    ("Fac2FSI", {"induction": 0.6, "simple_ppr": 1.8, "recovery": 0.0},
     {"Dep": (0, 200.0), "Fac": (0, 400.0), "Use": (0.05, 0.5)}),
]


def cost(metrics, targets):
    return ((metrics["induction"] - targets["induction"]) ** 2
            + 3 * (metrics["simple_ppr"] - targets["simple_ppr"]) ** 2
            + (metrics["recovery"] - targets["recovery"]) ** 2)


def main():
    sys.path.insert(0, sys.argv[1])
    import tqdm
    import bmtool.synapses as bs
    bs.tqdm = tqdm.tqdm
    build = tempfile.mkdtemp(prefix="synaptune-bmopt-")
    for f in glob.glob(os.path.join(MODELS, "*.mod")) + [os.path.join(MODELS, "templates.hoc")]:
        shutil.copy(f, build)
    subprocess.run(["nrnivmodl"], cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(MODELS, "seed.json")) as f:
        seed = json.load(f)
    general = dict(seed["general_settings"], rise_interval=tuple(seed["general_settings"]["rise_interval"]))
    for conn, targets, bounds in PROBLEMS:
        with contextlib.redirect_stdout(io.StringIO()):
            t = bs.SynapseTuner(mechanisms_dir=build, templates_dir=os.path.join(build, "templates.hoc"),
                                conn_type_settings=seed["conn_type_settings"], general_settings=general,
                                connection=conn, current_name="i", other_vars_to_record=["record_Pr", "record_use"])
        opt = bs.SynapseOptimizer(t)
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            res = opt.optimize_parameters(target_metrics=targets, param_bounds=bounds, run_single_event=True,
                                          run_train_input=True, train_frequency=50, train_delay=250,
                                          init_guess="middle_guess", cost_function=cost, method="SLSQP")
        wall = time.perf_counter() - t0
        print(json.dumps({"connection": conn, "cost": float(res.error), "evaluations": len(res.optimization_path),
                          "params": {k: float(v) for k, v in res.optimal_params.items()},
                          "achieved": {k: float(res.achieved_metrics[k]) for k in targets},
                          "wall_s": wall}))


if __name__ == "__main__":
    main()
