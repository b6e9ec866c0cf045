package plain

import (
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/synaptune/synaptune/kernel"
)

// Options configures a Frontend.
type Options struct {
	// Out receives printed text, progress bars and notes about report files.
	// Nil means os.Stdout.
	Out io.Writer
	// Dir is the report directory, created if missing. Empty means HTML
	// outputs are not kept; a note is printed instead.
	Dir string
	// Title is the title of the report pages; empty means "synaptune report".
	Title string
	// Head is extra HTML for the <head> of every report page, for example a
	// <script src> that loads a local copy of a chart library.
	Head string
}

// Frontend writes text to a writer and HTML to report files. Create it with New.
type Frontend struct {
	opts   Options
	ids    *kernel.IDs
	router kernel.Router

	mu      sync.Mutex // also serialises writes to Out and to the files
	outputs []*output
	byID    map[kernel.OutputID]*output
}

type output struct {
	id   kernel.OutputID
	file string
	html string
}

var _ kernel.Frontend = (*Frontend)(nil)

// New returns a front end; it creates opts.Dir if needed.
func New(opts Options) (*Frontend, error) {
	if opts.Out == nil {
		opts.Out = os.Stdout
	}
	if opts.Title == "" {
		opts.Title = "synaptune report"
	}
	if opts.Dir != "" {
		if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("plain: report directory: %w", err)
		}
	}
	return &Frontend{opts: opts, ids: kernel.NewIDs(), byID: make(map[kernel.OutputID]*output)}, nil
}

// IndexPath returns the path of the report index, or "" without a directory.
func (f *Frontend) IndexPath() string {
	if f.opts.Dir == "" {
		return ""
	}
	return filepath.Join(f.opts.Dir, "index.html")
}

// NewID implements kernel.Frontend.
func (f *Frontend) NewID(prefix string) string { return f.ids.New(prefix) }

// DisplayHTML implements kernel.Display: the HTML goes to a new report file.
func (f *Frontend) DisplayHTML(content string) (kernel.OutputID, error) {
	id := kernel.OutputID(f.ids.New("out"))
	return id, f.UpdateHTML(id, content)
}

// UpdateHTML implements kernel.Display: the output's report file and the index
// are rewritten.
func (f *Frontend) UpdateHTML(id kernel.OutputID, content string) error {
	if id == "" {
		return fmt.Errorf("plain: update output: empty id")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.byID[id]
	if !ok {
		o = &output{id: id, file: fileName(id)}
		f.outputs = append(f.outputs, o)
		f.byID[id] = o
	}
	o.html = content
	if f.opts.Dir == "" {
		if !ok {
			_, err := fmt.Fprintf(f.opts.Out, "[HTML output %s not shown: no report directory]\n", id)
			return wrapWrite(err)
		}
		return nil
	}
	path := filepath.Join(f.opts.Dir, o.file)
	if err := writeFile(path, f.page(content)); err != nil {
		return err
	}
	if err := writeFile(f.IndexPath(), f.indexLocked()); err != nil {
		return err
	}
	if !ok {
		_, err := fmt.Fprintf(f.opts.Out, "[HTML output written to %s]\n", path)
		return wrapWrite(err)
	}
	return nil
}

// fileName turns an output id into a safe file name.
func fileName(id kernel.OutputID) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, string(id))
	return name + ".html"
}

func (f *Frontend) page(body string) string {
	return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
		html.EscapeString(f.opts.Title) + "</title>\n" + f.opts.Head + "\n</head>\n<body>\n" + body + "\n</body>\n</html>\n"
}

func (f *Frontend) indexLocked() string {
	var b strings.Builder
	for _, o := range f.outputs {
		fmt.Fprintf(&b, "<div class=\"synaptune-output\" data-output-id=\"%s\">\n%s\n</div>\n", html.EscapeString(string(o.id)), o.html)
	}
	return f.page(b.String())
}

// writeFile replaces path atomically, so a reader never sees half a file.
func writeFile(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("plain: write %s: %w", path, err)
	}
	_, werr := tmp.WriteString(content)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("plain: write %s: %w", path, werr)
	}
	return nil
}

func wrapWrite(err error) error {
	if err != nil {
		return fmt.Errorf("plain: write output: %w", err)
	}
	return nil
}

// DisplayTransient implements kernel.Display; transient outputs (scripts for a
// live page) are dropped.
func (f *Frontend) DisplayTransient(string) error { return nil }

// Print implements kernel.Display.
func (f *Frontend) Print(text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, err := io.WriteString(f.opts.Out, text)
	return wrapWrite(err)
}

// Send implements kernel.Comm; with no live front end the value is discarded.
func (f *Frontend) Send(string, any) error { return nil }

// Subscribe implements kernel.Comm; no message ever arrives.
func (f *Frontend) Subscribe(address string) *kernel.Subscription { return f.router.Subscribe(address) }

// Handle implements kernel.Comm; fn is never called.
func (f *Frontend) Handle(address string, fn func(kernel.Message)) (stop func()) {
	return f.router.Handle(address, fn)
}

// StartProgress implements kernel.Frontend with a text progress bar on Out.
func (f *Frontend) StartProgress(label string, total int) (kernel.Progress, error) {
	return kernel.StartTextProgress(lockedWriter{f}, label, total, kernel.ProgressOptions{})
}

// lockedWriter writes to Out under the front end's lock.
type lockedWriter struct{ f *Frontend }

// Write writes p to Out while holding the front end's lock.
func (w lockedWriter) Write(p []byte) (int, error) {
	w.f.mu.Lock()
	defer w.f.mu.Unlock()
	return w.f.opts.Out.Write(p)
}

// Connected implements kernel.Frontend: always false.
func (f *Frontend) Connected(context.Context) bool { return false }
