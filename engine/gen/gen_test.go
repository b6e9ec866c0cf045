package gen_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/gen/internal/kernels"
	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
	"github.com/synaptune/synaptune/internal/libm"
)

// TestKernelsUpToDate checks every committed kernel against the generator's
// output for its model (testmodels.Regenerate rewrites them).
func TestKernelsUpToDate(t *testing.T) {
	cases, err := testmodels.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		src, err := c.Kernel()
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		path := filepath.Join("internal", "kernels", strings.ToLower(c.Name)+"_gen.go")
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, src) {
			t.Errorf("%s is out of date: %s", path, testmodels.Regenerate)
		}
	}
	src, err := testmodels.Probes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("internal", "kernels", testmodels.ProbeFile)
	if have, err := os.ReadFile(path); err != nil || !bytes.Equal(have, src) {
		t.Errorf("%s is out of date (%v): %s", path, err, testmodels.Regenerate)
	}
}

// TestInlineExpMatchesLibm compares the exponential that kernels compute in
// place with libm.Exp, bit for bit: on the special values, around the
// bounds of the main path, and on a million arguments spread over the whole
// range and over the range hh's rates give.
func TestInlineExpMatchesLibm(t *testing.T) {
	args := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 0x1p-54, -0x1p-54,
		math.Nextafter(0x1p-54, 0), 512, -512, math.Nextafter(512, 0), math.Nextafter(-512, 0), 709.78, 709.79,
		-745.13, -745.14, -708.4, -708.3, 1e-300, 5e-324}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 500000; i++ {
		args = append(args, math.Float64frombits(rng.Uint64()), (rng.Float64()-0.5)*1500, -rng.Float64()*0.05)
	}
	for _, x := range args {
		if got, want := kernels.Exp(x), libm.Exp(x); math.Float64bits(got) != math.Float64bits(want) &&
			!(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("Exp(%v) = %v in place, libm %v", x, got, want)
		}
	}
}

// TestInlineHHRatesMatchTable compares the rate-table interpolation that
// kernels compute in place with engine.HHTable.Rates, bit for bit, on the
// table's nodes, beyond its ends, on NaN and on random voltages.
func TestInlineHHRatesMatchTable(t *testing.T) {
	var tab engine.HHTable
	tab.Build(16)
	vs := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -100, 100, -100.5, 100.5, -1e9, 1e9}
	for k := -100; k <= 100; k++ {
		vs = append(vs, float64(k), math.Nextafter(float64(k), 0), math.Nextafter(float64(k), 200))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 200000; i++ {
		vs = append(vs, (rng.Float64()-0.5)*240)
	}
	for _, v := range vs {
		got, want := kernels.HHRates(tab.Entries(), v), tab.Rates(v)
		g := []float64{got.Minf, got.Mtau, got.Hinf, got.Htau, got.Ninf, got.Ntau}
		w := []float64{want.Minf, want.Mtau, want.Hinf, want.Htau, want.Ninf, want.Ntau}
		for k := range g {
			if math.Float64bits(g[k]) != math.Float64bits(w[k]) {
				t.Fatalf("rates at %v: %v in place, table %v", v, got, want)
			}
		}
	}
}
