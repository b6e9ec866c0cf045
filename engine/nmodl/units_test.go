package nmodl

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// nocmodlFactors extracts the modern-unit values of UNITS factors from C
// code written by nocmodl ("static double _nrnunit_F[2] = {0x…, …};").
func nocmodlFactors(t *testing.T, c string) map[string]float64 {
	t.Helper()
	re := regexp.MustCompile(`_nrnunit_(\w+)\[2\] = \{([^,]+),`)
	out := map[string]float64{}
	for _, m := range re.FindAllStringSubmatch(c, -1) {
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatalf("%s: %v", m[0], err)
		}
		out[m[1]] = v
	}
	return out
}

// TestUnitFactorsMatchNocmodl compares the unit factors of
// testdata/unit_factors.mod with the values NEURON 8.2.2's nocmodl computes
// (golden testdata/unit_factors.nocmodl, the _nrnunit_ lines of its C
// output; regenerate with: nocmodl unit_factors.mod; grep
// '_nrnunit_.*\[2\] = ' unit_factors.c), and with a fresh translation when
// nocmodl is installed.
func TestUnitFactorsMatchNocmodl(t *testing.T) {
	m := checkTestdata(t, "unit_factors.mod")
	compare := func(what string, want map[string]float64) {
		if len(want) != len(m.File.UnitFactors) {
			t.Errorf("%s: %d factors, the file has %d", what, len(want), len(m.File.UnitFactors))
		}
		for name, w := range want {
			s := m.Lookup(name)
			if s == nil || !s.HasDefault || s.Default != w {
				t.Errorf("%s: %s = %v, nocmodl %v (%x)", what, name, s, w, w)
			}
		}
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "unit_factors.nocmodl"))
	if err != nil {
		t.Fatal(err)
	}
	compare("golden", nocmodlFactors(t, string(golden)))
	bin, err := exec.LookPath("nocmodl")
	if err != nil {
		return
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "unit_factors.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "unit_factors.mod"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "unit_factors.mod")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nocmodl: %v\n%s", err, out)
	}
	c, err := os.ReadFile(filepath.Join(dir, "unit_factors.c"))
	if err != nil {
		t.Fatal(err)
	}
	compare("nocmodl", nocmodlFactors(t, string(c)))
}
