package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/synaptune/synaptune/tuner/plot"
)

// needECharts skips the test when the echarts library is not in the default
// cache (run `synaptune setup-echarts`), except under CI=true, where it fails.
func needECharts(t testing.TB) {
	t.Helper()
	if _, err := plot.EChartsLibrary(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs the echarts library: %v", err)
		}
		t.Skipf("echarts library not installed: %v", err)
	}
}

// syncBuffer is a bytes buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a `synaptune serve` running in the test process.
type served struct {
	url    *url.URL
	stdout *syncBuffer
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServe runs `synaptune serve` with args and returns once it printed
// its URL.
func startServe(t testing.TB, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &served{stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := run(ctx, append([]string{"serve"}, args...), io.MultiWriter(pw, s.stdout), s.stderr)
		pw.Close()
		s.done <- err
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop after cancellation")
		}
	})
	lines := bufio.NewScanner(pr)
	for lines.Scan() {
		if _, after, ok := strings.Cut(lines.Text(), "open "); ok {
			u, err := url.Parse(after)
			if err != nil {
				t.Fatal(err)
			}
			s.url = u
			go func() { _, _ = io.Copy(io.Discard, pr) }() // serve never blocks on stdout
			return s
		}
	}
	t.Fatalf("serve printed no URL; stderr: %s; err: %v", s.stderr.String(), <-s.done)
	return nil
}

// page is a websocket client playing the browser page: it keeps the newest
// HTML of every output and of every Output widget.
type page struct {
	t    *testing.T
	conn *websocket.Conn
	html map[string]string // output id or comm address → newest HTML
	all  strings.Builder   // everything received, for finding widget ids
}

func openPage(t *testing.T, u *url.URL) *page {
	t.Helper()
	ws := url.URL{Scheme: "ws", Host: u.Host, Path: "/ws", RawQuery: u.RawQuery}
	conn, resp, err := websocket.DefaultDialer.Dial(ws.String(), nil)
	if err != nil {
		t.Fatalf("dial %s: %v", ws.String(), err)
	}
	resp.Body.Close()
	t.Cleanup(func() { conn.Close() })
	return &page{t: t, conn: conn, html: map[string]string{}}
}

// readUntil reads messages until cond holds, for up to 60 s.
func (p *page) readUntil(what string, cond func() bool) {
	p.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		_ = p.conn.SetReadDeadline(deadline)
		var m struct {
			Kind, ID, HTML, Address string
			Value                   json.RawMessage
		}
		if err := p.conn.ReadJSON(&m); err != nil {
			p.t.Fatalf("waiting for %s: %v", what, err)
		}
		switch m.Kind {
		case "output":
			p.html[m.ID] = m.HTML
			p.all.WriteString(m.HTML)
		case "comm":
			var s string
			if json.Unmarshal(m.Value, &s) == nil {
				p.html[m.Address] = s
				p.all.WriteString(s)
			}
		}
	}
}

func (p *page) send(address string, value any) {
	p.t.Helper()
	if err := p.conn.WriteJSON(map[string]any{"kind": "comm", "address": address, "value": value}); err != nil {
		p.t.Fatal(err)
	}
}

// find returns the newest HTML that contains marker.
func (p *page) find(marker string) string {
	for k, h := range p.html {
		if strings.HasSuffix(k, "/html") && strings.Contains(h, marker) {
			return h
		}
	}
	return ""
}

var (
	useSlider = regexp.MustCompile(`<label for="([^"]+)-c">Use</label>`)
	button    = regexp.MustCompile(`<button id="([^"]+)-c" type="button">([^<]*)</button>`)
	pprCell   = regexp.MustCompile(`data-metric="ppr"[^>]*>([^<]*)<`)
)

func TestServeOverWebsocket(t *testing.T) {
	if testing.Short() {
		t.Skip("serve test skipped in short mode")
	}
	needECharts(t)
	s := startServe(t, "--settings", seedFile(t))
	if host := s.url.Hostname(); host != "127.0.0.1" {
		t.Errorf("serve bound %s, want loopback", host)
	}
	noToken := *s.url
	noToken.RawQuery = ""
	if resp, err := http.Get(noToken.String()); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusForbidden {
		t.Errorf("page without the session token: %s, want 403", resp.Status)
	}
	p := openPage(t, s.url)
	p.readUntil("the first train figure", func() bool {
		return strings.Contains(p.find(`class="synaptune-plot"`), "markPoint") && pprCell.MatchString(p.find("synaptune-metrics"))
	})
	firstFigure := p.find(`class="synaptune-plot"`)
	firstPPR := pprCell.FindStringSubmatch(p.find("synaptune-metrics"))[1]
	m := useSlider.FindStringSubmatch(p.all.String())
	if m == nil {
		t.Fatal("no Use slider on the page")
	}
	// Bad messages are dropped; the session goes on.
	for _, bad := range [][]byte{[]byte("{not json"), []byte(`{"kind":"comm","address":"` + m[1] + `/value","value":"` + strings.Repeat("x", 70<<10) + `"}`)} {
		if err := p.conn.WriteMessage(websocket.TextMessage, bad); err != nil {
			t.Fatal(err)
		}
	}
	p.send(m[1]+"/value", "not a number")
	p.send(m[1]+"/value", 0.8)
	p.readUntil("the updated figure and metrics", func() bool {
		ppr := pprCell.FindStringSubmatch(p.find("synaptune-metrics"))
		return p.find(`class="synaptune-plot"`) != firstFigure && ppr != nil && ppr[1] != firstPPR
	})
	for _, want := range []string{"dropped: malformed JSON", "dropped: too large"} {
		if !strings.Contains(s.stderr.String(), want) {
			t.Errorf("no log line %q for a bad message", want)
		}
	}
	buttons := map[string]string{}
	for _, b := range button.FindAllStringSubmatch(p.all.String(), -1) {
		buttons[b[2]] = b[1]
	}
	p.send(buttons["Done"]+"/click", 1)
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not end after Done")
	}
	if out := s.stdout.String(); !strings.Contains(out, "interactive tuner ended: done") {
		t.Errorf("stdout %q", out)
	}
}

func TestServeNeedsECharts(t *testing.T) {
	_, _, err := runCLI(t, "serve", "--settings", seedFile(t), "--cache", t.TempDir())
	if err == nil || !errors.Is(err, plot.ErrEChartsMissing) || !strings.Contains(err.Error(), "synaptune setup-echarts") {
		t.Errorf("serve without the library: %v; want an error naming synaptune setup-echarts", err)
	}
}

func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--settings"},
		{"serve", "--nosuch"},
		{"serve", "--settings", "x.json", "extra"},
	} {
		if _, _, err := runCLI(t, args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestSetupEChartsKeepsCachedLibrary(t *testing.T) {
	lib, err := plot.EChartsLibrary("")
	if err != nil {
		t.Skipf("no cached library to copy: %v", err)
	}
	cache := t.TempDir()
	path, err := plot.EChartsPath(cache)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, lib, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir()) // no npm: a library in place must not need it
	out, _, err := runCLI(t, "setup-echarts", "--cache", cache)
	if err != nil {
		t.Fatal(err)
	}
	if want := "echarts 5.4.3 is in " + path; strings.TrimSpace(out) != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

func TestSetupEChartsReportsNpmFailure(t *testing.T) {
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "npm"), []byte("#!/bin/sh\necho offline >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	_, _, err := runCLI(t, "setup-echarts", "--cache", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "setup-echarts") {
		t.Errorf("setup-echarts with a failing npm: %v", err)
	}
}
