#!/usr/bin/python3
"""Checks executed notebooks: check_outputs.py GOLDEN.json NOTEBOOK.ipynb...

Every notebook: every code cell ran, no error output, no panic on stderr, and
each cell tagged "chart" shows at least one echarts figure with its option.
Cells are also checked by their tags:
  single-event-dep2fsi   bmtool's SingleEvent lines with the seed's numbers
  train-dep2fsi          the 50 Hz train report against the NEURON golden
  freq-response-dep2fsi  the printed frequency response against the golden
  synaptic-table         the printed table against the golden
  interactive            the headless interactive tuner drew once and returned
  optimizer              the seed optimisation reached its targets, with its plots
  pr-rule                the simulated release probabilities equal the rule's
  fac-vs-dep             Dep2FSI depresses and Fac2FSI facilitates at 50 Hz
A cell's metadata "synaptune_expect" lists more strings its text must contain.
GOLDEN is tuner/testdata/bmtool_golden.json (bmtool on NEURON 8.2.2).
"""
import json
import re
import sys

failures = []


def fail(nb, i, msg):
    failures.append(f"{nb} cell {i}: {msg}")


def text_of(cell):
    parts = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            parts.append("".join(o["text"]))
        elif "text/plain" in o.get("data", {}):
            parts.append("".join(o["data"]["text/plain"]))
    return "".join(parts)


def stderr_of(cell):
    return "".join("".join(o["text"]) for o in cell.get("outputs", [])
                   if o["output_type"] == "stream" and o["name"] == "stderr")


def html_of(cell):
    return "".join("".join(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", []))


def close(got, want, tol):
    return abs(got - want) <= tol * max(1.0, abs(want))


def check_single_event(nb, i, text):
    want = {"baseline": (0.03107559632675816, 1e-12), "sign": (1.0, 0), "latency": (1.35, 1e-12),
            "amp": (0.16000855570656114, 1e-12), "rise_time": (1.35, 1e-12),
            "decay_time": (15.182347895738655, 1e-6), "half_width": (14.85, 1e-12)}
    for name, (value, tol) in want.items():
        m = re.search(r"\('%s', ([-0-9.e+]+)\)" % name, text)
        if not m:
            fail(nb, i, f"SingleEvent line {name} missing")
        elif not close(float(m.group(1)), value, tol):
            fail(nb, i, f"SingleEvent {name} = {m.group(1)}, seed {value}")
    m = re.search(r"Current Integral in pA\*ms: ([-0-9.]+)", text)
    if not m or m.group(1) != "-15777.35":
        fail(nb, i, f"current integral {m and m.group(1)}, seed -15777.35")


def golden_case(golden, conn, vclamp=True):
    return next(c for c in golden["cases"] if c["connection"] == conn and c["vclamp"] == vclamp)


def check_train(nb, i, text, golden):
    g = golden_case(golden, "Dep2FSI")["train"]
    m = re.search(r"Avg 2nd pulse / Avg 1st pulse\n\s+Values: [0-9.]+ / [0-9.]+ = ([-0-9.]+)", text)
    if not m or not close(float(m.group(1)), g["simple_ppr"], 1e-3):
        fail(nb, i, f"train simple PPR {m and m.group(1)}, golden {g['simple_ppr']:.3f}")
    m = re.search(r"Induction\n.*\n\s+Values: .* = ([-0-9.]+)", text)
    if not m or not close(float(m.group(1)), g["induction"], 1e-3):
        fail(nb, i, f"train induction {m and m.group(1)}, golden {g['induction']:.3f}")


def check_freq(nb, i, cell, text, golden):
    g = golden_case(golden, "Dep2FSI")["freq_response"]
    rows = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) == 5 and re.match(r"^[0-9.]+$", f[0]):
            rows[float(f[0])] = [float(x) for x in f[1:]]
    if sorted(rows) != sorted(g["frequencies"]):
        fail(nb, i, f"frequency response rows {sorted(rows)}, golden {g['frequencies']}")
        return
    for k, f in enumerate(g["frequencies"]):
        for j, key in enumerate(["ppr", "simple_ppr", "induction", "recovery"]):
            if abs(rows[f][j] - g[key][k]) > 1.5e-4:
                fail(nb, i, f"{key} at {f} Hz = {rows[f][j]}, golden {g[key][k]:.6f}")
    n = len(g["frequencies"])
    if f'<progress value="{n}" max="{n}">' not in html_of(cell):
        fail(nb, i, "finished progress bar missing")


def check_table(nb, i, text, golden):
    for row in golden["synaptic_table"]:
        line = next((l for l in text.splitlines() if l.startswith(row["connection"] + " ")), None)
        if line is None:
            fail(nb, i, f"synaptic table row {row['connection']} missing")
            continue
        f = [float(x) for x in line.split()[1:]]
        keys = ["rise_time", "decay_time", "latency", "half_width", "peak_amplitude", "ppr", "simple_ppr", "induction", "recovery"]
        for j, key in enumerate(keys):
            if abs(f[j] - row[key]) > 1e-3:
                fail(nb, i, f"{row['connection']} {key} = {f[j]}, golden {row[key]:.6f}")


def check_optimizer(nb, i, cell, text):
    m = re.search(r"Final Error: ([-0-9.e+]+)", text)
    if not m or float(m.group(1)) > 1e-6:
        fail(nb, i, f"optimisation final error {m and m.group(1)}, want <= 1e-6")
    achieved = re.findall(r"^(\w+): ([-0-9.]+) \(target: ([-0-9.]+)\)$", text, re.M)
    if sorted(a[0] for a in achieved) != ["induction", "recovery", "simple_ppr"]:
        fail(nb, i, f"target metric lines {achieved}")
    for name, got, want in achieved:
        if abs(float(got) - float(want)) > 1e-3:
            fail(nb, i, f"{name} achieved {got}, target {want}")
    bounds = {"Dep": (0, 800), "Fac": (0, 100), "Use": (0.1, 1)}
    for name, (lo, hi) in bounds.items():
        m = re.search(r"^%s: ([-0-9.]+)$" % name, text, re.M)
        if not m or not lo <= float(m.group(1)) <= hi:
            fail(nb, i, f"optimal {name} {m and m.group(1)} outside [{lo}, {hi}]")
    for want in ["Short Term Plasticity Results for 50Hz with 250 Delay", "('amp', "]:
        if want not in text:
            fail(nb, i, f"optimum's printout lacks {want!r}")
    if len(re.findall(r'class="synaptune-plot"', html_of(cell))) < 3:
        fail(nb, i, "want 3 charts: convergence, train and single event at the optimum")


def check_pr_rule(nb, i, text):
    sim = re.search(r"simulated record_Pr:(.*)", text)
    rule = re.search(r"the rule in Go:(.*)", text)
    if not sim or not rule or len(sim.group(1).split()) < 7 or sim.group(1).split() != rule.group(1).split():
        fail(nb, i, f"record_Pr {sim and sim.group(1)} differs from the rule {rule and rule.group(1)}")


def check_fac_vs_dep(nb, i, text):
    ppr = dict(re.findall(r"^(\w+): simple PPR ([-0-9.]+)", text, re.M))
    if not (float(ppr.get("Dep2FSI", 9)) < 1 < float(ppr.get("Fac2FSI", 0))):
        fail(nb, i, f"simple PPRs {ppr}: want Dep2FSI below 1 and Fac2FSI above")


def main():
    golden = json.load(open(sys.argv[1]))
    summary = []
    for path in sys.argv[2:]:
        nb = json.load(open(path))
        name = path.rsplit("/", 1)[-1]
        charts = 0
        tags_seen = set()
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            tags = set(cell.get("metadata", {}).get("tags", []))
            tags_seen |= tags
            if cell.get("execution_count") is None:
                fail(name, i, "did not run")
            for o in cell.get("outputs", []):
                if o["output_type"] == "error":
                    fail(name, i, f"error output {o['ename']}: {o['evalue'][:300]}")
            if re.search(r"panic:|goroutine \d+ \[", stderr_of(cell)):
                fail(name, i, "panic on stderr: " + stderr_of(cell)[:300])
            text, html = text_of(cell), html_of(cell)
            n = len(re.findall(r'class="synaptune-plot"', html))
            charts += n
            if "chart" in tags and (n == 0 or '"series"' not in html):
                fail(name, i, "tagged chart but shows no echarts figure")
            for s in cell.get("metadata", {}).get("synaptune_expect", []):
                if s not in text:
                    fail(name, i, f"output lacks {s!r}")
            if "single-event-dep2fsi" in tags:
                check_single_event(name, i, text)
            if "train-dep2fsi" in tags:
                check_train(name, i, text, golden)
            if "freq-response-dep2fsi" in tags:
                check_freq(name, i, cell, text, golden)
            if "synaptic-table" in tags:
                check_table(name, i, text, golden)
            if "pr-rule" in tags:
                check_pr_rule(name, i, text)
            if "fac-vs-dep" in tags:
                check_fac_vs_dep(name, i, text)
            if "optimizer" in tags:
                check_optimizer(name, i, cell, text)
            if "interactive" in tags and "ended (headless)" not in text:
                fail(name, i, "interactive tuner did not end headless")
        summary.append(f"{name}: {charts} charts, checks: {', '.join(sorted(tags_seen - {'chart'})) or 'generic'}")
    for s in summary:
        print("checked", s)
    if failures:
        print(f"{len(failures)} notebook check(s) failed:")
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print("notebook checks passed")


if __name__ == "__main__":
    main()
