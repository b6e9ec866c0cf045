package widgets

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/synaptune/synaptune/kernel"
)

// Box lays out child widgets in a row (HBox) or a column (VBox). Hiding a box
// hides all its children; closing it closes them.
type Box struct {
	base
	kind     string
	children []Widget
}

// NewHBox creates a box that lays children out from left to right.
func NewHBox(fe kernel.Frontend, children ...Widget) (*Box, error) {
	return newBox(fe, "hbox", children)
}

// NewVBox creates a box that lays children out from top to bottom.
func NewVBox(fe kernel.Frontend, children ...Widget) (*Box, error) {
	return newBox(fe, "vbox", children)
}

func newBox(fe kernel.Frontend, kind string, children []Widget) (*Box, error) {
	if slices.Contains(children, nil) {
		return nil, errors.New("new " + kind + ": nil child")
	}
	b := &Box{kind: kind, children: slices.Clone(children)}
	if err := b.init(fe, kind); err != nil {
		return nil, err
	}
	return b, nil
}

// Children returns the children in layout order.
func (b *Box) Children() []Widget { return slices.Clone(b.children) }

// Close implements Widget; it closes the children too.
func (b *Box) Close() {
	b.stopHandlers()
	for _, c := range b.children {
		c.Close()
	}
}

// HTML implements Widget.
func (b *Box) HTML() string {
	dir := "row"
	if b.kind == "vbox" {
		dir = "column"
	}
	var s strings.Builder
	s.WriteString(b.rootOpen(b.kind))
	fmt.Fprintf(&s, `<div style="display:flex;flex-direction:%s;flex-wrap:wrap;gap:6px 12px;align-items:%s">`,
		dir, map[string]string{"row": "center", "column": "flex-start"}[dir])
	for _, c := range b.children {
		s.WriteString(c.HTML())
	}
	s.WriteString(`</div></div>`)
	s.WriteString(script(b.ID(), false))
	return s.String()
}
