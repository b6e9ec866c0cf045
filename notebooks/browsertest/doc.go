// Package browsertest holds the real-browser test of the notebooks: classic
// Jupyter Notebook on loopback with a known token, headless Chromium driven by
// chromedp with the network cut off, synaptic_tuner.ipynb run cell by cell in
// the page, and the interactive tuner moved and clicked like a user would;
// a second test presses the stop button (a kernel interrupt) while the
// interactive tuner runs and checks that the cell ends cleanly.
//
// The test runs only when SYNAPTUNE_NOTEBOOK_BROWSER=1 (notebooks/browser.sh
// sets it after `make notebooks`), because it needs Jupyter, the GoNB kernel
// and Chromium; with that switch on, a missing tool is a failure, not a skip.
package browsertest
