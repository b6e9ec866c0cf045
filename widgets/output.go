package widgets

import (
	"fmt"
	"html"

	"github.com/synaptune/synaptune/kernel"
)

// Output is an area whose HTML content Go replaces at will, for example a
// chart or a printout that is redrawn after each change. Scripts in the content
// run in the front end.
type Output struct {
	base
	content string
}

// NewOutput creates an empty output area on fe.
func NewOutput(fe kernel.Frontend) (*Output, error) {
	o := &Output{}
	if err := o.init(fe, "output"); err != nil {
		return nil, err
	}
	return o, nil
}

// Content returns the current HTML content.
func (o *Output) Content() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.content
}

// SetHTML replaces the content.
func (o *Output) SetHTML(content string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.content = content
	return o.send(suffixHTML, content)
}

// AppendHTML adds content after the current content.
func (o *Output) AppendHTML(content string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.content += content
	return o.send(suffixHTML, o.content)
}

// AppendText adds text, escaped and with its line breaks kept.
func (o *Output) AppendText(text string) error {
	return o.AppendHTML(`<pre style="margin:0">` + html.EscapeString(text) + `</pre>`)
}

// Clear removes the content.
func (o *Output) Clear() error { return o.SetHTML("") }

// Close implements Widget; an output area listens to nothing.
func (o *Output) Close() { o.stopHandlers() }

// HTML implements Widget.
func (o *Output) HTML() string {
	id := o.ID()
	return o.rootOpen("output") +
		fmt.Sprintf(`<div id="%s-c">%s</div></div>`, id, o.Content()) +
		script(id, false,
			`var el=q("-c");`,
			// Scripts set through innerHTML do not run; replace each by a fresh copy.
			`var run=function(){el.querySelectorAll("script").forEach(function(old){var s=document.createElement("script");`,
			`for(var i=0;i<old.attributes.length;i++)s.setAttribute(old.attributes[i].name,old.attributes[i].value);`,
			`s.text=old.text;old.replaceWith(s)})};`,
			`on("/html",function(h){el.innerHTML=h;run()});`)
}
