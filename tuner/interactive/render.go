package interactive

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/synaptune/synaptune/tuner"
	"github.com/synaptune/synaptune/tuner/plot"
)

// rendered is one simulation made ready to show.
type rendered struct {
	figure plot.Figure
	traces plot.Traces
	window plot.Window
	lines  []string
}

// traces turns a recording into the curves bmtool's _plot_model draws.
func (it *Tuner) traces(rec *tuner.Recording) (plot.Traces, error) {
	return it.tu.PlotTraces(rec)
}

func (it *Tuner) renderTrain(res *tuner.TrainResult) (*rendered, error) {
	tr, err := it.traces(res.Recording)
	if err != nil {
		return nil, err
	}
	g := it.tu.Settings().General
	w := plot.TrainWindow(g.TStart, 1000/res.Freq, res.Recording.Tstop)
	fig, err := plot.Train(tr, w, res.PeakIndex)
	if err != nil {
		return nil, err
	}
	return &rendered{figure: fig, traces: tr, window: w, lines: res.Report()}, nil
}

func (it *Tuner) renderSingleEvent(res *tuner.SingleEventResult) (*rendered, error) {
	tr, err := it.traces(res.Recording)
	if err != nil {
		return nil, err
	}
	g := it.tu.Settings().General
	w := plot.SingleEventWindow(g.TStart, g.TDur)
	fig, err := plot.SingleEvent(tr, w)
	if err != nil {
		return nil, err
	}
	return &rendered{figure: fig, traces: tr, window: w, lines: res.Lines()}, nil
}

// num formats a metric for the panel.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// metricsHTML renders the metrics panel: the connection and protocol, the
// latest train's STP metrics and the latest single event's properties.
func (it *Tuner) metricsHTML() string {
	var b strings.Builder
	protocol := "bmtool"
	if it.tu.Variant() == tuner.Corrected {
		protocol = "corrected"
	}
	clamp := "current clamp"
	if it.tu.VClamp() {
		clamp = fmt.Sprintf("voltage clamp at %s mV", num(it.tu.VClampAmp()))
	}
	fmt.Fprintf(&b, `<div class="synaptune-metrics" data-connection="%s"><b>%s</b> · %s protocol · %s`,
		html.EscapeString(it.tu.Connection()), html.EscapeString(it.tu.Connection()), protocol, clamp)
	b.WriteString(`<table style="border-collapse:collapse;margin-top:4px"><tbody>`)
	row := func(name, value, key string) {
		fmt.Fprintf(&b, `<tr><td style="padding:1px 10px 1px 0">%s</td><td class="synaptune-metric" data-metric="%s" style="text-align:right;font-family:monospace">%s</td></tr>`,
			html.EscapeString(name), key, html.EscapeString(value))
	}
	if r := it.lastTrain; r != nil {
		what := fmt.Sprintf("Train %s Hz, delay %s ms", num(r.Freq), num(r.Delay))
		if r.Continuous {
			what = fmt.Sprintf("Continuous input %s Hz for %s ms", num(r.Freq), num(r.Duration))
		}
		fmt.Fprintf(&b, `<tr><th colspan="2" style="text-align:left">%s</th></tr>`, html.EscapeString(what))
		row("PPR", num(r.PPR), "ppr")
		row("Simple PPR (2nd/1st)", num(r.SimplePPR), "simple_ppr")
		row("Induction", num(r.Induction), "induction")
		row("Recovery", num(r.Recovery), "recovery")
		row("Max amplitude (pA)", num(r.MaxAmpPA), "max_amp")
	}
	if r := it.lastEvent; r != nil {
		b.WriteString(`<tr><th colspan="2" style="text-align:left">Single event</th></tr>`)
		p := r.Props
		row("Amplitude (pA)", num(p.Amp*1000), "amp")
		row("Latency (ms)", num(p.Latency), "latency")
		row("Rise time (ms)", num(p.RiseTime), "rise")
		row("Decay time (ms)", num(p.DecayTime), "decay")
		row("Half width (ms)", num(p.HalfWidth), "half_width")
		row("Current integral (pA·ms)", num(r.CurrentIntegral), "integral")
	}
	if it.lastTrain == nil && it.lastEvent == nil {
		b.WriteString(`<tr><td>No simulation yet.</td></tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// figureBox gives a figure's snippet a definite width. The panel lays its
// children out in a column that shrinks to their content, where the
// snippet's width of 100% would collapse.
func figureBox(f plot.Figure, snippet string) string {
	w := f.Width
	if w <= 0 {
		w = 1000
	}
	return fmt.Sprintf(`<div style="width:%dpx;max-width:calc(100vw - 48px)">%s</div>`, w, snippet)
}

// preHTML renders printed lines.
func preHTML(lines []string) string {
	return `<pre class="synaptune-printout" style="margin:0">` + html.EscapeString(strings.Join(lines, "\n")) + `</pre>`
}

// paramsHTML renders the synaptic parameters as a table.
func paramsHTML(params []tuner.Param) string {
	var b strings.Builder
	b.WriteString(`<table class="synaptune-params" style="border-collapse:collapse"><tbody>`)
	for _, p := range params {
		fmt.Fprintf(&b, `<tr><td style="padding:1px 10px 1px 0">%s</td><td style="text-align:right;font-family:monospace">%s</td></tr>`,
			html.EscapeString(p.Name), num(p.Value))
	}
	b.WriteString(`</tbody></table>`)
	return b.String()
}

// finalHTML is the static state Run leaves behind: a note, the connection's
// parameters, the metrics panel, the figure and the printout.
func finalHTML(note, connection string, params []tuner.Param, metricsPanel, figure string, lines []string) string {
	var b strings.Builder
	b.WriteString(`<div class="synaptune-final">`)
	if note != "" {
		fmt.Fprintf(&b, `<p>%s</p>`, html.EscapeString(note))
	}
	fmt.Fprintf(&b, `<div style="display:flex;gap:24px;flex-wrap:wrap"><div><b>Parameters of %s</b>%s</div><div>%s</div></div>`,
		html.EscapeString(connection), paramsHTML(params), metricsPanel)
	b.WriteString(figure)
	b.WriteString(preHTML(lines))
	b.WriteString(`</div>`)
	return b.String()
}

// settingsAreaHTML renders the settings document in a read-only text area
// with a button that copies it to the clipboard.
func settingsAreaHTML(id string, doc []byte) string {
	area := id + "-json"
	return fmt.Sprintf(`<textarea id="%s" readonly rows="16" cols="80" style="font-family:monospace">%s</textarea><br>`+
		`<button type="button" onclick="var a=document.getElementById('%s');a.select();`+
		`if(navigator.clipboard){navigator.clipboard.writeText(a.value)}else{document.execCommand('copy')}">Copy to clipboard</button>`,
		area, html.EscapeString(string(doc)), area)
}
