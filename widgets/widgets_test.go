package widgets_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/widgets"
)

// inject plays the front end sending value to address.
func inject(t *testing.T, fe *memory.Frontend, address string, value any) {
	t.Helper()
	ok, err := fe.Inject(address, value)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatalf("nobody listens to %q", address)
	}
}

// lastSent returns the newest value Go sent to address, decoded into a T.
func lastSent[T any](t *testing.T, fe *memory.Frontend, address string) T {
	t.Helper()
	raw, ok := fe.LastSent(address)
	if !ok {
		t.Fatalf("nothing sent to %q", address)
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("value sent to %q: %v", address, err)
	}
	return v
}

// pending returns the value waiting in ch, if any, without blocking.
func pending[T any](ch <-chan T) (T, bool) {
	select {
	case v, ok := <-ch:
		return v, ok
	default:
		var zero T
		return zero, false
	}
}

func TestFloatSliderBothWays(t *testing.T) {
	fe := memory.New()
	s, err := widgets.NewFloatSlider(fe, widgets.FloatSliderConfig{Label: "Use", Min: 0, Max: 1, Step: 0.01, Value: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	var seen []float64
	s.OnChange(func(v float64) { seen = append(seen, v) })
	addr := s.ID() + "/value"

	// Front end → Go.
	inject(t, fe, addr, 0.25)
	if s.Value() != 0.25 {
		t.Errorf("Value() = %g after the front end sent 0.25", s.Value())
	}
	if v, ok := pending(s.Changes()); !ok || v != 0.25 {
		t.Errorf("Changes gave %g %v, want 0.25", v, ok)
	}
	if len(seen) != 1 || seen[0] != 0.25 {
		t.Errorf("OnChange saw %v, want [0.25]", seen)
	}
	// Out of range: clamped. Malformed: ignored. Same value again: no event.
	inject(t, fe, addr, 7)
	if s.Value() != 1 {
		t.Errorf("value 7 not clamped to 1: %g", s.Value())
	}
	fe.InjectRaw(addr, json.RawMessage(`"abc"`))
	fe.InjectRaw(addr, json.RawMessage(`{`))
	inject(t, fe, addr, 1)
	if s.Value() != 1 || len(seen) != 2 {
		t.Errorf("after malformed and repeated values: Value %g, events %v", s.Value(), seen)
	}

	// Go → front end, without an event.
	<-s.Changes()
	if err := s.SetValue(0.75); err != nil {
		t.Fatal(err)
	}
	if got := lastSent[float64](t, fe, addr); got != 0.75 {
		t.Errorf("front end got %g, want 0.75", got)
	}
	if _, ok := pending(s.Changes()); ok || len(seen) != 2 {
		t.Error("SetValue fired a change event")
	}
	if err := s.SetValue(-3); err != nil || s.Value() != 0 {
		t.Errorf("SetValue(-3): err %v, value %g, want clamped 0", err, s.Value())
	}
	html := s.HTML()
	for _, want := range []string{`type="range"`, `min="0"`, `max="1"`, `step="0.01"`, `value="0"`, `>0.00</output>`, "Use"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
}

func TestFloatSliderConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  widgets.FloatSliderConfig
		want string
	}{
		{"min above max", widgets.FloatSliderConfig{Min: 2, Max: 1, Value: 1.5}, "Min 2 > Max 1"},
		{"value outside", widgets.FloatSliderConfig{Min: 0, Max: 1, Value: 2}, "outside"},
		{"negative step", widgets.FloatSliderConfig{Min: 0, Max: 1, Step: -1}, "negative Step"},
		{"NaN", widgets.FloatSliderConfig{Min: 0, Max: 1, Value: nan()}, "Value is NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := widgets.NewFloatSlider(memory.New(), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := widgets.NewFloatSlider(nil, widgets.FloatSliderConfig{}); err == nil {
		t.Error("nil front end accepted")
	}
	// Zero range is allowed (a parameter whose value is 0) with a default step.
	s, err := widgets.NewFloatSlider(memory.New(), widgets.FloatSliderConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.HTML(), `step="1"`) {
		t.Errorf("zero-range slider has no usable step: %s", s.HTML())
	}
}

func nan() float64 { var z float64; return z / z }

// 1,000 rapid slider messages while the consumer is busy leave it processing
// the last value, not 1,000 values.
func TestSliderLatestOnly(t *testing.T) {
	fe := memory.New()
	s, err := widgets.NewIntSlider(fe, widgets.IntSliderConfig{Min: 0, Max: 2000})
	if err != nil {
		t.Fatal(err)
	}
	addr := s.ID() + "/value"
	busy, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var processed []int
	go func() {
		defer close(done)
		for v := range s.Changes() {
			processed = append(processed, v) // one "simulation" per value
			if len(processed) == 1 {
				close(busy)
				<-release
			}
			if v == 1000 {
				return
			}
		}
	}()
	inject(t, fe, addr, 1)
	<-busy
	for i := 2; i <= 1000; i++ {
		inject(t, fe, addr, i)
	}
	if s.Value() != 1000 {
		t.Errorf("Value() = %d while the consumer is busy, want 1000", s.Value())
	}
	close(release)
	<-done
	if len(processed) != 2 || processed[1] != 1000 {
		t.Errorf("consumer processed %d values %v, want 2 ending with 1000", len(processed), processed)
	}
	if s.Superseded() != 998 {
		t.Errorf("Superseded() = %d, want 998", s.Superseded())
	}
}

func TestIntSlider(t *testing.T) {
	fe := memory.New()
	s, err := widgets.NewIntSlider(fe, widgets.IntSliderConfig{Label: "n", Min: 1, Max: 10, Value: 3})
	if err != nil {
		t.Fatal(err)
	}
	addr := s.ID() + "/value"
	for _, tt := range []struct {
		in   any
		want int
	}{{4.0, 4}, {6.6, 7}, {99, 10}, {-5, 1}, {"x", 1}} {
		fe.Inject(addr, tt.in)
		if s.Value() != tt.want {
			t.Errorf("after %v: Value() = %d, want %d", tt.in, s.Value(), tt.want)
		}
	}
	if err := s.SetValue(5); err != nil {
		t.Fatal(err)
	}
	if got := lastSent[int](t, fe, addr); got != 5 {
		t.Errorf("front end got %d", got)
	}
	if _, err := widgets.NewIntSlider(fe, widgets.IntSliderConfig{Min: 1, Max: 10, Value: 0}); err == nil {
		t.Error("value outside range accepted")
	}
	if s.Min() != 1 || s.Max() != 10 {
		t.Errorf("bounds %d %d", s.Min(), s.Max())
	}
}

func TestSelectionSliderAndDropdown(t *testing.T) {
	fe := memory.New()
	freq, err := widgets.NewSelectionSlider(fe, widgets.SelectionSliderConfig{
		Label: "Input Freq", Options: []string{"1", "10", "20", "50", "100"}, Value: "50"})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := widgets.NewDropdown(fe, widgets.DropdownConfig{Label: "Connection", Options: []string{"Fac2FSI", "Dep2FSI"}})
	if err != nil {
		t.Fatal(err)
	}
	if freq.Value() != "50" || freq.Index() != 3 || conn.Value() != "Fac2FSI" {
		t.Fatalf("initial values %q %d %q", freq.Value(), freq.Index(), conn.Value())
	}
	inject(t, fe, freq.ID()+"/value", "20")
	inject(t, fe, freq.ID()+"/value", "33") // not an option: ignored
	inject(t, fe, conn.ID()+"/value", "Dep2FSI")
	if freq.Value() != "20" || conn.Value() != "Dep2FSI" {
		t.Errorf("after front-end changes: %q %q", freq.Value(), conn.Value())
	}
	if v, _ := pending(conn.Changes()); v != "Dep2FSI" {
		t.Errorf("dropdown change event %q", v)
	}
	if err := conn.SetValue("nope"); err == nil || !strings.Contains(err.Error(), "Fac2FSI, Dep2FSI") {
		t.Errorf("SetValue of an unknown option: %v", err)
	}
	if err := freq.SetValue("100"); err != nil {
		t.Fatal(err)
	}
	if got := lastSent[string](t, fe, freq.ID()+"/value"); got != "100" {
		t.Errorf("front end got %q", got)
	}
	if h := conn.HTML(); !strings.Contains(h, `<option value="Dep2FSI" selected>`) {
		t.Errorf("dropdown HTML does not select the value: %s", h)
	}
	if h := freq.HTML(); !strings.Contains(h, `max="4"`) || !strings.Contains(h, `value="4"`) {
		t.Errorf("selection slider HTML: %s", h)
	}
	for _, opts := range [][]string{nil, {"a", "a"}} {
		if _, err := widgets.NewDropdown(fe, widgets.DropdownConfig{Options: opts}); err == nil {
			t.Errorf("options %v accepted", opts)
		}
	}
	if _, err := widgets.NewSelectionSlider(fe, widgets.SelectionSliderConfig{Options: []string{"a"}, Value: "b"}); err == nil {
		t.Error("initial value outside the options accepted")
	}
}

func TestToggleButton(t *testing.T) {
	fe := memory.New()
	b, err := widgets.NewToggleButton(fe, widgets.ToggleButtonConfig{Label: "Voltage Clamp"})
	if err != nil {
		t.Fatal(err)
	}
	amp, _ := widgets.NewFloatText(fe, widgets.FloatTextConfig{Label: "Amplitude"})
	_ = amp.Hide()
	b.OnChange(func(on bool) { _ = amp.SetVisible(on) }) // shown only when on
	addr := b.ID() + "/value"
	inject(t, fe, addr, true)
	if !b.Value() || !amp.Visible() || !lastSent[bool](t, fe, amp.ID()+"/visible") {
		t.Errorf("toggle on: value %v, amplitude visible %v", b.Value(), amp.Visible())
	}
	inject(t, fe, addr, 0) // GoNB sends 0/1
	if b.Value() || amp.Visible() {
		t.Errorf("toggle off via 0: value %v, amplitude visible %v", b.Value(), amp.Visible())
	}
	fe.Inject(addr, 2)
	fe.Inject(addr, "yes")
	if b.Value() {
		t.Error("malformed toggle values changed the state")
	}
	if err := b.SetValue(true); err != nil {
		t.Fatal(err)
	}
	if !lastSent[bool](t, fe, addr) || !strings.Contains(b.HTML(), `aria-pressed="true"`) {
		t.Error("SetValue(true) not sent or not rendered")
	}
}

func TestButton(t *testing.T) {
	fe := memory.New()
	b, err := widgets.NewButton(fe, widgets.ButtonConfig{Label: "Run Train"})
	if err != nil {
		t.Fatal(err)
	}
	var calls int
	b.OnClick(func(int) { calls++ })
	for i := 0; i < 3; i++ {
		inject(t, fe, b.ID()+"/click", 1) // the value does not matter
	}
	if b.Count() != 3 || calls != 3 {
		t.Errorf("Count %d, callbacks %d, want 3", b.Count(), calls)
	}
	// Three clicks while nobody read: one pending event carrying the count.
	if n, ok := pending(b.Clicks()); !ok || n != 3 {
		t.Errorf("Clicks gave %d %v, want 3", n, ok)
	}
	if _, ok := pending(b.Clicks()); ok {
		t.Error("more than one pending click event")
	}
	if err := b.SetDisabled(true); err != nil || !b.Disabled() || !lastSent[bool](t, fe, b.ID()+"/disabled") {
		t.Errorf("SetDisabled: %v", err)
	}
	if !strings.Contains(b.HTML(), " disabled>Run Train</button>") {
		t.Errorf("disabled button HTML: %s", b.HTML())
	}
	b.Close()
	if _, ok := <-b.Clicks(); ok {
		t.Error("Clicks still open after Close")
	}
	if ok, _ := fe.Inject(b.ID()+"/click", 1); ok {
		t.Error("closed button still listens")
	}
}

func TestTextWidgets(t *testing.T) {
	fe := memory.New()
	ft, _ := widgets.NewFloatText(fe, widgets.FloatTextConfig{Label: "amp", Value: -70})
	tx, err := widgets.NewText(fe, widgets.TextConfig{Label: "path", Value: "a<b", Placeholder: "file"})
	if err != nil {
		t.Fatal(err)
	}
	inject(t, fe, ft.ID()+"/value", -65.5)
	inject(t, fe, tx.ID()+"/value", "plot.png")
	if ft.Value() != -65.5 || tx.Value() != "plot.png" {
		t.Errorf("values %g %q", ft.Value(), tx.Value())
	}
	if v, _ := pending(tx.Changes()); v != "plot.png" {
		t.Errorf("text change event %q", v)
	}
	_ = ft.SetValue(3)
	_ = tx.SetValue("x")
	if lastSent[float64](t, fe, ft.ID()+"/value") != 3 || lastSent[string](t, fe, tx.ID()+"/value") != "x" {
		t.Error("Go values not sent")
	}
	if err := ft.SetValue(nan()); err == nil {
		t.Error("NaN accepted")
	}
	tx2, _ := widgets.NewText(fe, widgets.TextConfig{Value: `"<x>"`})
	if h := tx2.HTML(); !strings.Contains(h, `value="&#34;&lt;x&gt;&#34;"`) {
		t.Errorf("text value not escaped: %s", h)
	}

	l, _ := widgets.NewLabel(fe, "STP: 0.5")
	if err := l.SetText("STP: <0.7>"); err != nil {
		t.Fatal(err)
	}
	if l.Text() != "STP: <0.7>" || lastSent[string](t, fe, l.ID()+"/value") != "STP: <0.7>" {
		t.Error("label text not kept or sent")
	}
	if !strings.Contains(l.HTML(), "STP: &lt;0.7&gt;") {
		t.Errorf("label HTML not escaped: %s", l.HTML())
	}
}

func TestOutputArea(t *testing.T) {
	fe := memory.New()
	o, err := widgets.NewOutput(fe)
	if err != nil {
		t.Fatal(err)
	}
	addr := o.ID() + "/html"
	_ = o.SetHTML("<b>1</b>")
	_ = o.AppendText("a<b")
	want := `<b>1</b><pre style="margin:0">a&lt;b</pre>`
	if o.Content() != want || lastSent[string](t, fe, addr) != want {
		t.Errorf("content %q, sent %q", o.Content(), lastSent[string](t, fe, addr))
	}
	if !strings.Contains(o.HTML(), want) {
		t.Error("HTML lacks the content")
	}
	_ = o.Clear()
	if o.Content() != "" || lastSent[string](t, fe, addr) != "" {
		t.Error("Clear did not empty the area")
	}
}

func TestShowHideAndBoxes(t *testing.T) {
	fe := memory.New()
	a, _ := widgets.NewLabel(fe, "a")
	b, _ := widgets.NewButton(fe, widgets.ButtonConfig{Label: "b"})
	row, err := widgets.NewHBox(fe, a, b)
	if err != nil {
		t.Fatal(err)
	}
	col, err := widgets.NewVBox(fe, row)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := widgets.NewVBox(fe, a, nil); err == nil {
		t.Error("nil child accepted")
	}
	if err := a.Hide(); err != nil {
		t.Fatal(err)
	}
	if a.Visible() || lastSent[bool](t, fe, a.ID()+"/visible") {
		t.Error("Hide not recorded or not sent")
	}
	h := col.HTML()
	for _, want := range []string{
		`id="` + a.ID() + `" class="synaptune-widget synaptune-label" style="display:none"`,
		`id="` + b.ID() + `"`, "flex-direction:row", "flex-direction:column",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("box HTML lacks %s", want)
		}
	}
	if strings.Index(h, a.ID()) > strings.Index(h, b.ID()) {
		t.Error("children out of order")
	}
	_ = a.Show()
	if !a.Visible() || !lastSent[bool](t, fe, a.ID()+"/visible") || strings.Contains(a.HTML(), "display:none") {
		t.Error("Show not recorded, sent or rendered")
	}
	id, err := widgets.Display(fe, col)
	if err != nil {
		t.Fatal(err)
	}
	if out, ok := fe.Output(id); !ok || out.HTML != col.HTML() {
		t.Error("Display did not show the box's HTML")
	}
	col.Close()
	if ok, _ := fe.Inject(b.ID()+"/click", 1); ok {
		t.Error("closing the box did not close its children")
	}
}
