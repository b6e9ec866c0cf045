package memory

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/synaptune/synaptune/kernel"
)

// Output is one recorded output.
type Output struct {
	// ID identifies the output.
	ID kernel.OutputID
	// HTML is the current content.
	HTML string
	// Updates counts how many times the content was replaced after it was first shown.
	Updates int
}

// Frontend is an in-memory kernel.Frontend. Create it with New.
type Frontend struct {
	router kernel.Router
	ids    *kernel.IDs

	mu         sync.Mutex
	outputs    []*Output
	byID       map[kernel.OutputID]*Output
	transients []string
	printed    strings.Builder
	sent       []kernel.Message
	connected  bool
	progress   kernel.ProgressOptions
}

var _ kernel.Frontend = (*Frontend)(nil)

// New returns an empty front end whose ids are reproducible ("w" + "t-1", ...)
// and which reports itself as connected.
func New() *Frontend {
	return &Frontend{
		ids:       kernel.NewIDsWithBase("t"),
		byID:      make(map[kernel.OutputID]*Output),
		connected: true,
	}
}

// SetConnected sets what Connected reports.
func (f *Frontend) SetConnected(connected bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.connected = connected
}

// SetProgressOptions sets the options used by StartProgress (e.g. a fake clock).
func (f *Frontend) SetProgressOptions(opts kernel.ProgressOptions) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.progress = opts
}

// NewID implements kernel.Frontend.
func (f *Frontend) NewID(prefix string) string { return f.ids.New(prefix) }

// DisplayHTML implements kernel.Display.
func (f *Frontend) DisplayHTML(html string) (kernel.OutputID, error) {
	id := kernel.OutputID(f.ids.New("out"))
	f.mu.Lock()
	defer f.mu.Unlock()
	f.add(id, html)
	return id, nil
}

func (f *Frontend) add(id kernel.OutputID, html string) {
	o := &Output{ID: id, HTML: html}
	f.outputs = append(f.outputs, o)
	f.byID[id] = o
}

// UpdateHTML implements kernel.Display.
func (f *Frontend) UpdateHTML(id kernel.OutputID, html string) error {
	if id == "" {
		return fmt.Errorf("update output: empty id")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.byID[id]
	if !ok {
		f.add(id, html)
		return nil
	}
	o.HTML = html
	o.Updates++
	return nil
}

// DisplayTransient implements kernel.Display.
func (f *Frontend) DisplayTransient(html string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.transients = append(f.transients, html)
	return nil
}

// Print implements kernel.Display.
func (f *Frontend) Print(text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.printed.WriteString(text)
	return nil
}

// Send implements kernel.Comm; the message is recorded.
func (f *Frontend) Send(address string, value any) error {
	b, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("send to %q: %w", address, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, kernel.Message{Address: address, Value: b})
	return nil
}

// Subscribe implements kernel.Comm.
func (f *Frontend) Subscribe(address string) *kernel.Subscription {
	return f.router.Subscribe(address)
}

// Handle implements kernel.Comm.
func (f *Frontend) Handle(address string, fn func(kernel.Message)) (stop func()) {
	return f.router.Handle(address, fn)
}

// StartProgress implements kernel.Frontend with an HTML progress bar.
func (f *Frontend) StartProgress(label string, total int) (kernel.Progress, error) {
	f.mu.Lock()
	opts := f.progress
	f.mu.Unlock()
	return kernel.StartHTMLProgress(f, label, total, opts)
}

// Connected implements kernel.Frontend; it answers SetConnected's value at once.
func (f *Frontend) Connected(context.Context) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.connected
}

// Inject plays the front end: it sends value (encoded as JSON) to address and
// returns after every handler has run. It reports whether anyone listened.
func (f *Frontend) Inject(address string, value any) (bool, error) {
	b, err := json.Marshal(value)
	if err != nil {
		return false, fmt.Errorf("inject to %q: %w", address, err)
	}
	return f.InjectRaw(address, b), nil
}

// InjectRaw is Inject with an already encoded (possibly malformed) value.
func (f *Frontend) InjectRaw(address string, value json.RawMessage) bool {
	return f.router.Dispatch(kernel.Message{Address: address, Value: value})
}

// Outputs returns copies of the outputs in display order.
func (f *Frontend) Outputs() []Output {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Output, len(f.outputs))
	for i, o := range f.outputs {
		out[i] = *o
	}
	return out
}

// Output returns the current content of output id.
func (f *Frontend) Output(id kernel.OutputID) (Output, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.byID[id]
	if !ok {
		return Output{}, false
	}
	return *o, true
}

// Transients returns the transient outputs shown so far.
func (f *Frontend) Transients() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.transients...)
}

// Printed returns all text printed so far.
func (f *Frontend) Printed() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.printed.String()
}

// Sent returns the comm messages Go sent, in order.
func (f *Frontend) Sent() []kernel.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]kernel.Message(nil), f.sent...)
}

// LastSent returns the newest value Go sent to address.
func (f *Frontend) LastSent(address string) (json.RawMessage, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.sent) - 1; i >= 0; i-- {
		if f.sent[i].Address == address {
			return f.sent[i].Value, true
		}
	}
	return nil, false
}

// SentCount returns how many messages Go sent to address.
func (f *Frontend) SentCount(address string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, m := range f.sent {
		if m.Address == address {
			n++
		}
	}
	return n
}
