// This file binds the Frontend to GoNB's gonbui packages (github.com/janpfeifer/gonb,
// pinned by go.mod).

package gonb

import (
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
)

// GoNB returns the Notebook of the running GoNB cell program.
func GoNB() Notebook { return gonbuiNotebook{} }

// NewGoNB returns a Frontend for the running GoNB cell program.
func NewGoNB(opts Options) *Frontend { return New(GoNB(), opts) }

type gonbuiNotebook struct{}

// IsNotebook implements Notebook.
func (gonbuiNotebook) IsNotebook() bool { return gonbui.IsNotebook }

// UpdateHTML implements Notebook.
func (gonbuiNotebook) UpdateHTML(displayID, html string) { gonbui.UpdateHTML(displayID, html) }

// Send implements Notebook.
func (gonbuiNotebook) Send(address, value string) { comms.Send(address, value) }

// Subscribe implements Notebook.
func (gonbuiNotebook) Subscribe(address string, fn func(string)) {
	comms.Subscribe(address, func(_ string, value string) { fn(value) })
}

// Sync implements Notebook.
func (gonbuiNotebook) Sync() { gonbui.Sync() }

// StartComms implements Notebook.
func (gonbuiNotebook) StartComms() { comms.Start() }

// Err implements Notebook.
func (gonbuiNotebook) Err() error { return gonbui.Error() }
