package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/synaptune/synaptune/kernel/web"
	"github.com/synaptune/synaptune/widgets"
)

// findChromium returns the Chromium binary, preferring the real binary over
// Debian's wrapper script.
func findChromium(t *testing.T) string {
	for _, p := range []string{"/usr/lib/chromium/chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is required in CI for the browser test")
	}
	t.Skip("chromium not installed; browser test skipped")
	return ""
}

// browser is a headless Chromium driven over the DevTools protocol.
type browser struct {
	t    *testing.T
	conn *websocket.Conn
	id   int
}

// openBrowser starts headless Chromium on url with the network cut off (only
// loopback works) and connects to the page's DevTools websocket.
func openBrowser(t *testing.T, url string) *browser {
	t.Helper()
	bin := findChromium(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+dir, "--proxy-server=http://127.0.0.1:9", "--remote-debugging-port=0", url)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	var port string
	var target string
	deadline := time.Now().Add(20 * time.Second)
	for target == "" {
		if time.Now().After(deadline) {
			t.Fatal("chromium did not expose the page over DevTools")
		}
		time.Sleep(50 * time.Millisecond)
		if port == "" {
			b, err := os.ReadFile(filepath.Join(dir, "DevToolsActivePort"))
			if err != nil {
				continue
			}
			port = strings.SplitN(string(b), "\n", 2)[0]
		}
		resp, err := http.Get("http://127.0.0.1:" + port + "/json/list")
		if err != nil {
			continue
		}
		var targets []struct{ Type, URL, WebSocketDebuggerURL string }
		_ = json.NewDecoder(resp.Body).Decode(&targets)
		resp.Body.Close()
		for _, tg := range targets {
			if tg.Type == "page" && strings.Contains(tg.URL, "token=") {
				target = tg.WebSocketDebuggerURL
			}
		}
	}
	conn, resp, err := websocket.DefaultDialer.Dial(target, nil)
	if err != nil {
		t.Fatalf("devtools: %v", err)
	}
	resp.Body.Close()
	t.Cleanup(func() { conn.Close() })
	return &browser{t: t, conn: conn}
}

// evalErr runs JavaScript in the page, awaiting a returned promise, and
// returns its JSON value or the error (an exception, or a DevTools error such
// as a context destroyed by a navigation).
func (b *browser) evalErr(js string) (any, error) {
	b.id++
	err := b.conn.WriteJSON(map[string]any{"id": b.id, "method": "Runtime.evaluate",
		"params": map[string]any{"expression": js, "awaitPromise": true, "returnByValue": true}})
	if err != nil {
		b.t.Fatalf("devtools write: %v", err)
	}
	_ = b.conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		var m struct {
			ID     int
			Error  *struct{ Message string }
			Result struct {
				Result           struct{ Value any }
				ExceptionDetails *struct {
					Text      string
					Exception struct{ Description string }
				}
			}
		}
		if err := b.conn.ReadJSON(&m); err != nil {
			b.t.Fatalf("devtools read: %v", err)
		}
		switch {
		case m.ID != b.id:
			continue
		case m.Error != nil:
			return nil, fmt.Errorf("devtools: %s", m.Error.Message)
		case m.Result.ExceptionDetails != nil:
			return nil, fmt.Errorf("page script failed: %s %s", m.Result.ExceptionDetails.Text, m.Result.ExceptionDetails.Exception.Description)
		}
		return m.Result.Result.Value, nil
	}
}

// eval is evalErr that fails the test on an error.
func (b *browser) eval(js string) any {
	b.t.Helper()
	v, err := b.evalErr(js)
	if err != nil {
		b.t.Fatalf("%v\n%s", err, js)
	}
	return v
}

// until evaluates cond (a JavaScript expression) until it is truthy, for up
// to 10 s, and then returns the value of result.
func (b *browser) until(what, cond, result string) any {
	b.t.Helper()
	js := fmt.Sprintf(`(()=>{try{if(%s)return {v:(%s)}}catch(e){}return null})()`, cond, result)
	deadline := time.Now().Add(10 * time.Second)
	for {
		v, err := b.evalErr(js)
		if m, ok := v.(map[string]any); ok && err == nil {
			return m["v"]
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting for %s (last error %v)", what, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func byID(id string) string { return fmt.Sprintf("document.getElementById(%q)", id) }

// TestBrowser drives the page in headless Chromium with the network cut off:
// widgets drawn, values both ways, show/hide, Output scripts, and the page
// rebuilt after a reload.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in short mode")
	}
	s, _ := startServer(t, web.Options{Title: "browser test"})
	slider, _ := widgets.NewFloatSlider(s, widgets.FloatSliderConfig{Label: "Use", Min: 0, Max: 1, Step: 0.01, Value: 0.5})
	label, _ := widgets.NewLabel(s, "value 0.50")
	toggle, _ := widgets.NewToggleButton(s, widgets.ToggleButtonConfig{Label: "Hide label"})
	dropdown, _ := widgets.NewDropdown(s, widgets.DropdownConfig{Options: []string{"Fac2FSI", "Dep2FSI"}})
	out, _ := widgets.NewOutput(s)
	box, err := widgets.NewVBox(s, slider, label, toggle, dropdown, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := widgets.Display(s, box); err != nil {
		t.Fatal(err)
	}
	toggle.OnChange(func(on bool) { _ = label.SetVisible(!on) })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for {
			select {
			case v := <-slider.Changes():
				_ = label.SetText(fmt.Sprintf("value %.2f", v))
				_ = out.SetHTML(fmt.Sprintf(`<b id="chk">%.2f</b><script>document.getElementById("chk").dataset.ran="yes"</script>`, v))
			case <-ctx.Done():
				return
			}
		}
	}()

	b := openBrowser(t, s.URL())
	b.until("the page to connect and draw", byID("synaptune-status")+`.textContent==="connected" && `+byID(slider.ID()+"-c"), "true")

	// Browser → Go → browser.
	b.eval(fmt.Sprintf(`(()=>{const e=%s;e.value="0.73";e.dispatchEvent(new Event("change"))})()`, byID(slider.ID()+"-c")))
	b.until("the label to follow the slider", byID(label.ID()+"-c")+`.textContent==="value 0.73"`, "true")
	if slider.Value() != 0.73 {
		t.Errorf("Go slider value %g, want 0.73", slider.Value())
	}
	if got := b.until("the output script", byID("chk")+`.dataset.ran==="yes"`, byID("chk")+".textContent"); got != "0.73" {
		t.Errorf("output area shows %v", got)
	}
	// Toggle → Go callback hides the label.
	b.eval(byID(toggle.ID()+"-c") + ".click()")
	b.until("the label to hide", byID(label.ID())+`.style.display==="none"`, "true")
	if !toggle.Value() {
		t.Error("toggle click did not reach Go")
	}
	b.eval(fmt.Sprintf(`(()=>{const e=%s;e.value="Dep2FSI";e.dispatchEvent(new Event("change"))})()`, byID(dropdown.ID()+"-c")))
	deadline := time.Now().Add(10 * time.Second)
	for dropdown.Value() != "Dep2FSI" {
		if time.Now().After(deadline) {
			t.Fatal("dropdown change did not reach Go")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Go → browser.
	if err := slider.SetValue(0.11); err != nil {
		t.Fatal(err)
	}
	b.until("the slider to follow Go", byID(slider.ID()+"-c")+`.value==="0.11" && `+byID(slider.ID()+"-r")+`.textContent==="0.11"`, "true")

	// A reload rebuilds the page from the server's state.
	b.eval(`setTimeout(()=>location.reload(),0)`)
	time.Sleep(300 * time.Millisecond)
	got := b.until("the page to be rebuilt", byID("synaptune-status")+`.textContent==="connected" && `+byID(slider.ID()+"-c")+`.value==="0.11"`,
		"["+byID(label.ID())+".style.display,"+byID(dropdown.ID()+"-c")+".value]")
	if fmt.Sprint(got) != "[none Dep2FSI]" {
		t.Errorf("after reload: label display and dropdown %v, want [none Dep2FSI]", got)
	}
}
