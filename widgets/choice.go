package widgets

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/synaptune/synaptune/kernel"
)

// choice is the shared core of widgets whose value is one of a fixed list of
// option strings. The option string itself travels on the wire.
type choice struct {
	valued[string]
	kind    string
	label   string
	options []string
}

func (c *choice) setup(fe kernel.Frontend, kind, label string, options []string, value string) error {
	v, err := checkOptions(kind, options, value)
	if err != nil {
		return err
	}
	if err := c.init(fe, kind); err != nil {
		return err
	}
	c.kind, c.label, c.options, c.value = kind, label, slices.Clone(options), v
	c.listen(func(m kernel.Message) (string, bool) {
		s, ok := decodeString(m)
		return s, ok && slices.Contains(c.options, s)
	})
	return nil
}

// Options returns a copy of the options.
func (c *choice) Options() []string { return slices.Clone(c.options) }

// Index returns the position of the current value among the options.
func (c *choice) Index() int { return slices.Index(c.options, c.Value()) }

// SetValue selects option from Go and updates the front end. It does not fire
// Changes or OnChange. An option that is not in the list is an error.
func (c *choice) SetValue(option string) error {
	if !slices.Contains(c.options, option) {
		return fmt.Errorf("%s %q: %q is not one of the options %s", c.kind, c.label, option, strings.Join(c.options, ", "))
	}
	return c.store(option)
}

// SelectionSliderConfig configures a SelectionSlider.
type SelectionSliderConfig struct {
	// Label describes the slider.
	Label string
	// Options are the values in slider order; they must be distinct.
	Options []string
	// Value is the initial option; empty means the first.
	Value string
	// Continuous sends values while the slider is dragged.
	Continuous bool
}

// SelectionSlider is a slider that picks one of a list of options, such as the
// input frequencies of a pulse train.
type SelectionSlider struct {
	choice
	continuous bool
}

// NewSelectionSlider creates a selection slider on fe.
func NewSelectionSlider(fe kernel.Frontend, cfg SelectionSliderConfig) (*SelectionSlider, error) {
	s := &SelectionSlider{continuous: cfg.Continuous}
	if err := s.setup(fe, "selection slider", cfg.Label, cfg.Options, cfg.Value); err != nil {
		return nil, err
	}
	return s, nil
}

// HTML implements Widget.
func (s *SelectionSlider) HTML() string {
	v := s.Value()
	id := s.ID()
	return s.rootOpen("selectionslider") + s.labelHTML(s.label) +
		fmt.Sprintf(`<input id="%s-c" type="range" min="0" max="%d" step="1" value="%d"%s> <output id="%s-r">%s</output></div>`,
			id, len(s.options)-1, s.Index(), s.disabledAttr(), id, html.EscapeString(v)) +
		script(id, true,
			`var el=q("-c"),r=q("-r"),o=`, js(s.options), `,cont=`, js(s.continuous), `;`,
			`var cur=function(){return o[+el.value]};`,
			`el.addEventListener("input",function(){r.textContent=cur();if(cont)send("/value",cur())});`,
			`el.addEventListener("change",function(){send("/value",cur())});`,
			`on("/value",function(v){var i=o.indexOf(v);if(i>=0){el.value=i;r.textContent=v}});`)
}

// DropdownConfig configures a Dropdown.
type DropdownConfig struct {
	// Label describes the dropdown.
	Label string
	// Options are the choices, in order; they must be distinct.
	Options []string
	// Value is the initial option; empty means the first.
	Value string
}

// Dropdown picks one of a list of options from a drop-down list.
type Dropdown struct {
	choice
}

// NewDropdown creates a dropdown on fe.
func NewDropdown(fe kernel.Frontend, cfg DropdownConfig) (*Dropdown, error) {
	d := &Dropdown{}
	if err := d.setup(fe, "dropdown", cfg.Label, cfg.Options, cfg.Value); err != nil {
		return nil, err
	}
	return d, nil
}

// HTML implements Widget.
func (d *Dropdown) HTML() string {
	v := d.Value()
	id := d.ID()
	var opts strings.Builder
	for _, o := range d.options {
		sel := ""
		if o == v {
			sel = " selected"
		}
		fmt.Fprintf(&opts, `<option value="%s"%s>%s</option>`, html.EscapeString(o), sel, html.EscapeString(o))
	}
	return d.rootOpen("dropdown") + d.labelHTML(d.label) +
		fmt.Sprintf(`<select id="%s-c"%s>%s</select></div>`, id, d.disabledAttr(), opts.String()) +
		script(id, true,
			`var el=q("-c");`,
			`el.addEventListener("change",function(){send("/value",el.value)});`,
			`on("/value",function(v){el.value=v});`)
}
