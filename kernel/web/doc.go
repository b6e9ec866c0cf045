// Package web is a kernel.Frontend that shows its outputs on a local web page
// and carries comm messages over a websocket.
//
// New binds a listener (127.0.0.1 on a free port by default) and makes a random
// session token; URL returns the page address with the token in its query.
// Every HTTP request, the websocket upgrade included, must carry the token, or
// it is refused with 403 Forbidden. Serve runs the server until its context is
// cancelled and then shuts down cleanly, closing the websockets.
//
// One server is one session with one page. The server keeps the page's state
// (the outputs in order, and the newest value of each comm address in either
// direction), so a page that is opened or reloaded later is rebuilt from it.
// Several tabs may be open; a value one tab sends is passed on to the others.
//
// The page's script is embedded in the binary and loads nothing from the
// network. When Options.EChartsFile names a local copy of the echarts library,
// the page loads it from the server at assets/echarts.min.js.
//
// # Websocket protocol
//
// Each websocket message is one JSON object with a "kind". From the server:
//
//	{"kind":"reset"}                                  clear the page (before a replay)
//	{"kind":"output","id":ID,"html":HTML}             show or replace output ID
//	{"kind":"transient","html":HTML}                  run HTML once; not replayed
//	{"kind":"comm","address":A,"value":V}             comm message to the page
//
// From the page:
//
//	{"kind":"comm","address":A,"value":V}             comm message to Go
//
// Messages from the page that are not valid JSON, are not text, have another
// kind, lack an address or a value, or exceed Options.MaxMessageBytes are
// dropped with a log line; the connection stays open. A message above
// Options.MaxFrameBytes closes that connection (also logged); the server goes on.
package web
