package gonb_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/synaptune/synaptune/kernel/gonb"
	"github.com/synaptune/synaptune/widgets"
)

// fakeNotebook records what the Frontend asks of GoNB. With browser set, it
// answers the connection probe like a live page would.
type fakeNotebook struct {
	notebook bool
	browser  bool
	// deaf makes the browser ignore this many probes, as a page whose
	// gonb_comm failed to open does until GoNB installs it again.
	deaf int

	mu       sync.Mutex
	blocks   map[string]string
	history  []string // "update <id> <html>" and "sync"
	sent     [][2]string
	subs     map[string]func(string)
	subCount map[string]int
}

func newFake(notebook, browser bool) *fakeNotebook {
	return &fakeNotebook{notebook: notebook, browser: browser, blocks: map[string]string{},
		subs: map[string]func(string){}, subCount: map[string]int{}}
}

var probeAddress = regexp.MustCompile(`"(#synaptune/probe/[^"]+)"`)

func (n *fakeNotebook) IsNotebook() bool { return n.notebook }
func (n *fakeNotebook) Err() error       { return nil }

func (n *fakeNotebook) UpdateHTML(id, html string) {
	n.mu.Lock()
	n.blocks[id] = html
	n.history = append(n.history, "update "+id+" "+html)
	n.mu.Unlock()
	if m := probeAddress.FindStringSubmatch(html); m != nil && n.browser {
		n.mu.Lock()
		deaf := n.deaf > 0
		if deaf {
			n.deaf--
		}
		n.mu.Unlock()
		if !deaf {
			go n.fromBrowser(m[1], "1")
		}
	}
}

func (n *fakeNotebook) StartComms() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.history = append(n.history, "start comms")
}

func (n *fakeNotebook) Send(address, value string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent = append(n.sent, [2]string{address, value})
}

func (n *fakeNotebook) Subscribe(address string, fn func(string)) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.subs[address] = fn
	n.subCount[address]++
}

func (n *fakeNotebook) Sync() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.history = append(n.history, "sync")
}

// fromBrowser delivers a value as GoNB would: on a goroutine of its own, here
// synchronously so tests control the order.
func (n *fakeNotebook) fromBrowser(address, value string) bool {
	n.mu.Lock()
	fn := n.subs[address]
	n.mu.Unlock()
	if fn == nil {
		return false
	}
	fn(value)
	return true
}

func (n *fakeNotebook) lastSent(address string) (string, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for i := len(n.sent) - 1; i >= 0; i-- {
		if n.sent[i][0] == address {
			return n.sent[i][1], true
		}
	}
	return "", false
}

func (n *fakeNotebook) count(substr string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	c := 0
	for _, h := range n.history {
		if strings.Contains(h, substr) {
			c++
		}
	}
	return c
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestWidgetOverGoNB(t *testing.T) {
	nb := newFake(true, true)
	fe := gonb.New(nb, gonb.Options{Getenv: env(nil), Logger: quiet()})
	s, err := widgets.NewFloatSlider(fe, widgets.FloatSliderConfig{Label: "Use", Min: 0, Max: 1, Step: 0.01, Value: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if nb.count(`adapter: "gonb"`) != 1 || nb.subCount[s.ID()+"/value"] != 1 {
		t.Fatalf("adapter installs %d, subscriptions %v", nb.count(`adapter: "gonb"`), nb.subCount)
	}
	if _, err := widgets.Display(fe, s); err != nil {
		t.Fatal(err)
	}
	addr := s.ID() + "/value"
	nb.fromBrowser(addr, "[100,0.3]")
	if s.Value() != 0.3 {
		t.Errorf("Value() = %g after the browser sent 0.3", s.Value())
	}
	nb.fromBrowser(addr, "[99,0.9]") // older than the last one: dropped
	nb.fromBrowser(addr, "0.7")      // not [sequence, value]: dropped
	nb.fromBrowser(addr, "[101,false]")
	if s.Value() != 0.3 {
		t.Errorf("stale or malformed messages changed the value to %g", s.Value())
	}
	if err := s.SetValue(0); err != nil {
		t.Fatal(err)
	}
	if v, _ := nb.lastSent(addr); v != "0" {
		t.Errorf("sent %q, want the JSON text 0", v)
	}
	_ = s.Hide()
	if v, _ := nb.lastSent(s.ID() + "/visible"); v != "false" {
		t.Errorf("sent %q, want the JSON text false", v)
	}
	// A second widget on the same Frontend does not reinstall the adapter.
	if _, err := widgets.NewButton(fe, widgets.ButtonConfig{Label: "Run"}); err != nil {
		t.Fatal(err)
	}
	if nb.count(`adapter: "gonb"`) != 1 {
		t.Errorf("adapter installed %d times", nb.count(`adapter: "gonb"`))
	}
}

// Out-of-order delivery (GoNB runs each callback on its own goroutine) never
// leaves the widget on an older value than the newest delivered.
func TestConcurrentDeliveryKeepsNewest(t *testing.T) {
	nb := newFake(true, true)
	fe := gonb.New(nb, gonb.Options{Getenv: env(nil), Logger: quiet()})
	s, _ := widgets.NewIntSlider(fe, widgets.IntSliderConfig{Min: 0, Max: 1000})
	addr := s.ID() + "/value"
	var wg sync.WaitGroup
	for i := 1; i <= 1000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, _ := json.Marshal([]int{i, i})
			nb.fromBrowser(addr, string(b))
		}()
	}
	wg.Wait()
	if s.Value() != 1000 {
		t.Errorf("Value() = %d after 1000 concurrent deliveries, want 1000", s.Value())
	}
}

func TestTransientAndOutputs(t *testing.T) {
	nb := newFake(true, false)
	fe := gonb.New(nb, gonb.Options{Getenv: env(nil), Logger: quiet()})
	id, err := fe.DisplayHTML("<p>a</p>")
	if err != nil {
		t.Fatal(err)
	}
	_ = fe.UpdateHTML(id, "<p>b</p>")
	if nb.blocks[string(id)] != "<p>b</p>" {
		t.Errorf("block %q", nb.blocks[string(id)])
	}
	_ = fe.DisplayTransient("<script>x</script>")
	n := len(nb.history)
	if !strings.Contains(nb.history[n-3], "<script>x</script>") || nb.history[n-2] != "sync" || !strings.HasSuffix(nb.history[n-1], " ") {
		t.Errorf("transient output not shown, synced, blanked: %q", nb.history[n-3:])
	}
	p, err := fe.StartProgress("sweep", 2)
	if err != nil {
		t.Fatal(err)
	}
	before := nb.count("sync")
	_ = p.Finish()
	if nb.count("sync") != before+1 {
		t.Error("progress Finish did not synchronise")
	}
	before = nb.count("sync")
	_ = fe.Close()
	if nb.count("sync") != before+1 {
		t.Error("Close did not synchronise")
	}
}

// TestConnectedProbesAgain checks that a browser whose first probes went
// unanswered (its gonb_comm failed to open) is found by a later probe,
// after the Frontend asked GoNB to check its connection.
func TestConnectedProbesAgain(t *testing.T) {
	nb := newFake(true, true)
	nb.deaf = 2
	fe := gonb.New(nb, gonb.Options{Getenv: env(nil), Logger: quiet(), ProbeRetry: 20 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if !fe.Connected(ctx) {
		t.Fatal("the third probe was answered but Connected is false")
	}
	if got := nb.count("start comms"); got != 2 {
		t.Errorf("asked GoNB to check its connection %d times, want 2 (once before each new probe)", got)
	}
	if got := nb.count("#synaptune/probe/"); got != 3 {
		t.Errorf("%d probes shown, want 3", got)
	}
}

func TestConnectedProbe(t *testing.T) {
	fe := gonb.New(newFake(true, true), gonb.Options{Getenv: env(nil), Logger: quiet()})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if !fe.Connected(ctx) || !fe.Connected(ctx) {
		t.Error("a browser answered the probe but Connected is false")
	}

	nb := newFake(true, false)
	fe = gonb.New(nb, gonb.Options{Getenv: env(nil), Logger: quiet()})
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if fe.Connected(ctx) {
		t.Error("Connected without a browser")
	}
	if nb.count("#synaptune/probe/") != 1 {
		t.Errorf("probe sent %d times", nb.count("#synaptune/probe/"))
	}
}

// Headless (the environment switch, or not under GoNB): no comms at all, and
// Connected answers false at once.
func TestHeadless(t *testing.T) {
	for _, tt := range []struct {
		name     string
		notebook bool
		env      map[string]string
	}{
		{"switch set", true, map[string]string{"SYNAPTUNE_HEADLESS": "1"}},
		{"custom switch", true, map[string]string{"NBUI_HEADLESS": "yes"}},
		{"not a notebook", false, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			nb := newFake(tt.notebook, true)
			opts := gonb.Options{Getenv: env(tt.env), Logger: quiet()}
			if tt.env["NBUI_HEADLESS"] != "" {
				opts.HeadlessEnv = "NBUI_HEADLESS"
			}
			fe := gonb.New(nb, opts)
			s, _ := widgets.NewFloatSlider(fe, widgets.FloatSliderConfig{Min: 0, Max: 1})
			_ = s.SetValue(0.5)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if fe.Live() || fe.Connected(ctx) {
				t.Error("headless front end claims live comms or a connection")
			}
			if len(nb.sent) != 0 || len(nb.subs) != 0 || nb.count(`adapter: "gonb"`) != 0 {
				t.Errorf("comms used while headless: sent %v, subs %v", nb.sent, nb.subs)
			}
			if s.Value() != 0.5 {
				t.Error("the Go value must still change while headless")
			}
		})
	}
	// "0" leaves the switch off.
	fe := gonb.New(newFake(true, true), gonb.Options{Getenv: env(map[string]string{"SYNAPTUNE_HEADLESS": "0"}), Logger: quiet()})
	if !fe.Live() {
		t.Error("SYNAPTUNE_HEADLESS=0 switched comms off")
	}
}

func TestSyncOnlyInANotebook(t *testing.T) {
	for _, inNotebook := range []bool{true, false} {
		nb := newFake(inNotebook, false)
		fe := gonb.New(nb, gonb.Options{Out: io.Discard})
		if err := fe.Sync(); err != nil {
			t.Fatal(err)
		}
		nb.mu.Lock()
		syncs := 0
		for _, h := range nb.history {
			if h == "sync" {
				syncs++
			}
		}
		nb.mu.Unlock()
		if want := map[bool]int{true: 1, false: 0}[inNotebook]; syncs != want {
			t.Errorf("in notebook %v: %d syncs, want %d", inNotebook, syncs, want)
		}
	}
}
