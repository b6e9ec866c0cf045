package gonb

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/synaptune/synaptune/kernel"
)

// Notebook is the part of GoNB's gonbui API the Frontend uses.
type Notebook interface {
	// IsNotebook reports whether the program runs under GoNB.
	IsNotebook() bool
	// UpdateHTML shows html in the output block with the given display id,
	// creating the block on first use.
	UpdateHTML(displayID, html string)
	// Send sends a string value to address over GoNB comms.
	Send(address, value string)
	// Subscribe calls fn with each string value the browser sends to address.
	Subscribe(address string, fn func(value string))
	// Sync waits until everything sent so far has reached the kernel.
	Sync()
	// Err returns the error that broke the connection to GoNB, if any.
	Err() error
	// StartComms asks GoNB to make sure that its browser connection
	// (gonb_comm) is installed and answers, installing it again if not.
	StartComms()
}

// DefaultHeadlessEnv names the environment variable that switches comms off.
const DefaultHeadlessEnv = "SYNAPTUNE_HEADLESS"

// Options configures a Frontend. The zero value is valid.
type Options struct {
	// Out receives Print's text; nil means os.Stdout (the cell's output).
	Out io.Writer
	// HeadlessEnv names the environment variable that, when set to a value
	// other than "" or "0", makes the Frontend headless. Empty means
	// DefaultHeadlessEnv.
	HeadlessEnv string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Logger receives warnings about dropped comm messages; nil means a text
	// logger on standard error.
	Logger *slog.Logger
	// ProbeRetry is how long Connected waits for the browser's answer
	// before it asks GoNB to check its browser connection and probes
	// again; 0 means DefaultProbeRetry.
	ProbeRetry time.Duration
}

// DefaultProbeRetry is Options.ProbeRetry's default. GoNB's browser side
// gives up its connection when the kernel's acknowledgement takes more
// than 500 ms (a loaded machine), and then nothing answers the first
// probe; a later probe, after GoNB has installed the connection again,
// is answered.
const DefaultProbeRetry = 3 * time.Second

//go:embed shim.js
var shimScript string

// probeScript answers the probe: it sends "1" to the address (%s, a JSON
// string) as soon as gonb_comm exists, trying for about 30 s.
const probeScript = `<script>(function(){var a=%s,n=0;(function t(){var c=globalThis.gonb_comm;` +
	`if(c){c.send(a,"1");return}if(++n<600)setTimeout(t,50)})()})();</script>`

// Frontend is a kernel.Frontend for GoNB. Create it with New.
type Frontend struct {
	nb          Notebook
	out         io.Writer
	log         *slog.Logger
	ids         *kernel.IDs
	router      kernel.Router
	transientID string
	live        bool // in a notebook and not headless: comms are on
	probeRetry  time.Duration

	shimOnce  sync.Once
	probeOnce sync.Once
	probeAddr string
	answered  chan struct{}

	mu         sync.Mutex
	subscribed map[string]bool
	// dispatch serialises sequence checks and delivery (GoNB delivers each
	// message on its own goroutine).
	dispatch sync.Mutex
	lastSeq  map[string]float64
}

var _ kernel.Frontend = (*Frontend)(nil)

// New returns a Frontend over nb.
func New(nb Notebook, opts Options) *Frontend {
	if opts.Out == nil {
		opts.Out = os.Stdout
	}
	if opts.HeadlessEnv == "" {
		opts.HeadlessEnv = DefaultHeadlessEnv
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if opts.ProbeRetry <= 0 {
		opts.ProbeRetry = DefaultProbeRetry
	}
	env := opts.Getenv(opts.HeadlessEnv)
	ids := kernel.NewIDs()
	return &Frontend{
		nb:          nb,
		out:         opts.Out,
		log:         opts.Logger,
		ids:         ids,
		transientID: ids.New("synaptune-transient-"),
		live:        nb.IsNotebook() && (env == "" || env == "0"),
		probeRetry:  opts.ProbeRetry,
		probeAddr:   "#synaptune/probe/" + ids.New("p"),
		answered:    make(chan struct{}),
		subscribed:  make(map[string]bool),
		lastSeq:     make(map[string]float64),
	}
}

// Live reports whether comms are on: the program runs under GoNB and the
// headless switch is off. It does not tell whether a browser is listening;
// Connected does.
func (f *Frontend) Live() bool { return f.live }

func (f *Frontend) err(op string) error {
	if err := f.nb.Err(); err != nil {
		return fmt.Errorf("gonb: %s: %w", op, err)
	}
	return nil
}

// NewID implements kernel.Frontend.
func (f *Frontend) NewID(prefix string) string { return f.ids.New(prefix) }

// DisplayHTML implements kernel.Display.
func (f *Frontend) DisplayHTML(html string) (kernel.OutputID, error) {
	id := kernel.OutputID(f.ids.New("out"))
	return id, f.UpdateHTML(id, html)
}

// UpdateHTML implements kernel.Display.
func (f *Frontend) UpdateHTML(id kernel.OutputID, html string) error {
	if id == "" {
		return errors.New("gonb: update output: empty id")
	}
	if !f.nb.IsNotebook() {
		return nil
	}
	f.nb.UpdateHTML(string(id), html)
	return f.err("update output " + string(id))
}

// DisplayTransient implements kernel.Display: the HTML is shown, GoNB is
// synchronised so that the browser has it, and the block is blanked so the
// saved notebook does not keep it.
func (f *Frontend) DisplayTransient(html string) error {
	if !f.nb.IsNotebook() {
		return nil
	}
	f.nb.UpdateHTML(f.transientID, html)
	f.nb.Sync()
	f.nb.UpdateHTML(f.transientID, "")
	return f.err("transient output")
}

// Print implements kernel.Display: text goes to the cell's standard output.
func (f *Frontend) Print(text string) error {
	if _, err := io.WriteString(f.out, text); err != nil {
		return fmt.Errorf("gonb: print: %w", err)
	}
	return nil
}

// ensureShim installs the browser-side adapter once per program.
func (f *Frontend) ensureShim() {
	f.shimOnce.Do(func() {
		_ = f.DisplayTransient("<script>" + shimScript + "</script>")
	})
}

// Send implements kernel.Comm. Without live comms the value is discarded.
func (f *Frontend) Send(address string, value any) error {
	b, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("gonb: send to %q: %w", address, err)
	}
	if !f.live {
		return nil
	}
	f.ensureShim()
	f.nb.Send(address, string(b))
	return f.err("send to " + address)
}

// Subscribe implements kernel.Comm.
func (f *Frontend) Subscribe(address string) *kernel.Subscription {
	s := f.router.Subscribe(address)
	f.listen(address)
	return s
}

// Handle implements kernel.Comm.
func (f *Frontend) Handle(address string, fn func(kernel.Message)) (stop func()) {
	stop = f.router.Handle(address, fn)
	f.listen(address)
	return stop
}

// listen subscribes to address with GoNB once.
func (f *Frontend) listen(address string) {
	if !f.live {
		return
	}
	f.ensureShim()
	f.mu.Lock()
	done := f.subscribed[address]
	f.subscribed[address] = true
	f.mu.Unlock()
	if !done {
		f.nb.Subscribe(address, func(v string) { f.receive(address, v) })
	}
}

// receive handles a message from the adapter: JSON text of [sequence, value].
func (f *Frontend) receive(address, text string) {
	var pair []json.RawMessage
	var seq float64
	if err := json.Unmarshal([]byte(text), &pair); err != nil || len(pair) != 2 || json.Unmarshal(pair[0], &seq) != nil {
		f.log.Warn("gonb: comm message dropped: not [sequence, value]", "address", address, "bytes", len(text))
		return
	}
	f.dispatch.Lock()
	defer f.dispatch.Unlock()
	if seq <= f.lastSeq[address] {
		return // older than a message already delivered
	}
	f.lastSeq[address] = seq
	f.router.Dispatch(kernel.Message{Address: address, Value: pair[1]})
}

// StartProgress implements kernel.Frontend: an HTML progress bar updated in
// place; Finish also synchronises so the final state reaches the notebook.
func (f *Frontend) StartProgress(label string, total int) (kernel.Progress, error) {
	p, err := kernel.StartHTMLProgress(f, label, total, kernel.ProgressOptions{})
	if err != nil {
		return nil, err
	}
	return syncedProgress{p, f.nb}, nil
}

type syncedProgress struct {
	*kernel.HTMLProgress
	nb Notebook
}

// Finish shows the final state and waits until it has reached GoNB.
func (p syncedProgress) Finish() error {
	err := p.HTMLProgress.Finish()
	if p.nb.IsNotebook() {
		p.nb.Sync()
	}
	return err
}

// Connected implements kernel.Frontend. The first call sends the probe (and
// waits for its delivery); every call then waits for the browser's answer
// until ctx is done, asking GoNB to check its browser connection and
// probing again every Options.ProbeRetry. Without live comms it answers
// false at once. Call it on the cell's main goroutine (it synchronises
// output).
func (f *Frontend) Connected(ctx context.Context) bool {
	if !f.live {
		return false
	}
	f.probeOnce.Do(func() {
		var once sync.Once
		f.nb.Subscribe(f.probeAddr, func(string) { once.Do(func() { close(f.answered) }) })
		f.probe()
	})
	retry := time.NewTicker(f.probeRetry)
	defer retry.Stop()
	for {
		select {
		case <-f.answered:
			return true
		case <-ctx.Done():
			return false
		case <-retry.C:
			f.nb.StartComms()
			f.probe()
		}
	}
}

// probe shows the script that answers on the probe address.
func (f *Frontend) probe() {
	addr, _ := json.Marshal(f.probeAddr)
	_ = f.DisplayTransient(fmt.Sprintf(probeScript, addr))
}

// Sync waits until all output sent so far has reached GoNB. Call it on the
// main goroutine: a program that exits while a Sync is pending crashes GoNB
// v0.11.4.
func (f *Frontend) Sync() error {
	if f.nb.IsNotebook() {
		f.nb.Sync()
	}
	return f.err("sync")
}

// Close waits until all output has reached GoNB. Call it at the end of the
// cell, on the main goroutine, after every other use of the Frontend.
func (f *Frontend) Close() error {
	if err := f.Sync(); err != nil {
		return fmt.Errorf("gonb: close: %w", err)
	}
	return nil
}
