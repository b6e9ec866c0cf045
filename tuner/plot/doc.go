// Package plot builds synaptune's figures from plain data and turns them into
// HTML that draws itself with the echarts library, with no network access.
//
// The figures follow the panels, labels and units of bmtool's synapse tuner:
//
//   - [SingleEvent] and [Train]: the synaptic current (pA), the clamp current
//     (pA) or the soma voltage (mV), then one panel per extra recorded
//     variable; the train figure numbers each pulse's peak.
//   - [FrequencyResponse]: paired-pulse ratios, induction and recovery against
//     the input frequency, with reference lines at 1 and 0.
//   - [Convergence]: the optimiser's error on a log axis and each parameter's
//     path.
//   - [SynapticTable]: bar charts comparing connections.
//
// Every builder takes plain Go values (this package knows nothing of the
// simulator or the tuner) and returns a [Figure]: the echarts option as JSON,
// built with go-echarts. Long traces are thinned for display by [Reduce],
// which keeps every local extreme that matters, so no more than
// [MaxDisplayPoints] points per series reach the browser.
//
// # Showing a figure
//
// [Figure.HTML] returns a self-contained snippet: a div with a fresh id and a
// small script that draws the option with echarts.init and setOption as soon
// as window.echarts exists. Scripts that run before the library is loaded
// queue themselves; the loader ([LoaderScript]) runs the queue.
//
// The scripts use two page-wide names: window.synaptunePlots maps each
// element id to its live echarts instance (so [Figure.UpdateScript] can
// replace the option in place), and window.synaptuneEChartsQueue holds the
// draw functions waiting for the library. Neither script declares anything
// at the top level, so any snippet can run any number of times.
//
// The echarts library itself (npm package echarts@5.4.3, dist/echarts.min.js)
// is never part of this repository. [InstallECharts] fetches it with npm into
// a cache folder outside the repository and checks its sha256;
// [EChartsLibrary] reads and checks it at run time and, when it is missing,
// returns an error that names the set-up command.
//
// # Files without a browser
//
// [SaveSynapticCurrent] writes the synaptic-current panel as PNG or SVG with
// gonum.org/v1/plot, the server-side counterpart of bmtool's "Save Plot".
package plot
