#!/bin/sh
# Regenerates the NEURON goldens: runs every golden script in NEURON 8.2.2
# (nrniv from Debian's neuron package) and stores what it prints.
# Run from engine/hoc/testdata. Needs the fake's mechanisms (pas, hh) only.
set -e
for f in core/*.hoc cells/*_test.hoc; do
	[ -e "$f" ] || continue
	(cd "$(dirname "$f")" && nrniv -nobanner -nogui "$(basename "$f")" -c 'quit()') > "${f%.hoc}.out"
done
