// Package kernel defines the bridge between Go code and whatever front end shows
// its output: a web page, a Jupyter notebook running GoNB, a terminal, or a test.
//
// Widgets and plots talk only to the [Frontend] interface, so the same code runs
// everywhere. A Frontend offers four services:
//
//   - Outputs: HTML shown as a new output ([Display.DisplayHTML]), replaced in
//     place by its [OutputID] ([Display.UpdateHTML]), transient outputs that are
//     never saved ([Display.DisplayTransient]) and plain text ([Display.Print]).
//   - A comm channel ([Comm]) that carries messages of the form address → JSON
//     value in both directions. Go sends with [Comm.Send]; messages from the
//     front end reach Go through [Comm.Subscribe] (a channel with latest-only
//     delivery) or [Comm.Handle] (a quick synchronous callback).
//   - Progress bars ([Frontend.StartProgress]) updated in place.
//   - [Frontend.Connected], which tells whether a live front end is listening, so
//     that nothing ever blocks waiting for a browser that is not there.
//
// # Latest-only delivery
//
// A [Subscription] holds at most one undelivered message. When a new message
// arrives before the subscriber has read the previous one, the older message is
// dropped and counted ([Subscription.Dropped]). A subscriber that is busy (for
// example running a simulation while the user drags a slider) therefore sees
// only the newest value when it next reads, never a queue of stale ones.
//
// # The front-end side of the comm channel
//
// Scripts inside displayed HTML reach the comm channel through a global object
// that every front-end implementation must provide:
//
//	window.synaptuneComm.send(address, value)   // to Go; value is any JSON value
//	window.synaptuneComm.on(address, callback)  // from Go; returns a function that unsubscribes
//
// on calls callback(value) for each message Go sends to address, and at once
// with the newest value already received for that address, if any. A script
// that may run before the object exists pushes a function onto the array
// window.synaptuneCommReady (creating it if missing); the front end calls each
// queued function with the comm object as soon as it is available.
//
// Implementations live in sub-packages: kernel/memory (tests), kernel/plain
// (terminals and report files), kernel/web (a local web page) and kernel/gonb
// (Jupyter notebooks run by GoNB). Router, IDs
// and the progress helpers in this package are the shared parts they build on.
package kernel
