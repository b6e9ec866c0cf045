package widgets_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/synaptune/synaptune/internal/nodetest"
	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/widgets"
)

// step is one action of testdata/harness.js.
type step struct {
	Do      string `json:"do"`
	ID      string `json:"id,omitempty"`
	Value   any    `json:"value,omitempty"`
	Event   string `json:"event,omitempty"`
	Address string `json:"address,omitempty"`
}

type elementState struct {
	Value, Text, HTML, Display, Pressed string
	Disabled                            bool
}

type jsResult struct {
	Sent     [][]any
	State    map[string]elementState
	Handlers int
}

// runScripts runs the widget HTML's scripts in node against a fake page.
func runScripts(t *testing.T, html string, commFirst bool, steps ...step) jsResult {
	t.Helper()
	var r jsResult
	nodetest.Run(t, "the widget scripts", map[string]any{"html": html, "commFirst": commFirst, "steps": steps}, &r, "testdata/harness.js")
	return r
}

func TestScriptFloatSlider(t *testing.T) {
	for _, commFirst := range []bool{true, false} {
		fe := memory.New()
		s, _ := widgets.NewFloatSlider(fe, widgets.FloatSliderConfig{Label: "Use", Min: 0, Max: 1, Step: 0.01, Value: 0.5})
		id := s.ID()
		r := runScripts(t, s.HTML(), commFirst,
			step{Do: "set", ID: id + "-c", Value: "0.37", Event: "input"}, // dragging: readout only
			step{Do: "set", ID: id + "-c", Value: "0.4", Event: "change"}, // released: sent
			step{Do: "recv", Address: id + "/value", Value: 0.8},
			step{Do: "recv", Address: id + "/disabled", Value: true},
			step{Do: "recv", Address: id + "/visible", Value: false},
		)
		if diff := cmp.Diff([][]any{{id + "/value", 0.4}}, r.Sent); diff != "" {
			t.Errorf("commFirst=%v: sent (-want +got):\n%s", commFirst, diff)
		}
		c := r.State[id+"-c"]
		if c.Value != "0.8" || !c.Disabled || r.State[id+"-r"].Text != "0.80" || r.State[id].Display != "none" {
			t.Errorf("commFirst=%v: state after Go messages %+v", commFirst, r.State)
		}
	}
}

func TestScriptContinuousSlider(t *testing.T) {
	fe := memory.New()
	s, _ := widgets.NewIntSlider(fe, widgets.IntSliderConfig{Min: 0, Max: 10, Continuous: true})
	id := s.ID()
	r := runScripts(t, s.HTML(), true,
		step{Do: "set", ID: id + "-c", Value: "3", Event: "input"},
		step{Do: "set", ID: id + "-c", Value: "4", Event: "input"})
	if diff := cmp.Diff([][]any{{id + "/value", 3.0}, {id + "/value", 4.0}}, r.Sent); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
	if r.State[id+"-r"].Text != "4" {
		t.Errorf("readout %q", r.State[id+"-r"].Text)
	}
}

func TestScriptChoices(t *testing.T) {
	fe := memory.New()
	f, _ := widgets.NewSelectionSlider(fe, widgets.SelectionSliderConfig{Options: []string{"1", "10", "20", "50", "100"}, Value: "50"})
	d, _ := widgets.NewDropdown(fe, widgets.DropdownConfig{Options: []string{"Fac2FSI", "Dep2FSI"}})
	box, _ := widgets.NewVBox(fe, f, d)
	r := runScripts(t, box.HTML(), true,
		step{Do: "set", ID: f.ID() + "-c", Value: "2", Event: "change"},
		step{Do: "set", ID: d.ID() + "-c", Value: "Dep2FSI", Event: "change"},
		step{Do: "recv", Address: f.ID() + "/value", Value: "100"},
		step{Do: "recv", Address: f.ID() + "/value", Value: "7"}, // not an option: ignored
		step{Do: "recv", Address: d.ID() + "/value", Value: "Fac2FSI"},
		step{Do: "recv", Address: box.ID() + "/visible", Value: false},
	)
	want := [][]any{{f.ID() + "/value", "20"}, {d.ID() + "/value", "Dep2FSI"}}
	if diff := cmp.Diff(want, r.Sent); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
	if r.State[f.ID()+"-c"].Value != "4" || r.State[f.ID()+"-r"].Text != "100" || r.State[d.ID()+"-c"].Value != "Fac2FSI" {
		t.Errorf("state %+v", r.State)
	}
	if r.State[box.ID()].Display != "none" {
		t.Error("box not hidden")
	}
}

func TestScriptButtons(t *testing.T) {
	fe := memory.New()
	tg, _ := widgets.NewToggleButton(fe, widgets.ToggleButtonConfig{Label: "clamp"})
	b, _ := widgets.NewButton(fe, widgets.ButtonConfig{Label: "Run"})
	row, _ := widgets.NewHBox(fe, tg, b)
	r := runScripts(t, row.HTML(), true,
		step{Do: "click", ID: tg.ID() + "-c"},
		step{Do: "click", ID: b.ID() + "-c"},
		step{Do: "click", ID: b.ID() + "-c"},
		step{Do: "recv", Address: tg.ID() + "/value", Value: false},
	)
	want := [][]any{{tg.ID() + "/value", true}, {b.ID() + "/click", 1.0}, {b.ID() + "/click", 2.0}}
	if diff := cmp.Diff(want, r.Sent); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
	if r.State[tg.ID()+"-c"].Pressed != "false" {
		t.Errorf("toggle still pressed after Go released it: %+v", r.State[tg.ID()+"-c"])
	}
}

func TestScriptTextsLabelOutput(t *testing.T) {
	fe := memory.New()
	ft, _ := widgets.NewFloatText(fe, widgets.FloatTextConfig{Value: 1})
	tx, _ := widgets.NewText(fe, widgets.TextConfig{})
	l, _ := widgets.NewLabel(fe, "old")
	o, _ := widgets.NewOutput(fe)
	hidden, _ := widgets.NewLabel(fe, "x")
	_ = hidden.Hide()
	box, _ := widgets.NewVBox(fe, ft, tx, l, o, hidden)
	r := runScripts(t, box.HTML(), true,
		step{Do: "set", ID: ft.ID() + "-c", Value: "abc", Event: "change"}, // not a number: not sent
		step{Do: "set", ID: ft.ID() + "-c", Value: "-65.5", Event: "change"},
		step{Do: "set", ID: tx.ID() + "-c", Value: "plot.png", Event: "change"},
		step{Do: "recv", Address: l.ID() + "/value", Value: "new"},
		step{Do: "recv", Address: o.ID() + "/html", Value: "<b>chart</b>"},
		step{Do: "recv", Address: hidden.ID() + "/visible", Value: true},
	)
	want := [][]any{{ft.ID() + "/value", -65.5}, {tx.ID() + "/value", "plot.png"}}
	if diff := cmp.Diff(want, r.Sent); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
	if r.State[l.ID()+"-c"].Text != "new" || r.State[o.ID()+"-c"].HTML != "<b>chart</b>" {
		t.Errorf("label or output not updated: %+v %+v", r.State[l.ID()+"-c"], r.State[o.ID()+"-c"])
	}
	if r.State[hidden.ID()].Display != "" {
		t.Error("hidden label not shown again")
	}
}

// Handlers of a widget whose element left the page unsubscribe themselves.
func TestScriptHandlersStopWhenRemoved(t *testing.T) {
	fe := memory.New()
	l, _ := widgets.NewLabel(fe, "a")
	before := runScripts(t, l.HTML(), true)
	after := runScripts(t, l.HTML(), true,
		step{Do: "detach", ID: l.ID()},
		step{Do: "recv", Address: l.ID() + "/value", Value: "b"},
		step{Do: "recv", Address: l.ID() + "/visible", Value: true})
	if before.Handlers != 2 || after.Handlers != 0 {
		t.Errorf("handlers: %d while on the page, %d after removal; want 2 and 0", before.Handlers, after.Handlers)
	}
}
