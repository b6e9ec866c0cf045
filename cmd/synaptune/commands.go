package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/synaptune/synaptune/tuner"
)

// common holds the flags every simulating command takes.
type common struct {
	settings   string
	connection string
	mechanisms string
	templates  string
	variant    string
	json       bool
}

func (c *common) register(fs *flag.FlagSet, withJSON bool) {
	fs.StringVar(&c.settings, "settings", "", "settings JSON `file` (bmtool's general_settings, conn_type_settings, ...)")
	fs.StringVar(&c.connection, "connection", "", "connection `name` (default: the settings' connection)")
	fs.StringVar(&c.mechanisms, "mechanisms", "", "folder of .mod files (default: embedded models)")
	fs.StringVar(&c.templates, "templates", "", ".hoc file with the cell templates (default: embedded)")
	fs.StringVar(&c.variant, "variant", "bmtool", "protocol: bmtool or corrected")
	if withJSON {
		fs.BoolVar(&c.json, "json", false, "print one JSON object instead of bmtool's printout")
	}
}

// tuner loads the settings and models and makes the tuner.
func (c *common) tuner() (*tuner.Tuner, error) {
	if c.settings == "" {
		return nil, fmt.Errorf("--settings is required")
	}
	s, err := tuner.LoadSettings(c.settings)
	if err != nil {
		return nil, err
	}
	return c.tunerFrom(s)
}

func (c *common) tunerFrom(s *tuner.Settings) (*tuner.Tuner, error) {
	if c.connection != "" {
		if _, err := s.Lookup(c.connection); err != nil {
			return nil, fmt.Errorf("--connection: %w", err)
		}
		s.Connection = c.connection
	}
	mechs, tmpl := s.MechanismsDir, s.TemplatesFile
	if c.mechanisms != "" {
		mechs = c.mechanisms
	}
	if c.templates != "" {
		tmpl = c.templates
	}
	models, err := tuner.LoadModels(mechs, tmpl)
	if err != nil {
		return nil, err
	}
	t, err := tuner.New(s, models)
	if err != nil {
		return nil, err
	}
	switch c.variant {
	case "bmtool", "":
	case "corrected":
		t.SetVariant(tuner.Corrected)
	default:
		return nil, fmt.Errorf("--variant must be bmtool or corrected, got %q", c.variant)
	}
	return t, nil
}

func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

func printLines(w io.Writer, lines []string) {
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// jsonFloat writes NaN and ±Inf as null, which JSON cannot carry.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(x, 'g', -1, 64)), nil
}

func floats(xs []float64) []jsonFloat {
	out := make([]jsonFloat, len(xs))
	for i, x := range xs {
		out[i] = jsonFloat(x)
	}
	return out
}

func writeTrace(path string, rec *tuner.Recording) error {
	m := map[string][]jsonFloat{"t": floats(rec.T), "syn_i": floats(rec.Syn), "vclamp_i": floats(rec.Clamp), "soma_v": floats(rec.SomaV)}
	for k, v := range rec.Extra {
		m[k] = floats(v)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--trace: %w", err)
	}
	if err := json.NewEncoder(f).Encode(m); err != nil {
		f.Close()
		return fmt.Errorf("--trace: %w", err)
	}
	return f.Close()
}

func printWarnings(w io.Writer, t *tuner.Tuner) {
	for _, msg := range t.Warnings() {
		fmt.Fprintln(w, msg)
	}
}

func singleEventJSON(r *tuner.SingleEventResult) map[string]jsonFloat {
	p := r.Props
	return map[string]jsonFloat{"baseline": jsonFloat(p.Baseline), "sign": jsonFloat(p.Sign), "latency": jsonFloat(p.Latency),
		"amp": jsonFloat(p.Amp), "rise_time": jsonFloat(p.RiseTime), "decay_time": jsonFloat(p.DecayTime),
		"half_width": jsonFloat(p.HalfWidth), "current_integral": jsonFloat(r.CurrentIntegral)}
}

func cmdSingleEvent(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("single-event", flag.ContinueOnError)
	var c common
	c.register(fs, true)
	trace := fs.String("trace", "", "write every time step's traces to this JSON `file`")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	t, err := c.tuner()
	if err != nil {
		return err
	}
	printWarnings(stderr, t)
	r, err := t.SingleEvent()
	if err != nil {
		return err
	}
	if *trace != "" {
		if err := writeTrace(*trace, r.Recording); err != nil {
			return err
		}
	}
	if c.json {
		return writeJSON(stdout, singleEventJSON(r))
	}
	printLines(stdout, r.Lines())
	return nil
}

func trainJSON(r *tuner.TrainResult) map[string]any {
	return map[string]any{"freq": jsonFloat(r.Freq), "delay": jsonFloat(r.Delay), "amps": floats(r.Amps),
		"ppr": jsonFloat(r.PPR), "induction": jsonFloat(r.Induction), "recovery": jsonFloat(r.Recovery),
		"simple_ppr": jsonFloat(r.SimplePPR), "max_amp_pA": jsonFloat(r.MaxAmpPA)}
}

func cmdTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	var c common
	c.register(fs, true)
	freq := fs.Float64("freq", 50, "input frequency (Hz)")
	delay := fs.Float64("delay", 250, "delay between the 8th and 9th pulse (ms)")
	duration := fs.Float64("duration", 0, "continuous input for this long (ms) instead of the 8+4 train")
	trace := fs.String("trace", "", "write every time step's traces to this JSON `file`")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	t, err := c.tuner()
	if err != nil {
		return err
	}
	printWarnings(stderr, t)
	var r *tuner.TrainResult
	if *duration > 0 {
		r, err = t.Continuous(*freq, *duration)
	} else {
		r, err = t.Train(*freq, *delay)
	}
	if err != nil {
		return err
	}
	if *trace != "" {
		if err := writeTrace(*trace, r.Recording); err != nil {
			return err
		}
	}
	if c.json {
		out := trainJSON(r)
		if r.Continuous {
			delete(out, "delay")
			out["duration"] = jsonFloat(r.Duration)
		}
		return writeJSON(stdout, out)
	}
	printLines(stdout, r.Report())
	return nil
}

func parseFreqs(s string) ([]float64, error) {
	if s == "" {
		return nil, nil
	}
	var out []float64
	for _, f := range strings.Split(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(x > 0) {
			return nil, fmt.Errorf("--freqs: %q is not a positive frequency", f)
		}
		out = append(out, x)
	}
	return out, nil
}

func freqResponseJSON(r *tuner.FrequencyResponse) map[string]any {
	return map[string]any{"frequencies": floats(r.Frequencies), "ppr": floats(r.PPR), "induction": floats(r.Induction),
		"recovery": floats(r.Recovery), "simple_ppr": floats(r.SimplePPR)}
}

func printFreqResponse(w io.Writer, r *tuner.FrequencyResponse) {
	fmt.Fprintf(w, "%10s %12s %12s %12s %12s\n", "freq (Hz)", "PPR", "simple PPR", "induction", "recovery")
	for i, f := range r.Frequencies {
		fmt.Fprintf(w, "%10g %12.6f %12.6f %12.6f %12.6f\n", f, r.PPR[i], r.SimplePPR[i], r.Induction[i], r.Recovery[i])
	}
}

func cmdFreqResponse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("freq-response", flag.ContinueOnError)
	var c common
	c.register(fs, true)
	freqs := fs.String("freqs", "", "comma-separated frequencies (Hz); default bmtool's 16")
	delay := fs.Float64("delay", 250, "delay between the 8th and 9th pulse (ms)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	fl, err := parseFreqs(*freqs)
	if err != nil {
		return err
	}
	t, err := c.tuner()
	if err != nil {
		return err
	}
	printWarnings(stderr, t)
	r, err := t.FrequencyResponse(ctx, fl, *delay, nil)
	if err != nil {
		return err
	}
	if c.json {
		return writeJSON(stdout, freqResponseJSON(r))
	}
	printFreqResponse(stdout, r)
	return nil
}

func tableJSON(rows []tuner.TableRow) []map[string]any {
	var out []map[string]any
	for _, r := range rows {
		m := map[string]any{"connection": r.Connection, "rise_time": jsonFloat(r.RiseTime), "decay_time": jsonFloat(r.DecayTime),
			"latency": jsonFloat(r.Latency), "half_width": jsonFloat(r.HalfWidth), "peak_amplitude": jsonFloat(r.PeakAmplitude),
			"baseline": jsonFloat(r.Baseline), "ppr": jsonFloat(r.PPR), "simple_ppr": jsonFloat(r.SimplePPR),
			"induction": jsonFloat(r.Induction), "recovery": jsonFloat(r.Recovery)}
		if r.Err != nil {
			m["error"] = r.Err.Error()
		}
		out = append(out, m)
	}
	return out
}

func printTable(w io.Writer, rows []tuner.TableRow) {
	fmt.Fprintf(w, "%-12s %9s %10s %8s %10s %12s %12s %9s %10s %10s %10s\n", "connection", "rise_time", "decay_time",
		"latency", "half_width", "peak_amp", "baseline", "ppr", "simple_ppr", "induction", "recovery")
	for _, r := range rows {
		if r.Err != nil {
			fmt.Fprintf(w, "Warning: %v\n", r.Err)
		}
		fmt.Fprintf(w, "%-12s %9.4f %10.4f %8.4f %10.4f %12.6g %12.6g %9.4f %10.4f %10.4f %10.4g\n", r.Connection, r.RiseTime,
			r.DecayTime, r.Latency, r.HalfWidth, r.PeakAmplitude, r.Baseline, r.PPR, r.SimplePPR, r.Induction, r.Recovery)
	}
}

func cmdTable(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("table", flag.ContinueOnError)
	var c common
	c.register(fs, true)
	freq := fs.Float64("freq", 50, "train frequency for the STP columns (Hz)")
	delay := fs.Float64("delay", 250, "train delay (ms)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	t, err := c.tuner()
	if err != nil {
		return err
	}
	printWarnings(stderr, t)
	rows, err := t.SynapticTable(ctx, *freq, *delay, nil)
	if err != nil {
		return err
	}
	if c.json {
		return writeJSON(stdout, tableJSON(rows))
	}
	printTable(stdout, rows)
	return nil
}

func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the demo's figures as one JSON object")
	reportPath := fs.String("report", "synaptune-demo.html", "write an HTML report with the plots to this `file` (\"\" for none)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	s, err := tuner.SeedSettings()
	if err != nil {
		return err
	}
	var c common
	t, err := c.tunerFrom(s)
	if err != nil {
		return err
	}
	out := map[string]any{}
	rep := &report{title: "synaptune demo: bmtool's synapse tuner on the embedded FSI_Cell models"}
	for _, conn := range []string{"Dep2FSI", "Fac2FSI"} {
		if err := t.SwitchConnection(conn); err != nil {
			return err
		}
		se, err := t.SingleEvent()
		if err != nil {
			return err
		}
		tr, err := t.Train(50, 250)
		if err != nil {
			return err
		}
		fr, err := t.FrequencyResponse(ctx, nil, 250, nil)
		if err != nil {
			return err
		}
		out[conn] = map[string]any{"single_event": singleEventJSON(se), "train": trainJSON(tr), "freq_response": freqResponseJSON(fr)}
		rep.heading(conn + ": SingleEvent")
		if err := rep.figure(t.SingleEventFigure(se)); err != nil {
			return err
		}
		rep.text(se.Lines())
		rep.heading(conn + ": 50 Hz train, delay 250 ms")
		if err := rep.figure(t.TrainFigure(tr)); err != nil {
			return err
		}
		rep.text(tr.Report())
		rep.heading(conn + ": frequency response")
		if err := rep.figure(tuner.FrequencyResponseFigure(fr, true)); err != nil {
			return err
		}
		if *asJSON {
			continue
		}
		fmt.Fprintf(stdout, "== %s: SingleEvent (%s on %s)\n", conn, t.Synapse(), s.Connections[0].Spec.PostCell)
		printLines(stdout, se.Lines())
		printLines(stdout, tr.Report())
		fmt.Fprintf(stdout, "== %s: frequency response (delay 250 ms)\n", conn)
		printFreqResponse(stdout, fr)
		fmt.Fprintln(stdout)
	}
	if err := t.SwitchConnection("Dep2FSI"); err != nil {
		return err
	}
	rows, err := t.SynapticTable(ctx, 50, 250, nil)
	if err != nil {
		return err
	}
	rep.heading("Synaptic table (STP at 50 Hz, delay 250 ms)")
	if err := rep.figure(tuner.SynapticTableFigure(rows, 50)); err != nil {
		return err
	}
	if *reportPath != "" {
		if err := rep.write(ctx, *reportPath, stderr); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	if *asJSON {
		out["synaptic_table"] = tableJSON(rows)
		return writeJSON(stdout, out)
	}
	fmt.Fprintln(stdout, "== Synaptic table (50 Hz, delay 250 ms)")
	printTable(stdout, rows)
	if *reportPath != "" {
		fmt.Fprintf(stdout, "\nReport with the plots: %s\n", *reportPath)
	}
	return nil
}
