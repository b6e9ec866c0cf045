package hoc

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/internal/tracecmp"
)

// TestEngineBuilderAgainstNEURON loads testdata/engine/cells.hoc into an
// engine model and compares its geometry, range variables and a voltage
// trace with what NEURON 8.2.2 computes from the same file
// (testdata/engine/neuron_reference.py).
func TestEngineBuilderAgainstNEURON(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "engine", "cells.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Segments []struct {
			Sec               string
			X, Area, Ri, Diam float64
			GPas              *float64 `json:"g_pas"`
		}
		Traces map[string][]float64
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	m := engine.NewModel(engine.Builtins())
	b := NewEngineBuilder(m)
	in := New(b)
	if err := in.LoadFile(filepath.Join("testdata", "engine", "cells.hoc")); err != nil {
		t.Fatal(err)
	}
	cell, err := in.NewObject("TaperCell")
	if err != nil {
		t.Fatal(err)
	}
	all, err := cell.SectionList("all")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*engine.Section{}
	for _, s := range all {
		es, err := b.Section(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		byName[s.Name] = es
	}
	c, err := m.Compile()
	if err != nil {
		t.Fatal(err)
	}
	rel := func(a, b float64) float64 { return math.Abs(a-b) / math.Max(math.Abs(b), 1e-300) }
	for _, seg := range want.Segments {
		sec, ok := byName[seg.Sec]
		if !ok {
			t.Fatalf("section %s missing from `all` (have %v)", seg.Sec, all)
		}
		area, err := c.Area(sec, seg.X)
		if err != nil {
			t.Fatal(err)
		}
		if r := rel(area, seg.Area); r > 1e-12 {
			t.Errorf("%s(%g) area %.17g, NEURON %.17g", seg.Sec, seg.X, area, seg.Area)
		}
		if seg.X == 0 || seg.X == 1 {
			continue
		}
		ri, _ := c.Ri(sec, seg.X)
		diam, _ := c.Diam(sec, seg.X)
		if r := rel(ri, seg.Ri); r > 1e-12 {
			t.Errorf("%s(%g) ri %.17g, NEURON %.17g", seg.Sec, seg.X, ri, seg.Ri)
		}
		if r := rel(diam, seg.Diam); r > 1e-12 {
			t.Errorf("%s(%g) diam %.17g, NEURON %.17g", seg.Sec, seg.X, diam, seg.Diam)
		}
		if seg.GPas != nil {
			g, err := sec.Get("g_pas", seg.X)
			if err != nil {
				t.Fatal(err)
			}
			if r := rel(g, *seg.GPas); r > 1e-12 {
				t.Errorf("%s(%g) g_pas %.17g, NEURON %.17g", seg.Sec, seg.X, g, *seg.GPas)
			}
		}
	}
	// The same IClamp and recordings as the reference script.
	stim, err := m.AddPointProcess("IClamp", byName["TaperCell[0].dend[1]"], 0.8)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]float64{"del": 2, "dur": 10, "amp": 0.3} {
		if err := stim.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	c, err = m.Compile()
	if err != nil {
		t.Fatal(err)
	}
	sim, err := c.NewSim()
	if err != nil {
		t.Fatal(err)
	}
	rec := map[string]*engine.Trace{"t": sim.Record(sim.TimeRef())}
	for name, loc := range map[string]struct {
		sec string
		x   float64
	}{"soma_v": {"TaperCell[0].soma", 0.5}, "axon_v": {"TaperCell[0].axon", 0.9}, "dend_v": {"TaperCell[0].dend[1]", 0.7}} {
		ref, err := sim.VoltageRef(byName[loc.sec], loc.x)
		if err != nil {
			t.Fatal(err)
		}
		rec[name] = sim.Record(ref)
	}
	if err := sim.Run(25); err != nil {
		t.Fatal(err)
	}
	vals := map[string][]float64{}
	for k, tr := range rec {
		vals[k] = tr.Values
	}
	tracecmp.CheckAll(t, "TaperCell", vals, want.Traces, tracecmp.DefaultRelTol)
}
