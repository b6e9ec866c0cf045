package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/synaptune/synaptune/kernel/web"
	"github.com/synaptune/synaptune/widgets"
)

// logBuffer collects log output safely from several goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServer runs a server until the test ends.
func startServer(t testing.TB, opts web.Options) (*web.Server, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	}
	s, err := web.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return after cancel")
		}
	})
	return s, logs
}

func wsURL(s *web.Server, token string) string {
	return "ws://" + s.Addr().String() + "/ws?token=" + token
}

// page is a test client playing the browser page.
type page struct {
	t    *testing.T
	conn *websocket.Conn
}

func dial(t *testing.T, s *web.Server) *page {
	t.Helper()
	conn, resp, err := websocket.DefaultDialer.Dial(wsURL(s, s.Token()), nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	resp.Body.Close()
	t.Cleanup(func() { conn.Close() })
	return &page{t: t, conn: conn}
}

type serverMsg struct {
	Kind    string          `json:"kind"`
	ID      string          `json:"id"`
	HTML    string          `json:"html"`
	Address string          `json:"address"`
	Value   json.RawMessage `json:"value"`
}

// waitFor reads messages until one satisfies match, failing after a deadline.
func (p *page) waitFor(what string, match func(serverMsg) bool) serverMsg {
	p.t.Helper()
	_ = p.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, data, err := p.conn.ReadMessage()
		if err != nil {
			p.t.Fatalf("waiting for %s: %v", what, err)
		}
		var m serverMsg
		if err := json.Unmarshal(data, &m); err != nil {
			p.t.Fatalf("server sent malformed JSON %q: %v", data, err)
		}
		if match(m) {
			return m
		}
	}
}

func (p *page) send(kind int, data []byte) {
	p.t.Helper()
	if err := p.conn.WriteMessage(kind, data); err != nil {
		p.t.Fatalf("write: %v", err)
	}
}

func (p *page) sendComm(address string, value any) {
	p.t.Helper()
	b, _ := json.Marshal(map[string]any{"kind": "comm", "address": address, "value": value})
	p.send(websocket.TextMessage, b)
}

func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	panic("unreachable")
}

func TestTokenRequired(t *testing.T) {
	s, logs := startServer(t, web.Options{})
	base := "http://" + s.Addr().String()
	tests := []struct {
		name string
		url  string
		want int
	}{
		{"page without token", base + "/", http.StatusForbidden},
		{"page with wrong token", base + "/?token=abc", http.StatusForbidden},
		{"asset without token", base + "/assets/echarts.min.js", http.StatusForbidden},
		{"unknown path without token", base + "/x", http.StatusForbidden},
		{"page with token", s.URL(), http.StatusOK},
		{"unknown path with token", base + "/x?token=" + s.Token(), http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusOK && !strings.Contains(string(body), "window.synaptuneComm") {
				t.Error("page lacks its embedded script")
			}
		})
	}
	for _, token := range []string{"", "wrong"} {
		_, resp, err := websocket.DefaultDialer.Dial(wsURL(s, token), nil)
		if err == nil {
			t.Fatalf("websocket with token %q accepted", token)
		}
		if resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("websocket with token %q: %v, want 403", token, err)
		}
	}
	if !strings.Contains(logs.String(), "without a valid session token") {
		t.Error("refusals not logged")
	}
	if !strings.HasPrefix(s.Addr().String(), "127.0.0.1:") {
		t.Errorf("default address %s is not loopback", s.Addr())
	}
}

// A slider change sent by the page reaches the Go widget, and a Go-side
// update reaches the page.
func TestWidgetRoundTrip(t *testing.T) {
	s, _ := startServer(t, web.Options{})
	slider, err := widgets.NewFloatSlider(s, widgets.FloatSliderConfig{Label: "Use", Min: 0, Max: 1, Step: 0.01, Value: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	out, err := widgets.Display(s, slider)
	if err != nil {
		t.Fatal(err)
	}
	p := dial(t, s)
	p.waitFor("the slider output", func(m serverMsg) bool {
		return m.Kind == "output" && m.ID == string(out) && strings.Contains(m.HTML, slider.ID())
	})

	p.sendComm(slider.ID()+"/value", 0.3)
	if v := receive(t, slider.Changes(), "the slider change"); v != 0.3 {
		t.Errorf("Go got %g, want 0.3", v)
	}

	if err := slider.SetValue(0.9); err != nil {
		t.Fatal(err)
	}
	m := p.waitFor("the Go value", func(m serverMsg) bool { return m.Kind == "comm" && m.Address == slider.ID()+"/value" })
	if string(m.Value) != "0.9" {
		t.Errorf("page got %s, want 0.9", m.Value)
	}
	if err := s.UpdateHTML(out, "<p>replaced</p>"); err != nil {
		t.Fatal(err)
	}
	p.waitFor("the replaced output", func(m serverMsg) bool {
		return m.Kind == "output" && m.ID == string(out) && m.HTML == "<p>replaced</p>"
	})
}

func TestBadMessagesDropped(t *testing.T) {
	s, logs := startServer(t, web.Options{MaxMessageBytes: 1024, MaxFrameBytes: 64 << 10})
	sub := s.Subscribe("a")
	defer sub.Close()
	p := dial(t, s)
	p.waitFor("the reset", func(m serverMsg) bool { return m.Kind == "reset" })

	bad := []struct {
		kind int
		data string
		log  string
	}{
		{websocket.TextMessage, "not json", "malformed JSON"},
		{websocket.TextMessage, `{"kind":"comm","address":"a"`, "malformed JSON"},
		{websocket.TextMessage, `{"kind":"eval","address":"a","value":1}`, "unknown kind"},
		{websocket.TextMessage, `{"kind":"comm","value":1}`, "missing or overlong address"},
		{websocket.TextMessage, `{"kind":"comm","address":"a"}`, "missing value"},
		{websocket.BinaryMessage, `{"kind":"comm","address":"a","value":1}`, "not text"},
		{websocket.TextMessage, `{"kind":"comm","address":"a","value":"` + strings.Repeat("x", 5000) + `"}`, "too large"},
	}
	for _, b := range bad {
		p.send(b.kind, []byte(b.data))
	}
	p.sendComm("a", 42)
	m := receive(t, sub.C(), "the valid message after the bad ones")
	if string(m.Value) != "42" {
		t.Errorf("got %s, want 42", m.Value)
	}
	if sub.Dropped() != 0 {
		t.Errorf("a bad message reached the subscription (%d superseded)", sub.Dropped())
	}
	for _, b := range bad {
		if !strings.Contains(logs.String(), "dropped: "+b.log) {
			t.Errorf("no log line for %q", b.log)
		}
	}

	// Above the frame limit: that connection closes, the server goes on.
	// The server may close the connection while the message is still being
	// written, so a write error is expected here.
	_ = p.conn.WriteMessage(websocket.TextMessage, bytes.Repeat([]byte("y"), 100<<10))
	_ = p.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			break
		}
	}
	p2 := dial(t, s)
	p2.sendComm("a", 43)
	if m := receive(t, sub.C(), "a message on a new connection"); string(m.Value) != "43" {
		t.Errorf("got %s, want 43", m.Value)
	}
	// The first connection's reader may still be discarding the big message.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "above the frame limit") {
		if time.Now().After(deadline) {
			t.Fatal("frame-limit close not logged")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A page that connects later is rebuilt: outputs in order, then the newest
// comm values (from Go and from other pages).
func TestReplayAndConnected(t *testing.T) {
	s, _ := startServer(t, web.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if s.Connected(ctx) {
		t.Fatal("Connected with no page")
	}
	first, _ := s.DisplayHTML("<p>one</p>")
	_ = s.Print("two < three")
	_ = s.UpdateHTML(first, "<p>one, updated</p>")
	_ = s.DisplayTransient("<script>gone</script>")
	_ = s.Send("x", 1)
	_ = s.Send("x", 2)

	p1 := dial(t, s)
	if !s.Connected(context.Background()) {
		t.Error("not Connected with a page open")
	}
	p1.waitFor("p1's replay", func(m serverMsg) bool { return m.Kind == "comm" })
	p1.sendComm("y", "from p1")

	p2 := dial(t, s)
	var got []string
	for len(got) < 5 {
		m := p2.waitFor("the replay", func(serverMsg) bool { return true })
		switch m.Kind {
		case "output":
			got = append(got, m.HTML)
		case "comm":
			got = append(got, m.Address+"="+string(m.Value))
		default:
			got = append(got, m.Kind)
		}
	}
	want := []string{"reset", "<p>one, updated</p>", `<pre class="synaptune-text">two &lt; three</pre>`, "x=2", `y="from p1"`}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("replay %q, want %q", got, want)
		}
	}
}

func TestEChartsFile(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "echarts.min.js")
	if err := os.WriteFile(lib, []byte("window.echarts={};"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _ := startServer(t, web.Options{EChartsFile: lib})
	resp, err := http.Get("http://" + s.Addr().String() + "/assets/echarts.min.js?token=" + s.Token())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "window.echarts={};" {
		t.Errorf("asset: %d %q", resp.StatusCode, body)
	}
	resp, err = http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `src="assets/echarts.min.js?token=`+s.Token()+`"`) {
		t.Error("page does not load the local echarts copy")
	}
	if strings.Contains(string(page), "http://") || strings.Contains(string(page), "https://") {
		t.Error("page refers to a network address")
	}

	_, err = web.New(web.Options{EChartsFile: filepath.Join(dir, "missing.js")})
	if err == nil || !strings.Contains(err.Error(), "missing.js") {
		t.Errorf("missing echarts file: %v", err)
	}
}

// Cancelling the context closes open websockets and Serve returns.
func TestShutdownClosesPages(t *testing.T) {
	s, err := web.New(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	p := dial(t, s)
	p.waitFor("the reset", func(m serverMsg) bool { return m.Kind == "reset" })
	cancel()
	if err := receive(t, done, "Serve to return"); err != nil {
		t.Errorf("Serve: %v", err)
	}
	_ = p.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, _, err := p.conn.ReadMessage(); err == nil {
		t.Error("websocket still open after shutdown")
	}
	if _, err := http.Get(s.URL()); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// 1,000 slider messages from the page while the Go consumer is busy: the
// consumer runs once more, for the last value.
func TestLatestOnlyOverWebsocket(t *testing.T) {
	s, _ := startServer(t, web.Options{})
	slider, err := widgets.NewIntSlider(s, widgets.IntSliderConfig{Min: 0, Max: 1000})
	if err != nil {
		t.Fatal(err)
	}
	arrived := make(chan struct{})
	slider.OnChange(func(v int) {
		if v == 1000 {
			close(arrived)
		}
	})
	busy, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var processed []int
	go func() {
		defer close(done)
		for v := range slider.Changes() {
			processed = append(processed, v)
			if len(processed) == 1 {
				close(busy)
				<-release
			}
			if v == 1000 {
				return
			}
		}
	}()
	p := dial(t, s)
	p.sendComm(slider.ID()+"/value", 1)
	receive(t, busy, "the consumer to start")
	for i := 2; i <= 1000; i++ {
		p.sendComm(slider.ID()+"/value", i)
	}
	receive(t, arrived, "the last message")
	close(release)
	receive(t, done, "the consumer to finish")
	if len(processed) != 2 || processed[1] != 1000 {
		t.Errorf("consumer processed %d values (%v...), want 2 ending with 1000", len(processed), processed[:min(len(processed), 5)])
	}
}
