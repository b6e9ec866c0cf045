#!/usr/bin/env bash
# Runs every notebook headless (jupyter nbconvert --execute, with a timeout)
# and checks the outputs with check_outputs.py. Needs `make notebooks` first.
#
#   notebooks/ci.sh            execute into notebooks/artifacts/ and check
#   notebooks/ci.sh --update   execute in place (the committed outputs) and check
#
# SYNAPTUNE_HEADLESS=1 tells kernel/gonb that no browser will connect: comms
# stay off and the interactive tuner draws its figure once and returns.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
update=0
[ "${1:-}" = "--update" ] && update=1
timeout_s="${NB_TIMEOUT:-900}"

export PATH="$here/bin:$PATH"
export SYNAPTUNE_HEADLESS=1
for tool in jupyter gonb goimports; do
	command -v "$tool" >/dev/null || { echo "missing $tool: run make notebooks" >&2; exit 1; }
done
/usr/bin/python3 -c 'import sys; from jupyter_client.kernelspec import KernelSpecManager as M; sys.exit("gonb" not in M().find_kernel_specs())' ||
	{ echo "GoNB kernel not installed: run make notebooks" >&2; exit 1; }

mkdir -p artifacts
outputs=()
for nb in *.ipynb; do
	if [ $update = 1 ]; then out="$here/$nb"; else out="$here/artifacts/${nb%.ipynb}.out.ipynb"; fi
	start=$(date +%s)
	# A cell that times out or a kernel that dies makes nbconvert fail and
	# write nothing; errors in cells are kept (--allow-errors) so the check
	# below can show them.
	if ! jupyter nbconvert --to notebook --execute "$nb" --output "$out" \
		--allow-errors --ExecutePreprocessor.timeout="$timeout_s" \
		--ExecutePreprocessor.kernel_name=gonb >"artifacts/${nb%.ipynb}.log" 2>&1; then
		echo "FAIL $nb: nbconvert failed (log: notebooks/artifacts/${nb%.ipynb}.log)" >&2
		tail -20 "artifacts/${nb%.ipynb}.log" >&2
		exit 1
	fi
	echo "ran $nb in $(( $(date +%s) - start )) s"
	outputs+=("$out")
done
/usr/bin/python3 "$here/check_outputs.py" "$here/../tuner/testdata/bmtool_golden.json" "${outputs[@]}"
