package kernel

import (
	"context"
	"encoding/json"
	"fmt"
)

// OutputID names one output of a front end, so that it can be replaced in place.
type OutputID string

// Message is one comm message: a JSON value sent to an address.
type Message struct {
	// Address names the channel, for example "w3/value".
	Address string
	// Value is the JSON encoding of the value.
	Value json.RawMessage
}

// Decode unmarshals the message value into v and names the address on failure.
func (m Message) Decode(v any) error {
	if err := json.Unmarshal(m.Value, v); err != nil {
		return fmt.Errorf("comm message to %q: %w", m.Address, err)
	}
	return nil
}

// Display is the output part of a front end.
type Display interface {
	// DisplayHTML shows html as a new output and returns its id.
	DisplayHTML(html string) (OutputID, error)
	// UpdateHTML replaces the content of the output id with html. If no output
	// has that id yet, a new output with that id is created.
	UpdateHTML(id OutputID, html string) error
	// DisplayTransient shows html (typically a script) that runs in the front
	// end but is not kept: it is neither saved nor replayed to a front end that
	// connects later.
	DisplayTransient(html string) error
	// Print shows plain text as a new output.
	Print(text string) error
}

// Comm is the comm channel of a front end: address → JSON value messages.
type Comm interface {
	// Send encodes value as JSON and sends it to address in the front end.
	Send(address string, value any) error
	// Subscribe returns a subscription that receives the messages the front end
	// sends to address, with latest-only delivery. Close it when done.
	Subscribe(address string) *Subscription
	// Handle calls fn for every message the front end sends to address, in
	// arrival order, on the goroutine that delivers messages. fn must return
	// quickly (store a value, send a comm message); slow work belongs behind a
	// Subscription. Calling the returned function stops the calls.
	Handle(address string, fn func(Message)) (stop func())
}

// Progress is a progress bar shown by a front end and updated in place.
type Progress interface {
	// Update sets the number of completed steps. Front ends may skip updates
	// that come faster than they can show.
	Update(done int) error
	// Finish shows the final state (all steps done) and releases the bar.
	Finish() error
}

// Frontend is everything widgets and plots need from a front end.
type Frontend interface {
	Display
	Comm
	// NewID returns an identifier that is unique within the front end, suitable
	// for HTML element ids and comm addresses. It starts with prefix.
	NewID(prefix string) string
	// StartProgress shows a new progress bar for total steps.
	StartProgress(label string, total int) (Progress, error)
	// Connected reports whether a live front end is connected. It waits until
	// one connects or ctx is done, whichever comes first; with an expired ctx it
	// answers at once.
	Connected(ctx context.Context) bool
}
