package tuner

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/internal/tracecmp"
)

// TestModelsAgainstNEURON builds the project's own templates (FSI_Cell,
// TeachingCell) from tuner/models with the HOC interpreter and the compiled
// mechanisms, and compares every segment's geometry and range variables and
// two voltage traces with NEURON 8.2.2 (testdata/neuron_models.py).
func TestModelsAgainstNEURON(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "neuron_models.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]struct {
		Sections []struct {
			Name     string
			Nseg     int
			L        float64
			Segments []map[string]float64
		}
		Traces map[string][]float64
	}
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ template, file string }{{"FSI_Cell", ""}, {"TeachingCell", "models/teaching.hoc"}} {
		t.Run(c.template, func(t *testing.T) {
			g := golden[c.template]
			models, err := LoadModels("", c.file)
			if err != nil {
				t.Fatal(err)
			}
			m := engine.NewModel(models.Registry())
			m.Celsius = 20
			cell, err := models.NewCell(m, c.template)
			if err != nil {
				t.Fatal(err)
			}
			if len(cell.All) != len(g.Sections) {
				t.Fatalf("%d sections in all, NEURON %d", len(cell.All), len(g.Sections))
			}
			comp, err := m.Compile()
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			for i, gs := range g.Sections {
				sec := cell.All[i]
				if sec.Name() != gs.Name || sec.Nseg() != gs.Nseg {
					t.Errorf("section %d is %s nseg %d, NEURON %s nseg %d", i, sec.Name(), sec.Nseg(), gs.Name, gs.Nseg)
					continue
				}
				if rel(sec.L(), gs.L) > 1e-12 {
					t.Errorf("%s L %.17g, NEURON %.17g", gs.Name, sec.L(), gs.L)
				}
				for _, seg := range gs.Segments {
					x := seg["x"]
					for name, want := range seg {
						var got float64
						var err error
						switch name {
						case "x":
							continue
						case "area":
							got, err = comp.Area(sec, x)
						case "ri":
							got, err = comp.Ri(sec, x)
						case "diam":
							got, err = comp.Diam(sec, x)
						default:
							got, err = sec.Get(name, x)
						}
						if err != nil {
							t.Errorf("%s(%g) %s: %v", gs.Name, x, name, err)
							continue
						}
						if rel(got, want) > 1e-12 {
							t.Errorf("%s(%g) %s = %.17g, NEURON %.17g", gs.Name, x, name, got, want)
						}
						checked++
					}
				}
			}
			t.Logf("%d segment values agree", checked)
			// Traces: an IClamp at the soma and an Exp2Syn_STP on the last section.
			soma := cell.Soma[0]
			stim, err := m.AddPointProcess("IClamp", soma, 0.5)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range map[string]float64{"del": 5, "dur": 30, "amp": 0.1} {
				if err := stim.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
			last := cell.All[len(cell.All)-1]
			syn, err := m.AddPointProcess("Exp2Syn_STP", last, 0.5)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range map[string]float64{"initW": 20, "tau1": 0.5, "tau2": 8, "Use": 0.5, "Dep": 100, "Fac": 20} {
				if err := syn.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
			ns, err := m.AddArtificialCell("NetStim")
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range map[string]float64{"start": 40, "interval": 10, "number": 5} {
				if err := ns.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := m.NewNetCon(ns, syn, 1, 1); err != nil {
				t.Fatal(err)
			}
			comp, err = m.Compile()
			if err != nil {
				t.Fatal(err)
			}
			sim, err := comp.NewSim()
			if err != nil {
				t.Fatal(err)
			}
			vs, _ := sim.VoltageRef(soma, 0.5)
			vl, _ := sim.VoltageRef(last, 0.5)
			got := map[string]*engine.Trace{"t": sim.Record(sim.TimeRef()), "soma_v": sim.Record(vs), "last_v": sim.Record(vl)}
			if err := sim.InitKeep(); err != nil {
				t.Fatal(err)
			}
			if err := sim.ContinueRun(100); err != nil {
				t.Fatal(err)
			}
			vals := map[string][]float64{}
			for k, tr := range got {
				vals[k] = tr.Values
			}
			tracecmp.CheckAll(t, c.template, vals, g.Traces, tracecmp.DefaultRelTol)
		})
	}
}

func rel(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / math.Max(math.Abs(b), 1e-300)
}
