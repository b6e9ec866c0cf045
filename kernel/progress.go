package kernel

import (
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"
	"time"
)

// DefaultProgressInterval is the least time between two shown progress updates.
const DefaultProgressInterval = 100 * time.Millisecond

// ProgressOptions tunes the progress helpers.
type ProgressOptions struct {
	// Interval is the least time between two shown updates (the first and the
	// final state are always shown). Zero means DefaultProgressInterval.
	Interval time.Duration
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
}

func (o ProgressOptions) withDefaults() ProgressOptions {
	if o.Interval <= 0 {
		o.Interval = DefaultProgressInterval
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// throttle decides which updates are shown and formats the shared parts.
type throttle struct {
	mu       sync.Mutex
	label    string
	total    int
	opts     ProgressOptions
	start    time.Time
	last     time.Time
	shown    bool
	finished bool
}

func newThrottle(label string, total int, opts ProgressOptions) (*throttle, error) {
	if total <= 0 {
		return nil, fmt.Errorf("progress %q: total must be positive, got %d", label, total)
	}
	opts = opts.withDefaults()
	return &throttle{label: label, total: total, opts: opts, start: opts.Now()}, nil
}

// admit reports whether an update to done should be shown now, and clamps done.
func (t *throttle) admit(done int, force bool) (int, time.Duration, bool) {
	done = min(max(done, 0), t.total)
	now := t.opts.Now()
	if t.finished {
		return done, 0, false
	}
	if !force && t.shown && now.Sub(t.last) < t.opts.Interval {
		return done, 0, false
	}
	t.shown = true
	t.last = now
	return done, now.Sub(t.start), true
}

func (t *throttle) summary(done int, elapsed time.Duration) string {
	pct := 100 * float64(done) / float64(t.total)
	return fmt.Sprintf("%d/%d (%.0f%%) %s", done, t.total, pct, elapsed.Round(100*time.Millisecond))
}

// HTMLProgress is a progress bar drawn as an HTML <progress> element in an
// output that is replaced in place. It suits every front end that shows HTML.
type HTMLProgress struct {
	d  Display
	id OutputID
	t  *throttle
}

// StartHTMLProgress displays a new progress bar on d.
func StartHTMLProgress(d Display, label string, total int, opts ProgressOptions) (*HTMLProgress, error) {
	t, err := newThrottle(label, total, opts)
	if err != nil {
		return nil, err
	}
	p := &HTMLProgress{d: d, t: t}
	t.shown = true
	t.last = t.start
	id, err := d.DisplayHTML(p.render(0, 0))
	if err != nil {
		return nil, fmt.Errorf("progress %q: %w", label, err)
	}
	p.id = id
	return p, nil
}

// ID returns the output that holds the bar.
func (p *HTMLProgress) ID() OutputID { return p.id }

func (p *HTMLProgress) render(done int, elapsed time.Duration) string {
	return fmt.Sprintf(`<div class="synaptune-progress">%s <progress value="%d" max="%d"></progress> %s</div>`,
		html.EscapeString(p.t.label), done, p.t.total, html.EscapeString(p.t.summary(done, elapsed)))
}

// Update implements Progress.
func (p *HTMLProgress) Update(done int) error { return p.update(done, false) }

// Finish implements Progress.
func (p *HTMLProgress) Finish() error { return p.update(p.t.total, true) }

func (p *HTMLProgress) update(done int, final bool) error {
	p.t.mu.Lock()
	defer p.t.mu.Unlock()
	done, elapsed, ok := p.t.admit(done, final)
	if !ok {
		return nil
	}
	if final {
		p.t.finished = true
	}
	if err := p.d.UpdateHTML(p.id, p.render(done, elapsed)); err != nil {
		return fmt.Errorf("progress %q: %w", p.t.label, err)
	}
	return nil
}

// TextProgress is a progress bar written to a terminal: each update rewrites
// the line after a carriage return, and Finish ends the line.
type TextProgress struct {
	w io.Writer
	t *throttle
}

// StartTextProgress writes a new progress bar to w.
func StartTextProgress(w io.Writer, label string, total int, opts ProgressOptions) (*TextProgress, error) {
	if w == nil {
		return nil, errors.New("progress: nil writer")
	}
	t, err := newThrottle(label, total, opts)
	if err != nil {
		return nil, err
	}
	p := &TextProgress{w: w, t: t}
	t.shown = true
	t.last = t.start
	if _, err := io.WriteString(w, p.render(0, 0)); err != nil {
		return nil, fmt.Errorf("progress %q: %w", label, err)
	}
	return p, nil
}

const textBarWidth = 30

func (p *TextProgress) render(done int, elapsed time.Duration) string {
	filled := textBarWidth * done / p.t.total
	return fmt.Sprintf("\r%s [%s%s] %s", p.t.label, strings.Repeat("#", filled),
		strings.Repeat(" ", textBarWidth-filled), p.t.summary(done, elapsed))
}

// Update implements Progress.
func (p *TextProgress) Update(done int) error { return p.update(done, false) }

// Finish implements Progress.
func (p *TextProgress) Finish() error { return p.update(p.t.total, true) }

func (p *TextProgress) update(done int, final bool) error {
	p.t.mu.Lock()
	defer p.t.mu.Unlock()
	done, elapsed, ok := p.t.admit(done, final)
	if !ok {
		return nil
	}
	text := p.render(done, elapsed)
	if final {
		p.t.finished = true
		text += "\n"
	}
	if _, err := io.WriteString(p.w, text); err != nil {
		return fmt.Errorf("progress %q: %w", p.t.label, err)
	}
	return nil
}
