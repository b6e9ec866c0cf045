package widgets

import (
	"fmt"
	"html"
	"sync"

	"github.com/synaptune/synaptune/kernel"
)

// ToggleButtonConfig configures a ToggleButton.
type ToggleButtonConfig struct {
	// Label is the text on the button.
	Label string
	// Value is the initial state (true = pressed).
	Value bool
}

// ToggleButton is a button that stays pressed or released: a bool value.
type ToggleButton struct {
	valued[bool]
	label string
}

// NewToggleButton creates a toggle button on fe.
func NewToggleButton(fe kernel.Frontend, cfg ToggleButtonConfig) (*ToggleButton, error) {
	t := &ToggleButton{label: cfg.Label}
	if err := t.init(fe, "toggle button"); err != nil {
		return nil, err
	}
	t.value = cfg.Value
	t.listen(decodeBool)
	return t, nil
}

// SetValue presses (true) or releases (false) the button from Go. It does not
// fire Changes or OnChange.
func (t *ToggleButton) SetValue(on bool) error { return t.store(on) }

// HTML implements Widget.
func (t *ToggleButton) HTML() string {
	v := t.Value()
	id := t.ID()
	return t.rootOpen("togglebutton") +
		fmt.Sprintf(`<button id="%s-c" type="button" aria-pressed="%t"%s%s>%s</button></div>`,
			id, v, pressedStyle(v), t.disabledAttr(), html.EscapeString(t.label)) +
		script(id, true,
			`var el=q("-c"),s=`, js(v), `;`,
			`var paint=function(){el.setAttribute("aria-pressed",s?"true":"false");el.style.borderStyle=s?"inset":"";el.style.fontWeight=s?"bold":""};`,
			`el.addEventListener("click",function(){s=!s;paint();send("/value",s)});`,
			`on("/value",function(v){s=!!v;paint()});`)
}

func pressedStyle(on bool) string {
	if on {
		return ` style="border-style:inset;font-weight:bold"`
	}
	return ""
}

// ButtonConfig configures a Button.
type ButtonConfig struct {
	// Label is the text on the button.
	Label string
}

// Button is a push button. Each click in the front end sends a message to
// "<id>/click"; Go counts the clicks.
type Button struct {
	control
	label    string
	clicks   int
	events   *events[int]
	dispatch sync.Mutex
}

// NewButton creates a button on fe.
func NewButton(fe kernel.Frontend, cfg ButtonConfig) (*Button, error) {
	b := &Button{label: cfg.Label, events: newEvents[int]()}
	if err := b.init(fe, "button"); err != nil {
		return nil, err
	}
	b.handle(suffixClick, func(kernel.Message) {
		b.dispatch.Lock()
		defer b.dispatch.Unlock()
		b.mu.Lock()
		b.clicks++
		n := b.clicks
		b.mu.Unlock()
		b.events.emit(n)
	})
	return b, nil
}

// Clicks returns a channel that receives the total number of clicks so far
// after each click. Delivery is latest-only: clicks made while the reader is
// busy collapse into one value (the newest count). It is closed by Close.
func (b *Button) Clicks() <-chan int { return b.events.c }

// OnClick registers fn to be called with the click count after each click. fn
// runs on the goroutine that delivers comm messages and must return quickly.
func (b *Button) OnClick(fn func(count int)) { b.events.on(fn) }

// Count returns the number of clicks so far.
func (b *Button) Count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.clicks
}

// Close implements Widget.
func (b *Button) Close() {
	b.stopHandlers()
	b.events.close()
}

// HTML implements Widget.
func (b *Button) HTML() string {
	id := b.ID()
	return b.rootOpen("button") +
		fmt.Sprintf(`<button id="%s-c" type="button"%s>%s</button></div>`, id, b.disabledAttr(), html.EscapeString(b.label)) +
		script(id, true,
			`var el=q("-c"),n=0;`,
			`el.addEventListener("click",function(){n++;send("/click",n)});`)
}
