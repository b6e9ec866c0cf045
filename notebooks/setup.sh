#!/usr/bin/env bash
# Sets up everything the notebooks need, on Debian, in one go:
#   1. Jupyter (classic notebook 6, nbconvert, ipykernel) from apt, when missing;
#   2. the GoNB kernel and goimports, built from the pinned tools module
#      (notebooks/tools/go.mod) into notebooks/bin, and GoNB installed as a
#      Jupyter kernel;
#   3. the echarts library (npm, pinned, sha256-checked) in synaptune's cache.
# Run it as `make notebooks` from the repository root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

echo "== Jupyter (apt)"
need=()
for p in jupyter-notebook jupyter-nbconvert python3-ipykernel; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
jupyter notebook --version | sed 's/^/notebook /'

echo "== GoNB kernel and goimports (pinned in notebooks/tools/go.mod)"
(cd "$here/tools" && go build -o "$here/bin/" github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports)
go version -m "$here/bin/gonb" | awk '$1=="mod"{print "gonb", $3}'
# GoNB checks for goimports and gopls; gopls only serves completion and
# hover help, so it is not required.
PATH="$here/bin:$PATH" "$here/bin/gonb" --install --force_copy --force_deps --logtostderr 2>&1 | grep -v "gopls\|^$\|go install\|Program goimports\|and generally" || true
kernel_json="$(jupyter --data-dir)/kernels/gonb/kernel.json"
[ -f "$kernel_json" ] || { echo "GoNB kernel spec not found at $kernel_json" >&2; exit 1; }
echo "kernel spec: $kernel_json"

echo "== echarts library"
(cd "$root" && go run ./cmd/synaptune setup-echarts)

echo
echo "Set-up done. Start Jupyter with: make notebooks-serve"
