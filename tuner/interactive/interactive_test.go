package interactive

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/tuner"
)

var (
	modelsOnce sync.Once
	models     *tuner.Models
	modelsErr  error
)

// seedTuner is a tuner on bmtool's demo settings (Dep2FSI and Fac2FSI onto
// the FSI cell) with the embedded models, compiled once per test binary.
func seedTuner(t testing.TB) *tuner.Tuner {
	t.Helper()
	modelsOnce.Do(func() { models, modelsErr = tuner.EmbeddedModels() })
	if modelsErr != nil {
		t.Fatal(modelsErr)
	}
	s, err := tuner.SeedSettings()
	if err != nil {
		t.Fatal(err)
	}
	tu, err := tuner.New(s, models)
	if err != nil {
		t.Fatal(err)
	}
	return tu
}

// session is an interactive tuner running on the in-memory front end.
type session struct {
	t      *testing.T
	fe     *memory.Frontend
	it     *Tuner
	tu     *tuner.Tuner
	cancel context.CancelFunc
	ended  chan struct{} // closed when Run has returned
	ending Ending
	err    error
}

func start(t *testing.T, opts Options) *session {
	t.Helper()
	tu := seedTuner(t)
	fe := memory.New()
	it, err := New(tu, fe, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &session{t: t, fe: fe, it: it, tu: tu, cancel: cancel, ended: make(chan struct{})}
	go func() {
		defer close(s.ended)
		s.ending, s.err = it.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); s.wait() })
	s.waitFor("the first figure", func() bool { return it.Simulations() >= 1 })
	s.settle()
	return s
}

// waitFor polls cond for up to 60 s.
func (s *session) waitFor(what string, cond func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// settle waits until the event loop has no work left.
func (s *session) settle() {
	s.t.Helper()
	s.waitFor("the event loop to settle", func() bool {
		s.it.mu.Lock()
		idle := s.it.pending == (pending{})
		s.it.mu.Unlock()
		return idle && len(s.it.wake) == 0 && !s.it.busy.Load()
	})
}

// wait returns how Run ended, once it has.
func (s *session) wait() Ending {
	s.t.Helper()
	select {
	case <-s.ended:
		return s.ending
	case <-time.After(60 * time.Second):
		s.t.Fatal("Run did not return")
		return ""
	}
}

// inject plays the user: it sends value to the widget address and checks
// that a handler listened.
func (s *session) inject(address string, value any) {
	s.t.Helper()
	ok, err := s.fe.Inject(address, value)
	if err != nil || !ok {
		s.t.Fatalf("inject %v to %s: listened %v, err %v", value, address, ok, err)
	}
}

// slider returns the id of the parameter slider name.
func (s *session) slider(name string) string {
	s.t.Helper()
	s.it.mu.Lock()
	defer s.it.mu.Unlock()
	for _, p := range s.it.sliders {
		if p.name == name {
			return p.slider.ID()
		}
	}
	s.t.Fatalf("no slider %q", name)
	return ""
}

func (s *session) click(id string) { s.inject(id+"/click", 1) }

// done presses Done and waits for Run to return.
func (s *session) done() {
	s.t.Helper()
	s.click(s.it.done.ID())
	if e := s.wait(); e != EndDone {
		s.t.Fatalf("Run ended with %q, want %q", e, EndDone)
	}
	if s.err != nil {
		s.t.Fatal(s.err)
	}
}

var metricPattern = regexp.MustCompile(`data-metric="([a-z_]+)"[^>]*>([^<]*)<`)

// metricsOf reads the numbers of the metrics panel.
func metricsOf(panel string) map[string]string {
	out := map[string]string{}
	for _, m := range metricPattern.FindAllStringSubmatch(panel, -1) {
		out[m[1]] = m[2]
	}
	return out
}

func TestSliderRange(t *testing.T) {
	for _, c := range []struct{ v, lo, hi, step float64 }{
		{0.4, 0, 8, 0.08},
		{200, 0, 4000, 40},
		{0, 0, 1000, 1},
		{-75, -1500, 0, 15},
	} {
		lo, hi, step := SliderRange(c.v)
		if !cmp.Equal([]float64{lo, hi, step}, []float64{c.lo, c.hi, c.step}, cmpopts.EquateApprox(1e-12, 0)) {
			t.Errorf("SliderRange(%g) = %g, %g, %g; want %g, %g, %g", c.v, lo, hi, step, c.lo, c.hi, c.step)
		}
		if c.v < lo || c.v > hi {
			t.Errorf("SliderRange(%g): initial value outside [%g, %g]", c.v, lo, hi)
		}
	}
}

func TestControlsAsBmtool(t *testing.T) {
	s := start(t, Options{})
	it := s.it
	if got, want := it.connection.Options(), []string{"Dep2FSI", "Fac2FSI"}; !cmp.Equal(got, want) {
		t.Errorf("connections %v, want %v (sorted)", got, want)
	}
	if it.connection.Value() != "Dep2FSI" {
		t.Errorf("connection %q, want the settings' Dep2FSI", it.connection.Value())
	}
	for _, c := range []struct {
		got, want string
	}{{it.frequency.Value(), "50"}, {it.delay.Value(), "250"}, {it.duration.Value(), "300"}, {it.savePath.Value(), "plot.png"}} {
		if c.got != c.want {
			t.Errorf("default %q, want %q", c.got, c.want)
		}
	}
	if got := it.Sliders(); !cmp.Equal(got, []string{"initW", "Dep", "Fac", "Use"}) {
		t.Errorf("sliders %v, want the seed's slider_vars", got)
	}
	if !it.delay.Visible() || it.duration.Visible() {
		t.Error("Delay must show and Duration hide until continuous input is on")
	}
	if it.vclamp.Value() != it.vclampAmp.Visible() {
		t.Error("the clamp amplitude box must show exactly when the clamp is on")
	}
	fig := it.figureArea.Content()
	if !strings.Contains(fig, `id="`+it.figureID+`"`) {
		t.Fatalf("figure area lacks the figure div: %.200q", fig)
	}
	if m := metricsOf(it.metricsArea.Content()); m["ppr"] == "" {
		t.Errorf("metrics panel lacks the train's PPR: %v", m)
	}
	if !strings.Contains(it.printout.Content(), "Short Term Plasticity") && !strings.Contains(it.printout.Content(), "PPR") {
		t.Errorf("printout lacks bmtool's STP report: %q", it.printout.Content())
	}
	s.done()
}

func TestSliderChangesParameter(t *testing.T) {
	s := start(t, Options{})
	before := metricsOf(s.it.metricsArea.Content())
	n := s.it.Simulations()
	s.inject(s.slider("Use")+"/value", 0.8)
	s.settle()
	if s.it.Simulations() != n+1 {
		t.Errorf("a slider move ran %d simulations, want 1", s.it.Simulations()-n)
	}
	after := metricsOf(s.it.metricsArea.Content())
	if before["ppr"] == after["ppr"] {
		t.Errorf("PPR stayed %s after Use 0.4 → 0.8", after["ppr"])
	}
	s.done()
	if u, err := s.tu.Param("Use"); err != nil || u != 0.8 {
		t.Errorf("Use = %v (%v), want 0.8", u, err)
	}
}

func TestRunTrainAndSingleEvent(t *testing.T) {
	s := start(t, Options{})
	sends := s.fe.SentCount(s.it.figureArea.ID() + "/html")

	s.click(s.it.singleEvent.ID())
	s.settle()
	single := s.it.figureArea.Content()
	if m := metricsOf(s.it.metricsArea.Content()); m["amp"] == "" || m["decay"] == "" {
		t.Errorf("metrics after Single Event lack the event's properties: %v", m)
	}
	if !strings.Contains(s.it.printout.Content(), "decay_time") || !strings.Contains(s.it.printout.Content(), "Current Integral") {
		t.Errorf("printout after Single Event: %q", s.it.printout.Content())
	}
	if strings.Contains(single, "markPoint") {
		t.Error("the single-event figure has the train's numbered peaks")
	}

	// Under the single-event view a slider re-runs the single event only, so
	// the train's metrics are stale until Run Train.
	s.inject(s.slider("Use")+"/value", 0.8)
	s.settle()
	sends++
	trainBefore := metricsOf(s.it.metricsArea.Content())["ppr"]
	n := s.it.Simulations()
	s.click(s.it.runTrain.ID())
	s.settle()
	if s.it.Simulations() != n+1 {
		t.Errorf("Run Train ran %d simulations, want 1", s.it.Simulations()-n)
	}
	train := s.it.figureArea.Content()
	if !strings.Contains(train, "markPoint") {
		t.Error("the train figure lacks its numbered peaks")
	}
	if got := s.fe.SentCount(s.it.figureArea.ID() + "/html"); got != sends+2 {
		t.Errorf("figure updated %d times, want 3 (single event, single event, train)", got-sends+1)
	}
	if train == single {
		t.Error("the figure output was not replaced")
	}
	if after := metricsOf(s.it.metricsArea.Content())["ppr"]; after == trainBefore {
		t.Errorf("train PPR stayed %s after Use 0.4 → 0.8 and Run Train", after)
	}
	// Both the train and the single event stay in the metrics panel.
	if m := metricsOf(s.it.metricsArea.Content()); m["ppr"] == "" || m["amp"] == "" {
		t.Errorf("metrics panel %v, want the train's and the event's numbers", m)
	}
	s.done()
}

func TestSwitchConnectionRebuildsSliders(t *testing.T) {
	s := start(t, Options{})
	oldUse := s.slider("Use")
	s.inject(s.it.connection.ID()+"/value", "Fac2FSI")
	s.settle()
	newUse := s.slider("Use")
	if newUse == oldUse {
		t.Fatal("the Use slider was not rebuilt")
	}
	if ok, _ := s.fe.Inject(oldUse+"/value", 0.5); ok {
		t.Error("the old connection's slider still listens")
	}
	if !strings.Contains(s.it.sliderArea.Content(), newUse) || strings.Contains(s.it.sliderArea.Content(), oldUse) {
		t.Error("the slider area does not show the new sliders only")
	}
	s.it.mu.Lock()
	var use float64
	for _, p := range s.it.sliders {
		if p.name == "Use" {
			use = p.slider.Value()
			if p.slider.Max() != 20*0.13 {
				t.Errorf("Fac2FSI Use slider max %g, want %g", p.slider.Max(), 20*0.13)
			}
		}
	}
	s.it.mu.Unlock()
	if use != 0.13 {
		t.Errorf("Fac2FSI Use slider at %g, want 0.13", use)
	}
	if s.it.vclampAmp.Value() != -70 {
		t.Errorf("clamp box %g, want Fac2FSI's -70", s.it.vclampAmp.Value())
	}
	if !strings.Contains(s.it.metricsArea.Content(), `data-connection="Fac2FSI"`) {
		t.Error("metrics are not Fac2FSI's")
	}
	s.done()
	if s.tu.Connection() != "Fac2FSI" {
		t.Errorf("tuner connection %q", s.tu.Connection())
	}
}

func TestVClampToggleShowsAmplitude(t *testing.T) {
	s := start(t, Options{})
	amp := s.it.vclampAmp.ID() + "/visible"
	for _, on := range []bool{false, true, false} {
		s.inject(s.it.vclamp.ID()+"/value", on)
		if s.it.vclampAmp.Visible() != on {
			t.Errorf("clamp %v: amplitude box visible %v", on, s.it.vclampAmp.Visible())
		}
		if v, _ := s.fe.LastSent(amp); string(v) != map[bool]string{true: "true", false: "false"}[on] {
			t.Errorf("clamp %v: front end told %s", on, v)
		}
		s.settle()
		want := map[bool]string{true: "voltage clamp at", false: "current clamp"}[on]
		if !strings.Contains(s.it.metricsArea.Content(), want) {
			t.Errorf("clamp %v: metrics panel does not say %q", on, want)
		}
	}
	s.inject(s.it.vclamp.ID()+"/value", true)
	s.inject(s.it.vclampAmp.ID()+"/value", -60)
	s.settle()
	s.done()
	if !s.tu.VClamp() || s.tu.VClampAmp() != -60 {
		t.Errorf("tuner clamp %v at %g, want true at -60", s.tu.VClamp(), s.tu.VClampAmp())
	}
}

func TestContinuousSwapsDelayAndDuration(t *testing.T) {
	s := start(t, Options{})
	s.inject(s.it.continuous.ID()+"/value", true)
	if s.it.delay.Visible() || !s.it.duration.Visible() {
		t.Error("continuous input on: want Duration shown and Delay hidden")
	}
	s.settle()
	if !strings.Contains(s.it.metricsArea.Content(), "Continuous input 50 Hz for 300 ms") {
		t.Errorf("metrics after continuous input: %s", s.it.metricsArea.Content())
	}
	s.inject(s.it.continuous.ID()+"/value", false)
	if !s.it.delay.Visible() || s.it.duration.Visible() {
		t.Error("continuous input off: want Delay shown and Duration hidden")
	}
	s.settle()
	s.inject(s.it.frequency.ID()+"/value", "20")
	s.settle()
	if !strings.Contains(s.it.metricsArea.Content(), "Train 20 Hz, delay 250 ms") {
		t.Errorf("metrics after 20 Hz: %s", s.it.metricsArea.Content())
	}
	s.done()
}

func TestProtocolToggle(t *testing.T) {
	s := start(t, Options{})
	s.inject(s.it.protocol.ID()+"/value", true)
	s.settle()
	if !strings.Contains(s.it.metricsArea.Content(), "corrected protocol") {
		t.Error("metrics panel does not name the corrected protocol")
	}
	s.done()
	if s.tu.Variant() != tuner.Corrected {
		t.Error("tuner not switched to the corrected protocol")
	}
}

// A dragged slider must not queue stale simulations: 1,000 messages in a
// burst leave a couple of simulations, and the last value applied.
func TestRapidSliderMessagesAreCoalesced(t *testing.T) {
	s := start(t, Options{})
	id := s.slider("Use") + "/value"
	n := s.it.Simulations()
	last := 0.0
	for i := range 1000 {
		last = 0.01 + float64(i%700)*0.01
		s.inject(id, last)
	}
	s.settle()
	ran := s.it.Simulations() - n
	if ran < 1 || ran > 3 {
		t.Errorf("1,000 slider messages ran %d simulations, want 1 to 3", ran)
	}
	s.done()
	if u, _ := s.tu.Param("Use"); u != last {
		t.Errorf("Use = %g, want the last value %g", u, last)
	}
	t.Logf("1,000 slider messages → %d simulations", ran)
}

func TestSavePlot(t *testing.T) {
	dir := t.TempDir()
	s := start(t, Options{SaveDir: dir})
	s.inject(s.it.savePath.ID()+"/value", "current.svg")
	s.click(s.it.save.ID())
	s.settle()
	path := filepath.Join(dir, "current.svg")
	if got := s.it.status.Text(); got != "Synaptic current plot saved to "+path {
		t.Errorf("status %q", got)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "<svg") || !strings.Contains(string(b), "Synaptic Current (pA)") {
		t.Errorf("saved file is not the synaptic-current SVG: %.200s", b)
	}
	s.inject(s.it.savePath.ID()+"/value", "plot.xyz")
	s.click(s.it.save.ID())
	s.settle()
	if got := s.it.status.Text(); !strings.HasPrefix(got, "Error saving plot") {
		t.Errorf("status after a bad extension %q", got)
	}
	s.done()
}

var textareaPattern = regexp.MustCompile(`(?s)<textarea[^>]*>(.*)</textarea>`)

func TestSettingsJSONControl(t *testing.T) {
	s := start(t, Options{})
	s.inject(s.slider("Use")+"/value", 0.6)
	s.settle()
	s.click(s.it.showJSON.ID())
	s.settle()
	if !s.it.jsonArea.Visible() {
		t.Error("settings area hidden after the click")
	}
	m := textareaPattern.FindStringSubmatch(s.it.jsonArea.Content())
	if m == nil {
		t.Fatalf("no text area: %q", s.it.jsonArea.Content())
	}
	got, err := tuner.ParseSettings([]byte(html.UnescapeString(m[1])))
	if err != nil {
		t.Fatalf("the shown settings do not parse: %v", err)
	}
	c, err := got.Lookup("Dep2FSI")
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := c.Param("Use"); u != 0.6 || got.Connection != "Dep2FSI" {
		t.Errorf("shown settings: Use %g connection %q; want 0.6 Dep2FSI", u, got.Connection)
	}
	s.done()
}

func TestSettingsJSONRoundTrip(t *testing.T) {
	want, err := tuner.SeedSettings()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := SettingsJSON(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tuner.ParseSettings(doc)
	if err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}

func TestEndings(t *testing.T) {
	t.Run("done leaves the final state", func(t *testing.T) {
		s := start(t, Options{})
		panel := s.fe.Outputs()[0].ID
		s.done()
		o, _ := s.fe.Output(panel)
		for _, want := range []string{"Interactive tuner ended (done).", "Parameters of Dep2FSI", `class="synaptune-plot"`, "synaptune-metrics", "Use"} {
			if !strings.Contains(o.HTML, want) {
				t.Errorf("final panel lacks %q", want)
			}
		}
		if strings.Contains(o.HTML, "<input") {
			t.Error("final panel still has controls")
		}
	})
	t.Run("cancel", func(t *testing.T) {
		s := start(t, Options{})
		s.cancel()
		if e := s.wait(); e != EndCancelled {
			t.Errorf("ended %q", e)
		}
		if o := s.fe.Outputs()[0]; !strings.Contains(o.HTML, "ended (cancelled)") {
			t.Error("no final state after cancellation")
		}
	})
	t.Run("idle", func(t *testing.T) {
		s := start(t, Options{IdleTimeout: 200 * time.Millisecond})
		if e := s.wait(); e != EndIdle {
			t.Errorf("ended %q", e)
		}
	})
}

func TestHeadlessDrawsOnce(t *testing.T) {
	tu := seedTuner(t)
	fe := memory.New()
	fe.SetConnected(false)
	it, err := New(tu, fe, Options{ConnectWait: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	e, err := it.Run(context.Background())
	if err != nil || e != EndHeadless {
		t.Fatalf("Run = %q, %v; want headless", e, err)
	}
	if it.Simulations() != 1 {
		t.Errorf("%d simulations, want 1", it.Simulations())
	}
	outs := fe.Outputs()
	if len(outs) != 1 || !strings.Contains(outs[0].HTML, `class="synaptune-plot"`) || !strings.Contains(outs[0].HTML, "PPR") {
		t.Fatalf("headless outputs: %d", len(outs))
	}
	if len(fe.Sent()) != 0 {
		t.Errorf("headless run sent %d comm messages, want none", len(fe.Sent()))
	}
	if strings.Contains(outs[0].HTML, "<input") {
		t.Error("headless output has controls")
	}
}
