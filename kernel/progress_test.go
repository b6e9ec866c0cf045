package kernel_test

import (
	"strings"
	"testing"
	"time"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/kernel/memory"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestHTMLProgressThrottlesAndFinishes(t *testing.T) {
	fe := memory.New()
	clock := &fakeClock{t: time.Unix(0, 0)}
	p, err := kernel.StartHTMLProgress(fe, "sweep", 10, kernel.ProgressOptions{Interval: 100 * time.Millisecond, Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	out, ok := fe.Output(p.ID())
	if !ok || !strings.Contains(out.HTML, `<progress value="0" max="10">`) {
		t.Fatalf("initial output %q", out.HTML)
	}
	// Too soon after the first display: skipped.
	clock.advance(50 * time.Millisecond)
	if err := p.Update(3); err != nil {
		t.Fatal(err)
	}
	if out, _ := fe.Output(p.ID()); out.Updates != 0 {
		t.Errorf("update within the interval was shown (%d updates)", out.Updates)
	}
	clock.advance(60 * time.Millisecond)
	if err := p.Update(4); err != nil {
		t.Fatal(err)
	}
	out, _ = fe.Output(p.ID())
	if out.Updates != 1 || !strings.Contains(out.HTML, `value="4"`) || !strings.Contains(out.HTML, "4/10 (40%)") {
		t.Errorf("after interval: %d updates, html %q", out.Updates, out.HTML)
	}
	// Finish is shown even within the interval, and clamps to total.
	if err := p.Finish(); err != nil {
		t.Fatal(err)
	}
	out, _ = fe.Output(p.ID())
	if out.Updates != 2 || !strings.Contains(out.HTML, `value="10"`) {
		t.Errorf("after Finish: %d updates, html %q", out.Updates, out.HTML)
	}
	// Nothing changes after Finish.
	clock.advance(time.Second)
	_ = p.Update(1)
	if out2, _ := fe.Output(p.ID()); out2.HTML != out.HTML {
		t.Errorf("update after Finish changed the bar to %q", out2.HTML)
	}
	if len(fe.Outputs()) != 1 {
		t.Errorf("progress made %d outputs, want 1", len(fe.Outputs()))
	}
}

func TestProgressRejectsBadTotal(t *testing.T) {
	if _, err := kernel.StartHTMLProgress(memory.New(), "x", 0, kernel.ProgressOptions{}); err == nil {
		t.Error("total 0 accepted")
	}
	var b strings.Builder
	if _, err := kernel.StartTextProgress(&b, "x", -1, kernel.ProgressOptions{}); err == nil {
		t.Error("negative total accepted")
	}
}

func TestTextProgress(t *testing.T) {
	var b strings.Builder
	clock := &fakeClock{t: time.Unix(0, 0)}
	p, err := kernel.StartTextProgress(&b, "run", 4, kernel.ProgressOptions{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	_ = p.Update(2)
	_ = p.Finish()
	got := b.String()
	if n := strings.Count(got, "\r"); n != 3 {
		t.Errorf("%d carriage returns, want 3: %q", n, got)
	}
	if !strings.HasSuffix(got, "4/4 (100%) 1s\n") {
		t.Errorf("final line %q", got)
	}
	if !strings.Contains(got, "2/4 (50%)") {
		t.Errorf("middle update missing: %q", got)
	}
}
