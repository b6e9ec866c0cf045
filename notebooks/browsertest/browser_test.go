package browsertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The notebook under test, in notebooks/. The test runs a copy next to it
// (its first cell finds the module one folder up), so the committed file is
// never touched.
const (
	notebookName = "synaptic_tuner.ipynb"
	copyName     = "synaptic_tuner.browser.ipynb"
)

func enabled(t *testing.T) {
	t.Helper()
	if os.Getenv("SYNAPTUNE_NOTEBOOK_BROWSER") != "1" {
		t.Skip("set SYNAPTUNE_NOTEBOOK_BROWSER=1 (notebooks/browser.sh) to run the notebook browser test")
	}
}

// need returns the path of a program the test cannot run without.
func need(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found on PATH: run `make notebooks` (and apt-get install chromium)", name)
	}
	return p
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// artifacts is where the screenshot and the saved notebook go.
func artifacts(t *testing.T) string {
	t.Helper()
	d := os.Getenv("SYNAPTUNE_TEST_ARTIFACTS")
	if d == "" {
		d = t.TempDir()
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// startJupyter starts classic Jupyter Notebook on the notebooks folder, bound
// to loopback with a random token, and waits until it answers.
func startJupyter(t *testing.T, dir string) (base, token string) {
	t.Helper()
	jupyter := need(t, "jupyter")
	need(t, "gonb")
	need(t, "goimports")
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	token = hex.EncodeToString(b)
	port := freePort(t)
	args := []string{"notebook", "--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port),
		"--NotebookApp.token=" + token, "--notebook-dir=" + dir, "--NotebookApp.port_retries=0"}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root")
	}
	cmd := exec.Command(jupyter, args...)
	cmd.Env = append(os.Environ(), "SYNAPTUNE_HEADLESS=0", "JUPYTER_RUNTIME_DIR="+t.TempDir())
	logf, err := os.Create(filepath.Join(artifacts(t), t.Name()+".jupyter.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		logf.Close()
		if t.Failed() {
			logTail(t, logf.Name(), 40)
		}
	})
	base = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/api/status?token=" + token)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, token
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("jupyter did not answer on %s within 60 s (log: %s)", base, logf.Name())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// openBrowser starts headless Chromium with a fresh profile and the network
// cut off: every non-loopback request goes to a closed proxy port.
func openBrowser(t *testing.T) context.Context {
	t.Helper()
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Fatal("chromium not found: apt-get install chromium")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 2000),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	console := &consoleLog{}
	if err := chromedp.Listen(ctx, console.listen); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("listening to the page's console: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the page's console, last lines:\n%s", console.tail(40))
		}
		cancel()
		cancelAlloc()
	})
	return ctx
}

// consoleLog keeps what the page writes to its console and the exceptions
// it throws (GoNB's gonb_comm reports its failures there), for failures.
type consoleLog struct {
	mu    sync.Mutex
	lines []string
}

func (c *consoleLog) listen(ev any) {
	var line string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		line = string(ev.Type) + ": " + strings.Join(parts, " ")
	case *runtime.EventExceptionThrown:
		line = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			line += " " + ev.ExceptionDetails.Exception.Description
		}
	default:
		return
	}
	c.mu.Lock()
	c.lines = append(c.lines, time.Now().Format("15:04:05.000 ")+line)
	c.mu.Unlock()
}

func (c *consoleLog) tail(n int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.lines) == 0 {
		return "  (nothing)"
	}
	return "  " + strings.Join(c.lines[max(0, len(c.lines)-n):], "\n  ")
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%v\nin: %s", err, js)
	}
	return v
}

// waitJS evaluates cond in the page until it is truthy or limit passes.
func waitJS(t *testing.T, ctx context.Context, what, cond string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	js := fmt.Sprintf(`new Promise((resolve, reject) => { const t0 = performance.now(); (function poll() {
	  try { if (%s) return resolve(true); } catch (e) {}
	  if (performance.now() - t0 > %d) return reject(new Error('timed out'));
	  setTimeout(poll, 20); })(); })`, cond, limit.Milliseconds())
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for %s: %v\nthe notebook then:\n%s", what, err, notebookState(ctx))
	}
	return time.Since(start)
}

// notebookState describes the page's cells (running or not, and the start
// of their output) and the kernel's connection, for a failure message.
func notebookState(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	  try {
	    const cells = Jupyter.notebook.get_cells().map((c, i) => '  cell ' + i + ' (' + c.cell_type +
	      (c.element[0].classList.contains('running') ? ', running' : '') + '): ' +
	      (c.output_area ? c.output_area.element[0].textContent.replace(/\s+/g, ' ').slice(0, 400) : ''));
	    const k = Jupyter.notebook.kernel;
	    return cells.join('\n') + '\n  kernel: ' + (k ? (k.is_connected() ? 'connected' : 'not connected') : 'none');
	  } catch (e) { return '  unavailable: ' + e; }
	})()`))
	if err != nil {
		return "  unavailable: " + err.Error()
	}
	return state
}

// logTail logs the last n lines of the file at path.
func logTail(t *testing.T, path string, n int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("cannot read %s: %v", path, err)
		return
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	t.Logf("last %d lines of %s:\n%s", min(n, len(lines)), path, strings.Join(lines[max(0, len(lines)-n):], "\n"))
}

// pageHelpers are installed once in the notebook page. Cells are found by
// their tags; __cell(i) is the output element of cell i.
const pageHelpers = `(() => {
  window.__cells = () => Jupyter.notebook.get_cells();
  window.__tagged = (tag) => window.__cells().map((c, i) => [c, i]).filter(([c]) => c.cell_type === 'code' && ((c.metadata.tags || []).includes(tag))).map(([, i]) => i);
  window.__out = (i) => Jupyter.notebook.get_cell(i).output_area.element[0];
  window.__running = () => window.__cells().some((c) => c.cell_type === 'code' && c.element[0].classList.contains('running'));
  window.__inked = (el) => {
    let best = 0;
    for (const cv of el.querySelectorAll('.synaptune-plot canvas')) {
      const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; }
      best = Math.max(best, n);
    }
    return best;
  };
  window.__panel = () => window.__out(window.__tagged('interactive')[0]);
  window.__control = (label) => {
    const l = [...window.__panel().querySelectorAll('label')].find((x) => x.textContent === label);
    return l && document.getElementById(l.htmlFor);
  };
  window.__button = (text) => [...window.__panel().querySelectorAll('button')].find((b) => b.textContent === text);
  window.__metrics = () => { const m = window.__panel().querySelector('.synaptune-metrics'); return m ? m.textContent : ''; };
  window.__data = () => {
    const fig = window.__panel().querySelector('.synaptune-plot');
    const c = fig && window.synaptunePlots && window.synaptunePlots[fig.id];
    if (!c || c.isDisposed()) return '';
    let out = '';
    for (const s of c.getOption().series) {
      let sum = 0;
      for (const p of s.data || []) { sum += Array.isArray(p) ? +p[1] : +p; }
      out += (s.data || []).length + ':' + sum.toPrecision(12) + ';';
    }
    return out;
  };
  return true;
})()`

func TestNotebookInBrowser(t *testing.T) {
	enabled(t)
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, notebookName))
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, copyName)
	if err := os.WriteFile(copyPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(copyPath) })
	out := artifacts(t)

	base, token := startJupyter(t, dir)
	ctx := openBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notebooks/"+copyName+"?token="+token)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the kernel", `window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()`, 60*time.Second)
	eval[bool](t, ctx, pageHelpers)
	interactive := eval[[]int](t, ctx, `window.__tagged('interactive')`)
	if len(interactive) != 1 {
		t.Fatalf("want one cell tagged interactive, got %v", interactive)
	}
	charts := eval[[]int](t, ctx, `window.__tagged('chart')`)

	start := time.Now()
	eval[bool](t, ctx, `Jupyter.notebook.clear_all_output(), Jupyter.notebook.execute_all_cells(), true`)

	// The cells before the interactive tuner run; then its panel appears.
	ready := waitJS(t, ctx, "the interactive tuner's panel",
		`window.__control('Use') && window.__button('Run Train') && window.__data() !== '' && window.__inked(window.__panel()) > 1000`, 5*time.Minute)
	t.Logf("run all → interactive panel ready: %.1f s", ready.Seconds())
	for _, i := range charts {
		if i >= interactive[0] {
			continue
		}
		if n := eval[int](t, ctx, fmt.Sprintf(`window.__inked(window.__out(%d))`, i)); n < 1000 {
			t.Errorf("cell %d: chart canvas has %d inked pixels; not drawn", i, n)
		}
	}
	if n := eval[int](t, ctx, `window.__inked(window.__panel())`); true {
		t.Logf("interactive chart: %d inked pixels", n)
	}

	data0 := eval[string](t, ctx, `window.__data()`)
	metrics0 := eval[string](t, ctx, `window.__metrics()`)
	if !strings.Contains(metrics0, "Dep2FSI") {
		t.Errorf("metrics panel %q does not name Dep2FSI", metrics0)
	}

	// Move Use from 0.4 to 0.8 and wait for the re-simulated figure.
	t0 := time.Now()
	eval[bool](t, ctx, `(() => { const s = window.__control('Use'); s.value = '0.8';
	  s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); return true; })()`)
	waitJS(t, ctx, "the figure after moving Use", fmt.Sprintf(`window.__data() !== '' && window.__data() !== %q`, data0), 60*time.Second)
	t.Logf("Use 0.4 → 0.8: new figure after %.0f ms", time.Since(t0).Seconds()*1000)

	// Run Train re-simulates: the chart is drawn anew (a new echarts instance).
	eval[bool](t, ctx, `(() => { const f = window.__panel().querySelector('.synaptune-plot'); window.__before = window.synaptunePlots[f.id]; return true; })()`)
	t0 = time.Now()
	eval[bool](t, ctx, `window.__button('Run Train').click(), true`)
	waitJS(t, ctx, "the train after Run Train", `(() => { const f = window.__panel().querySelector('.synaptune-plot');
	  const c = f && window.synaptunePlots[f.id]; return c && c !== window.__before && !c.isDisposed() && window.__inked(window.__panel()) > 1000; })()`, 60*time.Second)
	t.Logf("Run Train: new chart drawn after %.0f ms", time.Since(t0).Seconds()*1000)
	if !strings.Contains(eval[string](t, ctx, `window.__metrics()`), "Train 50 Hz") {
		t.Error("metrics panel does not show the 50 Hz train after Run Train")
	}
	if d := eval[string](t, ctx, `window.__data()`); d == data0 {
		t.Errorf("chart data unchanged after Use 0.4 → 0.8 and Run Train: %s", d)
	}
	metrics1 := eval[string](t, ctx, `window.__metrics()`)
	if metrics1 == metrics0 {
		t.Error("metrics text unchanged after Use 0.4 → 0.8 and Run Train")
	}
	t.Logf("metrics before: %q", metrics0)
	t.Logf("metrics after:  %q", metrics1)

	eval[bool](t, ctx, `window.__panel().closest('.cell').scrollIntoView({block: 'start'}), true`)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "notebook-interactive-tuner.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// Done: the panel gives way to the final state and the rest of the cells run.
	t0 = time.Now()
	eval[bool](t, ctx, `window.__button('Done').click(), true`)
	waitJS(t, ctx, "the final state", `window.__panel().querySelector('.synaptune-final .synaptune-plot canvas')`, 30*time.Second)
	waitJS(t, ctx, "the remaining cells", `!window.__running() && Jupyter.notebook.kernel_busy !== true && window.__cells().every((c) => c.cell_type !== 'code' || typeof c.input_prompt_number === 'number')`, 5*time.Minute)
	t.Logf("Done → all cells finished: %.1f s; whole notebook: %.1f s", time.Since(t0).Seconds(), time.Since(start).Seconds())

	final := eval[string](t, ctx, `window.__panel().textContent`)
	if !strings.Contains(final, "Interactive tuner ended (done)") {
		t.Errorf("interactive cell does not report ending on Done: %q", final[max(0, len(final)-300):])
	}
	if !strings.Contains(final, "0.8") {
		t.Errorf("final parameters do not show Use 0.8")
	}
	for _, i := range charts {
		if n := eval[int](t, ctx, fmt.Sprintf(`window.__inked(window.__out(%d))`, i)); n < 1000 {
			t.Errorf("cell %d: chart canvas has %d inked pixels; not drawn", i, n)
		}
	}
	if errs := eval[string](t, ctx, `[...document.querySelectorAll('.output_error, .output_stderr')].map((e) => e.textContent).join('\n')`); strings.TrimSpace(errs) != "" {
		t.Errorf("error output in the page:\n%s", errs)
	}
	if got := eval[string](t, ctx, `typeof window.echarts`); got != "object" {
		t.Errorf("window.echarts is %s", got)
	}
	foreign := eval[[]string](t, ctx, `performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin) && !u.startsWith('data:'))`)
	if len(foreign) > 0 {
		t.Errorf("the page loaded from outside loopback: %v", foreign)
	}

	eval[bool](t, ctx, `window.__panel().closest('.cell').scrollIntoView({block: 'start'}), true`)
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "notebook-final.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `Jupyter.notebook.save_notebook(), true`)
	time.Sleep(time.Second)
	saved, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []json.RawMessage `json:"cells"`
	}
	if err := json.Unmarshal(saved, &nb); err != nil {
		t.Fatalf("saved notebook: %v", err)
	}
	if err := os.WriteFile(filepath.Join(out, "synaptic_tuner.browser.ipynb"), saved, 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(saved), "synaptune-final") {
		t.Error("the saved notebook does not keep the interactive tuner's final state")
	}
	t.Logf("artefacts in %s", out)
}

// interruptNotebook is a small notebook: the module set-up cell of
// synaptic_tuner.ipynb, the interactive tuner, and a cell after it.
func interruptNotebook(t *testing.T, setup json.RawMessage) []byte {
	t.Helper()
	// nbformat 4.5, as the tutorial whose set-up cell (with its id) is
	// copied: every cell has an id.
	code := func(tag string, src ...string) map[string]any {
		tags := []string{}
		if tag != "" {
			tags = append(tags, tag)
		}
		return map[string]any{"cell_type": "code", "id": "interrupt-test-" + tag, "execution_count": nil,
			"metadata": map[string]any{"tags": tags}, "outputs": []any{}, "source": src}
	}
	nb := map[string]any{
		"cells": []any{
			setup,
			code("interactive",
				"import \"github.com/synaptune/synaptune/tuner/notebook\"\n\n",
				"func must[T any](v T, err error) T {\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn v\n}\n\n",
				"%%\n", "t := must(notebook.Seed(\"Dep2FSI\", notebook.Options{}))\n", "must(t.InteractiveTuner())"),
			code("after", "%%\n", "fmt.Println(\"the next cell ran\")"),
		},
		"metadata": map[string]any{"kernelspec": map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
		"nbformat": 4, "nbformat_minor": 5,
	}
	b, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInterruptEndsInteractiveTuner presses the notebook's stop button (a
// kernel interrupt) while the interactive tuner runs: the cell must end with
// its final state shown, not be killed.
func TestInterruptEndsInteractiveTuner(t *testing.T) {
	enabled(t)
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, notebookName))
	if err != nil {
		t.Fatal(err)
	}
	var full struct {
		Cells []json.RawMessage `json:"cells"`
	}
	if err := json.Unmarshal(src, &full); err != nil {
		t.Fatal(err)
	}
	var setup json.RawMessage
	for _, c := range full.Cells {
		var cell struct {
			Type   string   `json:"cell_type"`
			Source []string `json:"source"`
		}
		if err := json.Unmarshal(c, &cell); err != nil {
			t.Fatal(err)
		}
		if cell.Type == "code" && strings.Contains(strings.Join(cell.Source, ""), "%goworkfix") {
			setup = c
			break
		}
	}
	if setup == nil {
		t.Fatalf("no module set-up cell (%%goworkfix) in %s", notebookName)
	}
	const name = "interrupt.browser.ipynb"
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, interruptNotebook(t, setup), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(path) })

	base, token := startJupyter(t, dir)
	ctx := openBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notebooks/"+name+"?token="+token)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the kernel", `window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()`, 60*time.Second)
	eval[bool](t, ctx, pageHelpers)
	eval[bool](t, ctx, `Jupyter.notebook.clear_all_output(), Jupyter.notebook.execute_all_cells(), true`)
	waitJS(t, ctx, "the interactive tuner's panel", `window.__control('Use') && window.__data() !== ''`, 5*time.Minute)

	t0 := time.Now()
	eval[bool](t, ctx, `Jupyter.notebook.kernel.interrupt(), true`)
	waitJS(t, ctx, "the final state after the interrupt", `window.__panel().querySelector('.synaptune-final .synaptune-plot canvas') && window.__panel().textContent.includes('Interactive tuner ended (cancelled)')`, 30*time.Second)
	t.Logf("interrupt → final state: %.0f ms", time.Since(t0).Seconds()*1000)
	if errs := eval[string](t, ctx, `window.__panel().querySelector('.output_error') ? window.__panel().textContent : ''`); errs != "" {
		t.Errorf("the interrupted cell shows an error: %s", errs)
	}
	waitJS(t, ctx, "the cells to finish", `!window.__running()`, 60*time.Second)
	if after := eval[string](t, ctx, `window.__out(window.__tagged('after')[0]).textContent`); !strings.Contains(after, "the next cell ran") {
		// Jupyter may drop the cells queued behind an interrupted one,
		// depending on when the interrupt's reply arrives; what matters is
		// that the kernel runs the next cell when asked.
		t.Logf("the queued cell after the interrupted one was dropped by Jupyter; running it again")
		eval[bool](t, ctx, `Jupyter.notebook.get_cell(window.__tagged('after')[0]).execute(), true`)
		waitJS(t, ctx, "the cell after the interrupted one", `window.__out(window.__tagged('after')[0]).textContent.includes('the next cell ran')`, 2*time.Minute)
	}
}
