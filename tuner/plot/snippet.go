package plot

import (
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// The scripts are read-only: they are only ever filled into new strings.
var (
	//go:embed js/draw.js
	drawJS string
	//go:embed js/update.js
	updateJS string
	//go:embed js/loader.js
	loaderJS string
)

var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,99}$`)

// NewID returns a fresh element id for a figure: "synaptune-plot-" and 16
// random hexadecimal digits.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return "synaptune-plot-" + hex.EncodeToString(b[:])
}

// HTML returns a self-contained snippet that shows the figure: a div with a
// fresh id (see [NewID]) and a script that draws the option into it with
// echarts.init and setOption. When window.echarts is not there yet, the
// script queues itself and the library loader ([LoaderScript]) draws it. The
// snippet refers to nothing outside the page, and the same figure can be
// shown any number of times.
func (f Figure) HTML() string {
	s, _ := f.HTMLWithID(NewID()) // a NewID is always valid
	return s
}

// HTMLWithID is HTML with the caller's element id, for an output that is
// replaced in place (showing the snippet again disposes the old chart
// first). id must start with a letter and hold only letters, digits, '-'
// and '_' (at most 100 characters).
func (f Figure) HTMLWithID(id string) (string, error) {
	if !idPattern.MatchString(id) {
		return "", fmt.Errorf("plot: element id %q: want a letter, then letters, digits, '-' or '_'", id)
	}
	if len(f.Option) == 0 {
		return "", fmt.Errorf("plot: figure %q has no option", id)
	}
	style := "width:100%;height:" + px(max(f.Height, 100))
	if f.Width > 0 {
		style += ";max-width:" + px(f.Width)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<div id=\"%s\" class=\"synaptune-plot\" style=\"%s\"></div>\n", id, html.EscapeString(style))
	b.WriteString("<script>\n")
	b.WriteString(fill(drawJS, id, f.Option))
	b.WriteString("</script>\n")
	return b.String(), nil
}

// UpdateScript returns JavaScript that replaces the option of the figure
// drawn under id (by HTMLWithID) with f's, in place and without redrawing
// the element; it does nothing when no such figure is on the page.
func (f Figure) UpdateScript(id string) (string, error) {
	if !idPattern.MatchString(id) {
		return "", fmt.Errorf("plot: element id %q: want a letter, then letters, digits, '-' or '_'", id)
	}
	return fill(updateJS, id, f.Option), nil
}

// fill puts the id and the option into a script's markers. The id is plain
// (checked against idPattern) and the option is JSON with <, > and &
// escaped, so neither can end the script element.
func fill(js, id string, option []byte) string {
	js = strings.Replace(js, `"__ID__"`, `"`+id+`"`, 1)
	return strings.Replace(js, "__OPTION__", escapeScript(string(option)), 1)
}

var scriptEnd = regexp.MustCompile(`(?i)</(script)`)

// escapeScript makes text safe inside a <script> element by writing "</script"
// (in any case) as "<\/script", which means the same inside JavaScript
// strings, regular expressions and comments, the only places it can occur.
func escapeScript(s string) string {
	return scriptEnd.ReplaceAllString(s, `<\/$1`)
}
