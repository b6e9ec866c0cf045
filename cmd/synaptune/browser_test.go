package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// seedPath is bmtool's demo settings, as embedded in the tuner package.
const seedPath = "../../tuner/models/seed.json"

// chromiumPath returns the Chromium binary. Without one the test is
// skipped, except under CI=true, where it fails (the project's rule).
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/lib/chromium/chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("CI needs chromium for the browser test (apt-get install chromium)")
	}
	tb.Skip("chromium not installed; browser test skipped")
	return ""
}

// artifactDir is where the browser test saves its screenshot:
// $SYNAPTUNE_TEST_ARTIFACTS when set, else a temporary folder.
func artifactDir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("SYNAPTUNE_TEST_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			tb.Fatal(err)
		}
		return d
	}
	return tb.TempDir()
}

// openBrowser starts headless Chromium with the network cut off (only
// loopback answers: every proxied request goes to a closed port) and a fresh
// profile, and returns a tab context.
func openBrowser(tb testing.TB) context.Context {
	tb.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1280, 1700),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// pageHelpers are installed in the page once. __afterUpdate(trigger,
// sameMetrics) runs trigger and resolves, when the figure has been replaced
// and (unless sameMetrics) the metrics panel has changed, with the times (ms) from the trigger to: the new chart
// instance (set by the figure's script), the next animation frame after it
// (the chart painted), and the new metrics text.
const pageHelpers = `(() => {
  window.__figure = () => document.querySelector('[data-output-id] .synaptune-plot');
  window.__chartOf = (el) => window.synaptunePlots && window.synaptunePlots[el.id];
  window.__metrics = () => { const m = document.querySelector('.synaptune-metrics'); return m ? m.textContent : ''; };
  window.__data = () => {
    const c = window.__chartOf(window.__figure());
    const d = c.getOption().series[0].data;
    let s = 0;
    for (const p of d) { s += Array.isArray(p) ? +p[1] : +p; }
    return d.length + ':' + s.toPrecision(12);
  };
  window.__inked = () => {
    const cv = window.__figure().querySelector('canvas');
    const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; }
    return n;
  };
  window.__control = (label) => {
    const l = [...document.querySelectorAll('label')].find((x) => x.textContent === label);
    return l && document.getElementById(l.htmlFor);
  };
  window.__button = (text) => [...document.querySelectorAll('button')].find((b) => b.textContent === text);
  window.__afterUpdate = (trigger, sameMetrics) => new Promise((resolve, reject) => {
    const fig = window.__figure();
    const id = fig.id, area = fig.parentElement, old = window.__chartOf(fig), m0 = window.__metrics();
    let chart = 0, paint = 0;
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('no update within 30 s')); }, 30000);
    const finish = () => {
      if (!paint || (!sameMetrics && window.__metrics() === m0)) return;
      obs.disconnect(); clearTimeout(timer);
      resolve({chart: chart, paint: paint, metrics: performance.now() - t0});
    };
    const obs = new MutationObserver(() => {
      if (!chart) {
        const c = window.synaptunePlots[id];
        if (c && c !== old && !c.isDisposed()) {
          chart = performance.now() - t0;
          requestAnimationFrame(() => { paint = performance.now() - t0; finish(); });
        }
      }
      finish();
    });
    obs.observe(document.getElementById('synaptune-outputs'), {childList: true, subtree: true, characterData: true});
    const t0 = performance.now();
    trigger();
  });
  window.__moveUse = (v) => window.__afterUpdate(() => {
    const s = window.__control('Use');
    s.value = String(v);
    s.dispatchEvent(new Event('input'));
    s.dispatchEvent(new Event('change'));
  });
  window.__click = (text) => window.__afterUpdate(() => window.__button(text).click(), true);
  return true;
})()`

// update is what __afterUpdate measures.
type update struct {
	Chart, Paint, Metrics float64
}

// waitJS evaluates cond in the page until it is truthy (30 s at most).
func waitJS(tb testing.TB, ctx context.Context, what, cond string) {
	tb.Helper()
	js := fmt.Sprintf(`new Promise((resolve, reject) => { const t0 = performance.now(); (function poll() {
	  try { if (%s) return resolve(true); } catch (e) {}
	  if (performance.now() - t0 > 30000) return reject(new Error('timed out'));
	  setTimeout(poll, 10); })(); })`, cond)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		tb.Fatalf("waiting for %s: %v", what, err)
	}
}

func eval[T any](tb testing.TB, ctx context.Context, js string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("%v\n%s", err, js)
	}
	return v
}

// openTuner starts `synaptune serve` on the seed settings, opens it in
// headless Chromium and waits for the first figure and metrics.
func openTuner(tb testing.TB) (*served, context.Context) {
	tb.Helper()
	needECharts(tb)
	s := startServe(tb, "--settings", seedPath)
	ctx := openBrowser(tb)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url.String())); err != nil {
		tb.Fatal(err)
	}
	waitJS(tb, ctx, "the first figure", `window.echarts && document.querySelector('[data-output-id] .synaptune-plot canvas') && document.querySelector('.synaptune-metrics [data-metric="ppr"]')`)
	eval[bool](tb, ctx, pageHelpers)
	return s, ctx
}

func TestBrowserServe(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in short mode")
	}
	s, ctx := openTuner(t)

	if n := eval[int](t, ctx, `window.__inked()`); n < 1000 {
		t.Fatalf("the chart canvas has %d inked pixels; not drawn", n)
	} else {
		t.Logf("chart canvas: %d inked pixels", n)
	}
	data0 := eval[string](t, ctx, `window.__data()`)
	metrics0 := eval[string](t, ctx, `window.__metrics()`)
	if !strings.Contains(metrics0, "Dep2FSI") || !strings.Contains(metrics0, "PPR") {
		t.Errorf("metrics panel %q", metrics0)
	}

	// Slider release → updated chart, several times, alternating values.
	var chart, paint []float64
	for i, v := range []float64{0.8, 0.4, 1.2, 0.4, 0.8, 1.6, 0.4, 2.0, 0.8, 0.4, 1.2} {
		u := eval[update](t, ctx, fmt.Sprintf(`window.__moveUse(%g)`, v))
		if i == 0 {
			continue // the first update also warms the page up
		}
		chart, paint = append(chart, u.Chart), append(paint, u.Paint)
	}
	t.Logf("slider release → new chart: %s ms; → painted frame: %s ms (50 Hz train, FSI cell, Dep2FSI)", summary(chart), summary(paint))

	eval[update](t, ctx, `window.__moveUse(0.8)`)
	u := eval[update](t, ctx, `window.__click('Run Train')`)
	t.Logf("Run Train → painted frame: %.1f ms", u.Paint)
	if d := eval[string](t, ctx, `window.__data()`); d == data0 {
		t.Errorf("chart data unchanged after Use 0.4 → 0.8 and Run Train: %s", d)
	}
	if m := eval[string](t, ctx, `window.__metrics()`); m == metrics0 {
		t.Error("metrics text unchanged after Use 0.4 → 0.8 and Run Train")
	}
	if v := eval[string](t, ctx, `window.__control('Use').value`); v != "0.8" {
		t.Errorf("Use slider at %s", v)
	}
	// Everything the page loaded came from the server itself.
	if foreign := eval[[]string](t, ctx, `performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin))`); len(foreign) > 0 {
		t.Errorf("the page loaded from elsewhere: %v", foreign)
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifactDir(t), "serve-interactive-tuner.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)

	eval[bool](t, ctx, `window.__button('Done').click(), true`)
	waitJS(t, ctx, "the final state", `document.querySelector('.synaptune-final .synaptune-plot canvas')`)
	select {
	case err := <-s.done:
		s.done <- err
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not end after Done")
	}
}

// BenchmarkBrowserSliderToChart measures, in headless Chromium, the time from
// releasing the Use slider to the updated chart (50 Hz train on the FSI cell,
// Dep2FSI): new chart instance (ms-to-chart) and the next painted frame
// (ms-to-paint), medians over b.N slider moves.
func BenchmarkBrowserSliderToChart(b *testing.B) {
	_, ctx := openTuner(b)
	values := []float64{0.8, 0.4, 1.2, 1.6}
	eval[update](b, ctx, `window.__moveUse(2.0)`)
	var chart, paint []float64
	for i := 0; b.Loop(); i++ {
		u := eval[update](b, ctx, fmt.Sprintf(`window.__moveUse(%g)`, values[i%len(values)]))
		chart, paint = append(chart, u.Chart), append(paint, u.Paint)
	}
	b.ReportMetric(median(chart), "ms-to-chart")
	b.ReportMetric(median(paint), "ms-to-paint")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// summary formats min / median / max of xs.
func summary(xs []float64) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	return fmt.Sprintf("min %.1f, median %.1f, max %.1f (n=%d)", s[0], median(s), s[len(s)-1], len(s))
}
