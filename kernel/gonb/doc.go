// Package gonb is a kernel.Frontend for Jupyter notebooks run by the GoNB
// kernel. It reaches the notebook through the small Notebook interface: GoNB
// returns the adapter over GoNB's gonbui packages (NewGoNB builds a Frontend
// on it), and tests use a fake.
//
// What it does with GoNB:
//
//   - Outputs are display_data blocks with a display id (gonbui.UpdateHTML), so
//     they can be replaced in place; the last content is what the saved
//     notebook keeps. Transient outputs are shown, synchronised, and blanked.
//   - Comm messages travel over gonbui/comms as strings holding JSON text,
//     because GoNB's comms carry only a few Go types and its browser side
//     drops falsy values such as 0, false and "". The browser-side adapter
//     (shim.js, installed on first comm use) provides window.synaptuneComm
//     over gonb_comm and tags each message to Go with an increasing sequence
//     number: GoNB delivers each message on its own goroutine, and the
//     Frontend drops a message older than one it has already delivered, so a
//     dragged slider never ends on a stale value.
//   - Connected probes the browser once per program: it subscribes to a random
//     address and sends a transient script that answers on it. While no
//     answer comes, it asks GoNB every few seconds to check its browser
//     connection (GoNB's gonb_comm gives up when the kernel's acknowledgement
//     is late, and GoNB then installs it again) and probes again. Without a
//     notebook, or when the environment variable named by
//     Options.HeadlessEnv (default SYNAPTUNE_HEADLESS) is set to a non-empty
//     value other than 0, it answers false at once and comms are switched
//     off entirely, so a headless run (nbconvert) neither waits for GoNB's 3 s
//     comm installation nor keeps its bootstrap script in the notebook.
//
// GoNB runs each cell as its own program, and output still queued when the
// program exits is lost (or, with a pending synchronisation, crashes GoNB
// v0.11.4). Call Close at the end of the cell, on the main goroutine.
package gonb
