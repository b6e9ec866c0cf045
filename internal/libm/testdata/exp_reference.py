"""Writes exp.json: arguments and the C library's exp of them, as the bits
of each double, for the bit-for-bit test of package libm.

Python's math.exp calls the C library's exp, the one NEURON uses. Run with
the system Python:  /usr/bin/python3 internal/libm/testdata/exp_reference.py OUTDIR
"""
import json
import math
import os
import random
import struct
import sys


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def arguments():
    rng = random.Random(20261126)
    xs = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0 ** -60, -2.0 ** -60, 2.0 ** -54, 2.0 ** -53,
          709.78, 709.79, 710.0, -708.3, -708.4, -720.0, -745.1, -745.2, -746.0, -1000.0, 1000.0,
          511.9, 512.0, 512.1, -512.0, -600.0, 700.0, math.inf, -math.inf]
    # the ranges the models use: rates exp(±(v - v_half)/k), exp(-dt/tau)
    xs += [rng.uniform(-20.0, 20.0) for _ in range(8000)]
    xs += [rng.uniform(-1e-3, 0.0) for _ in range(2000)]
    xs += [rng.uniform(-745.5, 709.9) for _ in range(4000)]
    xs += [math.ldexp(rng.uniform(-1.0, 1.0), rng.randint(-60, 0)) for _ in range(2000)]
    # exact k·ln2/128 neighbourhoods, where the reduction is delicate
    xs += [k * math.log(2) / 128 + rng.uniform(-1e-12, 1e-12) for k in range(-1000, 1000)]
    return xs


def c_exp(x):
    try:
        return math.exp(x)
    except OverflowError:  # the C function returns +inf (and sets ERANGE)
        return math.inf


def main():
    out = sys.argv[1]
    pairs = [[bits(x), bits(c_exp(x))] for x in arguments()]
    with open(os.path.join(out, "exp.json"), "w") as f:
        json.dump({"generator": "internal/libm/testdata/exp_reference.py", "pairs": pairs}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
