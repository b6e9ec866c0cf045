#!/usr/bin/env bash
# Real-browser tests of the notebooks: Jupyter on loopback with a known
# token, headless Chromium (chromedp) with the network cut off, run all cells,
# move the interactive tuner's Use slider, Run Train, Done; and the stop
# button (kernel interrupt) ending the interactive tuner cleanly. Needs
# `make notebooks` and `apt-get install chromium`. Screenshots, the saved
# notebook and Jupyter's log go to notebooks/artifacts/browser/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export PATH="$here/bin:$PATH"
export SYNAPTUNE_NOTEBOOK_BROWSER=1
export SYNAPTUNE_TEST_ARTIFACTS="${SYNAPTUNE_TEST_ARTIFACTS:-$here/artifacts/browser}"
unset SYNAPTUNE_HEADLESS
cd "$here/.."
go test -count=1 -timeout 20m -v ./notebooks/browsertest/
