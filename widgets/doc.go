// Package widgets provides notebook controls — sliders, dropdowns, buttons,
// text boxes, labels, boxes and output areas — whose values are kept in step
// between Go and a front end over the comm channel of package kernel.
//
// A widget is created on a kernel.Frontend, shown with Display (or inside an
// HBox or VBox), and then used from Go: Value returns the current value,
// SetValue changes it (and the front end follows), Changes is a channel of the
// values the user sets, and OnChange registers a quick callback. Show and Hide
// toggle visibility. Widgets know nothing about what they control.
//
// # Events
//
// Changes (and Button.Clicks) deliver latest-only: the channel holds at most
// one value, and a newer value replaces an unread one. A loop that runs a long
// computation for each value therefore never works through a queue of stale
// values when the user drags a slider; it gets the newest one. Values set from
// Go with SetValue are not reported as changes, so Go code that keeps two
// widgets in step cannot start a feedback loop. A value from the front end that
// equals the current one is not reported either.
//
// # Wire protocol
//
// Each widget has an id (from kernel.Frontend.NewID; it is also the HTML id of
// the widget's root element) and talks on addresses made of the id and a
// suffix. Every message carries one JSON value.
//
//	address         direction        value
//	<id>/value      both ways        the widget's value:
//	                                   FloatSlider, FloatText: number
//	                                   IntSlider: number (rounded in Go)
//	                                   SelectionSlider, Dropdown: the option string
//	                                   ToggleButton: true/false (0/1 also accepted)
//	                                   Text: string
//	                Go → front end     Label: string (its text)
//	<id>/click      front end → Go   Button: any value, one message per click
//	<id>/visible    Go → front end   true shows, false hides the widget
//	<id>/disabled   Go → front end   true disables the widget's control
//	<id>/html       Go → front end   Output: the whole new HTML content
//
// Values from the front end that do not fit (wrong JSON type, an option that is
// not in the list, a number out of range) are ignored or, for sliders, clamped
// to the range. Go never echoes a value back to the front end that sent it.
//
// The widget HTML carries its own small script. It uses only the
// window.synaptuneComm object described in package kernel, so the same widgets
// run on every front end that provides it: the web page of kernel/web, and a
// Jupyter notebook with GoNB through a thin adapter over gonb_comm (GoNB comms
// have no boolean type, hence 0/1 for toggles).
package widgets
