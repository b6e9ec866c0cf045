package nmodl

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestStatesMatchNeuron integrates gates.mod with METHOD derivimplicit and
// with METHOD cnexp at a constant voltage and compares every step with
// NEURON 8.2.2 (testdata/neuron_states.golden, written by
// testdata/neuron_states.py): the values must be bit-identical.
func TestStatesMatchNeuron(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "neuron_states.golden"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.ReadFile(filepath.Join("testdata", "gates.mod"))
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string]string{
		"gdi": strings.NewReplacer("SUFFIX gates", "SUFFIX gdi", "METHOD cnexp", "METHOD derivimplicit").Replace(string(base)),
		"gcn": strings.Replace(string(base), "SUFFIX gates", "SUFFIX gcn", 1),
	}
	for mech, src := range variants {
		p := compileSrc(t, mech+".mod", src)
		m := p.NewMachine()
		slot := func(n string) int { return mustSlot(t, p, n) }
		m.Frame[slot("usetable")] = 0
		m.Frame[slot("celsius")] = 6.3
		m.Frame[slot("dt")] = 0.025
		m.Frame[slot("v")] = -65
		if _, err := p.Initial.Run(m); err != nil {
			t.Fatal(err)
		}
		steps := 0
		for _, line := range strings.Split(strings.TrimSpace(string(golden)), "\n") {
			f := strings.Fields(line)
			if len(f) != 5 || f[0] != mech {
				continue
			}
			num := func(s string) float64 {
				v, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatalf("golden %q: %v", line, err)
				}
				return v
			}
			m.Frame[slot("v")] = num(f[4])
			if _, err := p.State.Run(m); err != nil {
				t.Fatal(err)
			}
			if gm, gh := m.Frame[slot("m")], m.Frame[slot("h")]; gm != num(f[2]) || gh != num(f[3]) {
				t.Errorf("%s step %s: m=%x h=%x, NEURON %s %s", mech, f[1], gm, gh, f[2], f[3])
			}
			steps++
		}
		if steps != 20 {
			t.Errorf("%s: %d steps in the golden file", mech, steps)
		}
	}
}
