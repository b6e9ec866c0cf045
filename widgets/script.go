package widgets

import (
	"encoding/json"
	"strings"
)

// js encodes v as a JavaScript literal. encoding/json escapes <, > and &, so
// the result is safe inside a <script> element.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only strings, numbers, booleans and string slices are passed here.
		return "null"
	}
	return string(b)
}

// script wraps body in the binding code every widget shares. It finds the
// widget's root element, waits for window.synaptuneComm (see the kernel
// package documentation), and gives body these helpers:
//
//	q(suffix)       the element with id <id><suffix>
//	on(suffix, fn)  subscribe to "<id><suffix>"; stops once the root leaves the page
//	send(suffix, v) send v to "<id><suffix>"
//
// Every widget follows "<id>/visible"; controls (withDisabled) also follow
// "<id>/disabled".
func script(id string, withDisabled bool, body ...string) string {
	var b strings.Builder
	b.WriteString("<script>(function(){var id=")
	b.WriteString(js(id))
	b.WriteString(`,root=document.getElementById(id);if(!root)return;` +
		`var q=function(s){return document.getElementById(id+s)};` +
		`var go=function(c){` +
		`var on=function(a,f){var off=null;off=c.on(id+a,function(v){if(!root.isConnected){if(off)off();return}f(v)})};` +
		`var send=function(a,v){c.send(id+a,v)};` +
		`on("/visible",function(v){root.style.display=v?"":"none"});`)
	if withDisabled {
		b.WriteString(`on("/disabled",function(v){var e=q("-c");if(e)e.disabled=!!v});`)
	}
	for _, s := range body {
		b.WriteString(s)
	}
	b.WriteString(`};if(window.synaptuneComm)go(window.synaptuneComm);` +
		`else(window.synaptuneCommReady=window.synaptuneCommReady||[]).push(go);})();</script>`)
	return b.String()
}
