package notebook

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/synaptune/synaptune/kernel"
	"github.com/synaptune/synaptune/kernel/gonb"
	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/tuner/interactive"
	"github.com/synaptune/synaptune/tuner/plot"
)

// Options configures a Tuner. The zero value is what a GoNB notebook needs.
type Options struct {
	// Frontend is where figures and text go; nil means the running GoNB cell
	// (kernel/gonb).
	Frontend kernel.Frontend
	// ECharts is the echarts library text; nil means reading it from
	// EChartsCache with plot.EChartsLibrary.
	ECharts []byte
	// EChartsCache is the cache folder of the echarts library; empty means
	// plot's default (the user cache folder's synaptune).
	EChartsCache string
	// Interactive configures InteractiveTuner (idle timeout, connect wait,
	// save folder). Its ECharts field is filled in by the Tuner.
	Interactive interactive.Options
}

// NotebookConnectWait is how long InteractiveTuner waits for the notebook's
// browser to answer its probe before drawing a static figure instead.
const NotebookConnectWait = 30 * time.Second

// syncer is implemented by front ends that buffer output (kernel/gonb).
type syncer interface{ Sync() error }

// Tuner is a synapse tuner whose methods draw in the notebook. Create it with
// New or Seed.
type Tuner struct {
	*tuner.Tuner
	fe      kernel.Frontend
	opts    Options
	lib     []byte
	libSent bool
	lastOpt *optimizeRun
}

// New builds the tuner for settings and models (see tuner.New) and binds it to
// the notebook. It fails when the echarts library is not installed; the error
// names the set-up command.
func New(settings *tuner.Settings, models *tuner.Models, opts Options) (*Tuner, error) {
	if settings == nil || models == nil {
		return nil, errors.New("notebook: new tuner: settings and models are required")
	}
	lib := opts.ECharts
	if lib == nil {
		var err error
		lib, err = plot.EChartsLibrary(opts.EChartsCache)
		if err != nil {
			return nil, fmt.Errorf("notebook: new tuner: %w (run `make notebooks` or `go run ./cmd/synaptune setup-echarts` in the synaptune folder)", err)
		}
	}
	tu, err := tuner.New(settings, models)
	if err != nil {
		return nil, fmt.Errorf("notebook: new tuner: %w", err)
	}
	fe := opts.Frontend
	if fe == nil {
		fe = gonb.NewGoNB(gonb.Options{})
	}
	return &Tuner{Tuner: tu, fe: fe, opts: opts, lib: lib}, nil
}

// Seed builds the tuner of bmtool's demo: the seed settings (Fac2FSI and
// Dep2FSI on the FSI cell) with the embedded models, tuning connection.
func Seed(connection string, opts Options) (*Tuner, error) {
	s, err := tuner.SeedSettings()
	if err != nil {
		return nil, fmt.Errorf("notebook: seed settings: %w", err)
	}
	if connection != "" {
		if _, err := s.Lookup(connection); err != nil {
			return nil, fmt.Errorf("notebook: seed: %w", err)
		}
		s.Connection = connection
	}
	m, err := tuner.EmbeddedModels()
	if err != nil {
		return nil, fmt.Errorf("notebook: embedded models: %w", err)
	}
	return New(s, m, opts)
}

// Frontend returns the front end the Tuner draws on.
func (t *Tuner) Frontend() kernel.Frontend { return t.fe }

// Sync waits until everything shown so far has reached the notebook. Every
// drawing method ends with it; call it after using the Frontend directly.
func (t *Tuner) Sync() error {
	if s, ok := t.fe.(syncer); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("notebook: %w", err)
		}
	}
	return nil
}

// loadLibrary sends the echarts library once per program.
func (t *Tuner) loadLibrary() error {
	if t.libSent {
		return nil
	}
	if err := t.fe.DisplayTransient(plot.LoaderHTML(t.lib)); err != nil {
		return fmt.Errorf("notebook: load echarts: %w", err)
	}
	t.libSent = true
	return nil
}

// Show draws fig as a new output of the cell.
func (t *Tuner) Show(fig plot.Figure) error {
	if err := t.loadLibrary(); err != nil {
		return err
	}
	if _, err := t.fe.DisplayHTML(fig.HTML()); err != nil {
		return fmt.Errorf("notebook: show figure: %w", err)
	}
	return t.Sync()
}

// Println prints lines as text output, one per line.
func (t *Tuner) Println(lines ...string) error {
	if len(lines) == 0 {
		return nil
	}
	if err := t.fe.Print(strings.Join(lines, "\n") + "\n"); err != nil {
		return fmt.Errorf("notebook: print: %w", err)
	}
	return nil
}

// traces turns a recording into the curves bmtool's _plot_model draws.
func (t *Tuner) traces(rec *tuner.Recording) (plot.Traces, error) {
	tr, err := t.PlotTraces(rec)
	if err != nil {
		return plot.Traces{}, fmt.Errorf("notebook: plot traces: %w", err)
	}
	return tr, nil
}

// SingleEvent runs one synaptic event (bmtool's SingleEvent), draws the
// synaptic current and the clamp current or soma voltage with every recorded
// variable, and prints bmtool's lines: baseline, sign, latency, amp,
// rise_time, decay_time, half_width and the current integral.
func (t *Tuner) SingleEvent() (*tuner.SingleEventResult, error) {
	res, err := t.Tuner.SingleEvent()
	if err != nil {
		return nil, fmt.Errorf("notebook: single event: %w", err)
	}
	tr, err := t.traces(res.Recording)
	if err != nil {
		return nil, err
	}
	g := t.Settings().General
	fig, err := plot.SingleEvent(tr, plot.SingleEventWindow(g.TStart, g.TDur))
	if err != nil {
		return nil, fmt.Errorf("notebook: single event figure: %w", err)
	}
	if err := t.Show(fig); err != nil {
		return nil, err
	}
	if err := t.Println(res.Lines()...); err != nil {
		return nil, err
	}
	return res, t.Sync()
}

// Train runs bmtool's pulse train (8 pulses at freq Hz, a pause of delay ms,
// 4 more pulses), draws it with its numbered peaks and prints bmtool's
// short-term plasticity report.
func (t *Tuner) Train(freq, delay float64) (*tuner.TrainResult, error) {
	res, err := t.Tuner.Train(freq, delay)
	if err != nil {
		return nil, fmt.Errorf("notebook: train: %w", err)
	}
	if err := t.showTrain(res); err != nil {
		return nil, err
	}
	return res, nil
}

// Continuous runs bmtool's continuous-input mode (pulses at freq Hz for
// duration ms), draws it and prints the report.
func (t *Tuner) Continuous(freq, duration float64) (*tuner.TrainResult, error) {
	res, err := t.Tuner.Continuous(freq, duration)
	if err != nil {
		return nil, fmt.Errorf("notebook: continuous input: %w", err)
	}
	if err := t.showTrain(res); err != nil {
		return nil, err
	}
	return res, nil
}

func (t *Tuner) showTrain(res *tuner.TrainResult) error {
	tr, err := t.traces(res.Recording)
	if err != nil {
		return err
	}
	g := t.Settings().General
	fig, err := plot.Train(tr, plot.TrainWindow(g.TStart, 1000/res.Freq, res.Recording.Tstop), res.PeakIndex)
	if err != nil {
		return fmt.Errorf("notebook: train figure: %w", err)
	}
	if err := t.Show(fig); err != nil {
		return err
	}
	if err := t.Println(res.Report()...); err != nil {
		return err
	}
	return t.Sync()
}

// progress shows a progress bar and returns the callback the tuner's sweeps
// take, and the function that finishes the bar.
func (t *Tuner) progress(label string, total int) (func(done, total int), func() error, error) {
	p, err := t.fe.StartProgress(label, total)
	if err != nil {
		return nil, nil, fmt.Errorf("notebook: progress bar: %w", err)
	}
	update := func(done, _ int) { _ = p.Update(done) }
	finish := func() error {
		if err := p.Finish(); err != nil {
			return fmt.Errorf("notebook: progress bar: %w", err)
		}
		return nil
	}
	return update, finish, nil
}

// interruptible returns a context cancelled by a kernel interrupt (SIGINT,
// which GoNB sends to the cell program on the stop button).
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// STPFrequencyResponse runs a train at each frequency (Hz; nil means bmtool's
// tuner.DefaultFrequencies) with the given delay (ms) between the two pulse
// groups, showing a progress bar, then draws PPR, simple PPR, induction and
// recovery against frequency (on a log axis when logPlot) and prints the
// table of values. The stop button ends it early with an error.
func (t *Tuner) STPFrequencyResponse(freqs []float64, delay float64, logPlot bool) (*tuner.FrequencyResponse, error) {
	if freqs == nil {
		freqs = tuner.DefaultFrequencies()
	}
	ctx, cancel := interruptible()
	defer cancel()
	update, finish, err := t.progress("Frequency response", len(freqs))
	if err != nil {
		return nil, err
	}
	res, err := t.Tuner.FrequencyResponse(ctx, freqs, delay, update)
	if err != nil {
		_ = t.Sync()
		return nil, fmt.Errorf("notebook: frequency response: %w", err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	fig, err := plot.FrequencyResponse(plot.FrequencyData{
		Frequencies: res.Frequencies, PPR: res.PPR, SimplePPR: res.SimplePPR,
		Induction: res.Induction, Recovery: res.Recovery,
	}, logPlot)
	if err != nil {
		return nil, fmt.Errorf("notebook: frequency response figure: %w", err)
	}
	if err := t.Show(fig); err != nil {
		return nil, err
	}
	if err := t.Println(FrequencyTable(res)...); err != nil {
		return nil, err
	}
	return res, t.Sync()
}

// FrequencyTable formats a frequency response as aligned text lines, one per
// frequency, under a header.
func FrequencyTable(r *tuner.FrequencyResponse) []string {
	lines := []string{fmt.Sprintf("%9s %10s %10s %10s %10s", "freq (Hz)", "PPR", "simple PPR", "induction", "recovery")}
	for i, f := range r.Frequencies {
		lines = append(lines, fmt.Sprintf("%9g %10.4f %10.4f %10.4f %10.4f", f, r.PPR[i], r.SimplePPR[i], r.Induction[i], r.Recovery[i]))
	}
	return lines
}

// SynapticTable analyses every connection of the settings (bmtool's
// generate_synaptic_table) with a train at freq Hz and delay ms, showing a
// progress bar, then draws the bar charts and prints the table. A connection
// that cannot be analysed is reported in its row, as bmtool warns and carries
// on.
func (t *Tuner) SynapticTable(freq, delay float64) ([]tuner.TableRow, error) {
	ctx, cancel := interruptible()
	defer cancel()
	update, finish, err := t.progress("Synaptic table", len(t.Settings().ConnectionNames()))
	if err != nil {
		return nil, err
	}
	rows, err := t.Tuner.SynapticTable(ctx, freq, delay, update)
	if err != nil {
		_ = t.Sync()
		return nil, fmt.Errorf("notebook: synaptic table: %w", err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	var bars []plot.TableRow
	for _, r := range rows {
		if r.Err != nil {
			continue
		}
		bars = append(bars, plot.TableRow{Connection: r.Connection, RiseTime: r.RiseTime, DecayTime: r.DecayTime,
			PPR: r.PPR, SimplePPR: r.SimplePPR, Induction: r.Induction, Recovery: r.Recovery})
	}
	if len(bars) > 0 {
		fig, err := plot.SynapticTable(bars, freq)
		if err != nil {
			return nil, fmt.Errorf("notebook: synaptic table figure: %w", err)
		}
		if err := t.Show(fig); err != nil {
			return nil, err
		}
	}
	if err := t.Println(SynapticTableLines(rows)...); err != nil {
		return nil, err
	}
	return rows, t.Sync()
}

// SynapticTableLines formats synaptic-table rows as aligned text lines.
func SynapticTableLines(rows []tuner.TableRow) []string {
	lines := []string{fmt.Sprintf("%-12s %9s %9s %9s %9s %10s %8s %10s %9s %9s", "connection",
		"rise (ms)", "decay", "latency", "half w.", "amp (nA)", "PPR", "simple PPR", "induction", "recovery")}
	for _, r := range rows {
		if r.Err != nil {
			lines = append(lines, fmt.Sprintf("%-12s error: %v", r.Connection, r.Err))
			continue
		}
		lines = append(lines, fmt.Sprintf("%-12s %9.3f %9.3f %9.3f %9.3f %10.5f %8.4f %10.4f %9.4f %9.4f", r.Connection,
			r.RiseTime, r.DecayTime, r.Latency, r.HalfWidth, r.PeakAmplitude, r.PPR, r.SimplePPR, r.Induction, r.Recovery))
	}
	return lines
}

// InteractiveTuner shows bmtool's interactive tuner (tuner/interactive) and
// blocks while the user works with it: GoNB runs one cell program at a time
// and widgets live only while their cell runs. It returns when the Done button
// is pressed, on the notebook's stop button (a kernel interrupt), or after the
// idle timeout, leaving the final figure, metrics and parameters in the cell;
// the parameters the user chose stay set on the Tuner for the rest of the cell.
// Without a browser (a headless run) it draws the figure for the current
// parameters once and returns interactive.EndHeadless.
func (t *Tuner) InteractiveTuner() (interactive.Ending, error) {
	ctx, cancel := interruptible()
	defer cancel()
	// The library goes as a transient output, so that neither the panel nor
	// the static figure of a headless run keeps a copy in the notebook.
	if err := t.loadLibrary(); err != nil {
		return "", err
	}
	opts := t.opts.Interactive
	opts.ECharts = nil
	if opts.ConnectWait == 0 {
		// A notebook's browser answers the probe at once when it is there;
		// a busy browser (a long notebook, a loaded machine) may take
		// seconds, and a headless run is told by the environment switch,
		// so waiting longer than the interactive package's default only
		// costs a notebook run by other tools without that switch.
		opts.ConnectWait = NotebookConnectWait
	}
	it, err := interactive.New(t.Tuner, t.fe, opts)
	if err != nil {
		return "", fmt.Errorf("notebook: interactive tuner: %w", err)
	}
	end, err := it.Run(ctx)
	if err != nil {
		_ = t.Sync()
		return end, fmt.Errorf("notebook: interactive tuner: %w", err)
	}
	if err := t.Println(fmt.Sprintf("Interactive tuner ended (%s) after %d simulations.", end, it.Simulations())); err != nil {
		return end, err
	}
	return end, t.Sync()
}

// Close waits until every output has reached the notebook. Call it last in
// a cell that used the Frontend directly; the drawing methods already sync.
func (t *Tuner) Close() error { return t.Sync() }
