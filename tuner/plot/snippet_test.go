package plot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/synaptune/synaptune/internal/nodetest"
)

// fakeLibrary is a stand-in for echarts.min.js with the same UMD wrapper: it
// prefers CommonJS, then AMD, and only then sets globalThis.echarts. The
// harness's fakeFactory gives it a fake echarts.
const fakeLibrary = `(function (g, f) {
  typeof exports === "object" && typeof module !== "undefined" ? f(exports) :
  typeof define === "function" && define.amd ? define(["exports"], f) :
  (g = typeof globalThis !== "undefined" ? globalThis : g || self, f(g.echarts = {}));
})(this, function (e) { Object.assign(e, fakeFactory()); });`

type harnessStep struct {
	Do   string `json:"do"`
	HTML string `json:"html,omitempty"`
	JS   string `json:"js,omitempty"`
	ID   string `json:"id,omitempty"`
}

type harnessChart struct {
	ID       string
	Disposed bool
	Options  []struct {
		Title    any
		NotMerge bool
	}
}

type harnessResult struct {
	DefineCalls   int
	ModuleTouched bool
	Errors        []string
	ECharts       string
	Version       string
	Queued        int
	Charts        []harnessChart
	Live          []string
}

// runHarness runs the steps in node (testdata/harness.js).
func runHarness(t *testing.T, steps ...harnessStep) harnessResult {
	t.Helper()
	var r harnessResult
	nodetest.Run(t, "the plot scripts", map[string]any{"steps": steps}, &r, "testdata/harness.js")
	if len(r.Errors) > 0 {
		t.Errorf("script errors: %q", r.Errors)
	}
	return r
}

func smallFigure(t *testing.T, connection string) Figure {
	t.Helper()
	tr := event(false)
	tr.Connection = connection
	f, err := SingleEvent(tr, SingleEventWindow(100, 300))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestHTMLIsSelfContained(t *testing.T) {
	f := smallFigure(t, `</script><script>alert("x")</script> & "friends"`)
	a, b := f.HTML(), f.HTML()
	idOf := regexp.MustCompile(`<div id="(synaptune-plot-[0-9a-f]{16})"`)
	ma, mb := idOf.FindStringSubmatch(a), idOf.FindStringSubmatch(b)
	if ma == nil || mb == nil {
		t.Fatalf("no div with a synaptune-plot id in:\n%.300s", a)
	}
	if ma[1] == mb[1] {
		t.Errorf("two calls gave the same id %s", ma[1])
	}
	for _, bad := range []string{"http://", "https://", "src=", "//cdn", "go-echarts-assets"} {
		if strings.Contains(a, bad) {
			t.Errorf("snippet contains %q", bad)
		}
	}
	if n := strings.Count(strings.ToLower(a), "</script"); n != 1 {
		t.Errorf("snippet has %d script ends, want 1 (a title must not end the script)", n)
	}
	for _, line := range strings.Split(a, "\n") {
		if strings.HasPrefix(line, "let ") || strings.HasPrefix(line, "const ") || strings.HasPrefix(line, "var ") {
			t.Errorf("top-level declaration %q", line)
		}
	}
	if !strings.Contains(a, "max-width:1000px") {
		t.Errorf("snippet does not carry the figure's width: %.200s", a)
	}
}

func TestHTMLDrawsInAPage(t *testing.T) {
	f := smallFigure(t, "PN2FSI")
	g := smallFigure(t, "FSI2PN")
	first, err := f.HTMLWithID("fig-a")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := f.HTMLWithID("fig-a")
	other := f.HTML()
	update, err := g.UpdateScript("fig-a")
	if err != nil {
		t.Fatal(err)
	}
	title := map[string]any{"text": "Connection: PN2FSI", "left": "center"}
	titleG := map[string]any{"text": "Connection: FSI2PN", "left": "center"}

	t.Run("library first", func(t *testing.T) {
		r := runHarness(t,
			harnessStep{Do: "html", HTML: LoaderHTML([]byte(fakeLibrary))},
			harnessStep{Do: "html", HTML: first},
			harnessStep{Do: "html", HTML: other},
			harnessStep{Do: "html", HTML: again}, // the same output shown again
			harnessStep{Do: "js", JS: update},
		)
		if r.DefineCalls != 0 || r.ModuleTouched || r.ECharts != "object" {
			t.Errorf("loader: define called %d times, module touched %v, window.echarts %s", r.DefineCalls, r.ModuleTouched, r.ECharts)
		}
		if len(r.Charts) != 3 {
			t.Fatalf("%d charts initialised, want 3: %+v", len(r.Charts), r.Charts)
		}
		if !r.Charts[0].Disposed || r.Charts[1].Disposed || r.Charts[2].Disposed {
			t.Errorf("the chart shown twice was not replaced: %+v", r.Charts)
		}
		if diff := cmp.Diff(title, r.Charts[0].Options[0].Title); diff != "" {
			t.Errorf("drawn option title (-want +got):\n%s", diff)
		}
		last := r.Charts[2].Options
		if len(last) != 2 || !last[1].NotMerge {
			t.Fatalf("update: options %+v, want the first and a notMerge update", last)
		}
		if diff := cmp.Diff(titleG, last[1].Title); diff != "" {
			t.Errorf("updated title (-want +got):\n%s", diff)
		}
		if len(r.Live) != 2 {
			t.Errorf("live charts %v, want fig-a and one other", r.Live)
		}
	})

	t.Run("figures before the library", func(t *testing.T) {
		r := runHarness(t,
			harnessStep{Do: "html", HTML: first},
			harnessStep{Do: "html", HTML: other},
			harnessStep{Do: "js", JS: "window.queuedBefore = window.synaptuneEChartsQueue.length;"},
			harnessStep{Do: "html", HTML: LoaderHTML([]byte(fakeLibrary))},
			harnessStep{Do: "html", HTML: LoaderHTML([]byte(fakeLibrary))}, // a second loader is harmless
		)
		if len(r.Charts) != 2 || r.Queued != 0 {
			t.Fatalf("%d charts drawn, %d still queued; want 2 and 0", len(r.Charts), r.Queued)
		}
		if r.DefineCalls != 0 || r.ECharts != "object" {
			t.Errorf("define called %d times, window.echarts %s", r.DefineCalls, r.ECharts)
		}
	})

	t.Run("element gone", func(t *testing.T) {
		r := runHarness(t,
			harnessStep{Do: "html", HTML: first},
			harnessStep{Do: "remove", ID: "fig-a"},
			harnessStep{Do: "html", HTML: LoaderHTML([]byte(fakeLibrary))},
		)
		if len(r.Charts) != 0 {
			t.Errorf("a chart was drawn for a removed element: %+v", r.Charts)
		}
	})
}

func TestHTMLWithIDRejectsBadIDs(t *testing.T) {
	f := smallFigure(t, "x")
	for _, id := range []string{"", "1abc", `a"b`, "a b", "a<b", strings.Repeat("a", 101)} {
		if _, err := f.HTMLWithID(id); err == nil {
			t.Errorf("id %q accepted", id)
		}
		if _, err := f.UpdateScript(id); err == nil {
			t.Errorf("update id %q accepted", id)
		}
	}
	if _, err := (Figure{}).HTMLWithID("ok"); err == nil {
		t.Error("a figure without an option was accepted")
	}
}
