// Package memory is a kernel.Frontend that keeps everything in memory, for
// tests. It records every output, transient output, printed text and comm
// message sent by Go, and lets a test play the front end by injecting comm
// messages, which are delivered synchronously: when Inject returns, every
// handler of the address has run.
package memory
