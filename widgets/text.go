package widgets

import (
	"fmt"
	"html"
	"math"
	"strconv"

	"github.com/synaptune/synaptune/kernel"
)

// FloatTextConfig configures a FloatText.
type FloatTextConfig struct {
	// Label describes the box.
	Label string
	// Value is the initial value.
	Value float64
}

// FloatText is a box for typing a number.
type FloatText struct {
	valued[float64]
	label string
}

// NewFloatText creates a number box on fe.
func NewFloatText(fe kernel.Frontend, cfg FloatTextConfig) (*FloatText, error) {
	if math.IsNaN(cfg.Value) || math.IsInf(cfg.Value, 0) {
		return nil, fmt.Errorf("new float text %q: Value is %v", cfg.Label, cfg.Value)
	}
	t := &FloatText{label: cfg.Label}
	if err := t.init(fe, "float text"); err != nil {
		return nil, err
	}
	t.value = cfg.Value
	t.listen(decodeFloat)
	return t, nil
}

// SetValue sets the number from Go and updates the front end. It does not fire
// Changes or OnChange.
func (t *FloatText) SetValue(x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("float text %q: cannot set %v", t.label, x)
	}
	return t.store(x)
}

// HTML implements Widget.
func (t *FloatText) HTML() string {
	id := t.ID()
	return t.rootOpen("floattext") + t.labelHTML(t.label) +
		fmt.Sprintf(`<input id="%s-c" type="number" step="any" value="%s"%s></div>`,
			id, strconv.FormatFloat(t.Value(), 'g', -1, 64), t.disabledAttr()) +
		script(id, true,
			`var el=q("-c");`,
			`el.addEventListener("change",function(){var v=parseFloat(el.value);if(isFinite(v))send("/value",v)});`,
			`on("/value",function(v){el.value=v});`)
}

// TextConfig configures a Text.
type TextConfig struct {
	// Label describes the box.
	Label string
	// Value is the initial text.
	Value string
	// Placeholder is shown while the box is empty.
	Placeholder string
}

// Text is a one-line text box. The value is sent when the user presses Enter
// or leaves the box.
type Text struct {
	valued[string]
	cfg TextConfig
}

// NewText creates a text box on fe.
func NewText(fe kernel.Frontend, cfg TextConfig) (*Text, error) {
	t := &Text{cfg: cfg}
	if err := t.init(fe, "text"); err != nil {
		return nil, err
	}
	t.value = cfg.Value
	t.listen(decodeString)
	return t, nil
}

// SetValue sets the text from Go and updates the front end. It does not fire
// Changes or OnChange.
func (t *Text) SetValue(s string) error { return t.store(s) }

// HTML implements Widget.
func (t *Text) HTML() string {
	id := t.ID()
	return t.rootOpen("text") + t.labelHTML(t.cfg.Label) +
		fmt.Sprintf(`<input id="%s-c" type="text" value="%s" placeholder="%s"%s></div>`,
			id, html.EscapeString(t.Value()), html.EscapeString(t.cfg.Placeholder), t.disabledAttr()) +
		script(id, true,
			`var el=q("-c");`,
			`el.addEventListener("change",function(){send("/value",el.value)});`,
			`on("/value",function(v){el.value=v});`)
}

// Label shows text that only Go changes.
type Label struct {
	base
	text string
}

// NewLabel creates a label on fe.
func NewLabel(fe kernel.Frontend, text string) (*Label, error) {
	l := &Label{text: text}
	if err := l.init(fe, "label"); err != nil {
		return nil, err
	}
	return l, nil
}

// Text returns the current text.
func (l *Label) Text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text
}

// SetText replaces the text in Go and in the front end.
func (l *Label) SetText(text string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.text = text
	return l.send(suffixValue, text)
}

// Close implements Widget; a label listens to nothing.
func (l *Label) Close() { l.stopHandlers() }

// HTML implements Widget.
func (l *Label) HTML() string {
	id := l.ID()
	return l.rootOpen("label") +
		fmt.Sprintf(`<span id="%s-c">%s</span></div>`, id, html.EscapeString(l.Text())) +
		script(id, false, `on("/value",function(v){q("-c").textContent=v});`)
}
