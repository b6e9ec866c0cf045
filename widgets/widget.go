package widgets

import (
	"errors"
	"fmt"
	"html"
	"strings"
	"sync"

	"github.com/synaptune/synaptune/kernel"
)

// Widget is a control or container that a front end can show.
type Widget interface {
	// ID returns the widget's id: the HTML id of its root element and the
	// prefix of its comm addresses.
	ID() string
	// HTML renders the widget in its current state, with the script that
	// binds it to the comm channel.
	HTML() string
	// Show makes the widget visible.
	Show() error
	// Hide hides the widget (it keeps its place in the Go program and its value).
	Hide() error
	// Visible reports whether the widget is shown.
	Visible() bool
	// Close stops listening to the front end and closes the widget's event
	// channels. The widget must not be used after Close.
	Close()
}

// Display shows w as a new output of fe and returns the output's id. A widget
// should be on the page once at a time; to move it, update the output that
// holds it.
func Display(fe kernel.Display, w Widget) (kernel.OutputID, error) {
	if fe == nil || w == nil {
		return "", errors.New("widgets.Display: nil front end or widget")
	}
	id, err := fe.DisplayHTML(w.HTML())
	if err != nil {
		return "", fmt.Errorf("display widget %s: %w", w.ID(), err)
	}
	return id, nil
}

// Address suffixes of the wire protocol (see the package documentation).
const (
	suffixValue    = "/value"
	suffixVisible  = "/visible"
	suffixDisabled = "/disabled"
	suffixClick    = "/click"
	suffixHTML     = "/html"
	suffixAppend   = "/append"
)

// base holds what every widget has: an id, a front end, visibility and the
// handlers to stop on Close.
type base struct {
	fe kernel.Frontend
	id string

	mu       sync.Mutex
	visible  bool
	disabled bool
	stops    []func()
}

// init gives the widget its front end and a fresh id; it is called once by
// each constructor before the widget is shared.
func (b *base) init(fe kernel.Frontend, kind string) error {
	if fe == nil {
		return fmt.Errorf("new %s: nil front end", kind)
	}
	b.fe = fe
	b.id = fe.NewID("w")
	b.visible = true
	return nil
}

// ID implements Widget.
func (b *base) ID() string { return b.id }

// Show implements Widget.
func (b *base) Show() error { return b.setVisible(true) }

// Hide implements Widget.
func (b *base) Hide() error { return b.setVisible(false) }

// SetVisible shows or hides the widget.
func (b *base) SetVisible(visible bool) error { return b.setVisible(visible) }

func (b *base) setVisible(v bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.visible = v
	return b.send(suffixVisible, v)
}

// Visible implements Widget.
func (b *base) Visible() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.visible
}

// send sends value to the widget's address with the given suffix; callers hold b.mu
// so that the front end sees changes in the order Go made them.
func (b *base) send(suffix string, value any) error {
	if err := b.fe.Send(b.id+suffix, value); err != nil {
		return fmt.Errorf("widget %s: %w", b.id, err)
	}
	return nil
}

func (b *base) handle(suffix string, fn func(kernel.Message)) {
	stop := b.fe.Handle(b.id+suffix, fn)
	b.mu.Lock()
	b.stops = append(b.stops, stop)
	b.mu.Unlock()
}

func (b *base) stopHandlers() {
	b.mu.Lock()
	stops := b.stops
	b.stops = nil
	b.mu.Unlock()
	for _, stop := range stops {
		stop()
	}
}

// rootOpen returns the opening tag of the widget's root element.
func (b *base) rootOpen(kind string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	style := ""
	if !b.visible {
		style = ` style="display:none"`
	}
	return fmt.Sprintf(`<div id="%s" class="synaptune-widget synaptune-%s"%s>`, b.id, kind, style)
}

// control is a widget with an input element that can be disabled.
type control struct {
	base
}

// SetDisabled greys out (true) or re-enables (false) the widget's control.
func (c *control) SetDisabled(disabled bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.disabled = disabled
	return c.send(suffixDisabled, disabled)
}

// Disabled reports whether the control is disabled.
func (c *control) Disabled() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.disabled
}

func (c *control) disabledAttr() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.disabled {
		return " disabled"
	}
	return ""
}

// labelHTML renders an optional description label for the control.
func (b *base) labelHTML(label string) string {
	if label == "" {
		return ""
	}
	return fmt.Sprintf(`<label for="%s-c">%s</label> `, b.id, html.EscapeString(label))
}

func checkOptions(kind string, options []string, value string) (string, error) {
	if len(options) == 0 {
		return "", fmt.Errorf("new %s: no options", kind)
	}
	seen := make(map[string]bool, len(options))
	for _, o := range options {
		if seen[o] {
			return "", fmt.Errorf("new %s: option %q appears twice", kind, o)
		}
		seen[o] = true
	}
	if value == "" {
		return options[0], nil
	}
	if !seen[value] {
		return "", fmt.Errorf("new %s: value %q is not one of the options %s", kind, value, strings.Join(options, ", "))
	}
	return value, nil
}
