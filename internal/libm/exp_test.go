package libm

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestExpMatchesCLibrary compares Exp with the C library's exp, bit for
// bit, on the arguments of testdata/exp.json, which
// testdata/exp_reference.py writes with the system Python (NEURON's libm).
func TestExpMatchesCLibrary(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "exp.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct{ Pairs [][2]string }
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Pairs) < 15000 {
		t.Fatalf("only %d pairs", len(g.Pairs))
	}
	bad := 0
	for _, p := range g.Pairs {
		xb, err1 := strconv.ParseUint(p[0], 16, 64)
		yb, err2 := strconv.ParseUint(p[1], 16, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad pair %v", p)
		}
		x := math.Float64frombits(xb)
		if got := Exp(x); math.Float64bits(got) != yb {
			if bad++; bad <= 10 {
				t.Errorf("Exp(%v) = %v (%#x), C library %v (%#x)", x, got, math.Float64bits(got), math.Float64frombits(yb), yb)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d arguments differ", bad, len(g.Pairs))
	}
}

func TestExpSpecialCases(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{
		{0, 1}, {math.Copysign(0, -1), 1}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), 0},
		{1000, math.Inf(1)}, {-1000, 0}, {1, math.E}, {-746, 0},
	} {
		if got := Exp(tc.x); got != tc.want || math.Signbit(got) {
			t.Errorf("Exp(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
	if got := Exp(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Exp(NaN) = %v", got)
	}
}

// TestExpCloseToMath checks Exp against math.Exp over a wide range. Both
// are within a unit in the last place of the exact value (math.Exp less
// tightly: at x = -21.8359 it is two units from the C library's result,
// which is the correctly rounded one), so they are at most two apart.
func TestExpCloseToMath(t *testing.T) {
	for i := 0; i <= 200000; i++ {
		// above about 709.4 the amd64 math.Exp overflows early to +Inf
		x := -745 + 1445*float64(i)/200000
		got, want := Exp(x), math.Exp(x)
		if got == want {
			continue
		}
		if d := int64(math.Float64bits(got) - math.Float64bits(want)); d < -2 || d > 2 {
			t.Fatalf("Exp(%v) = %v, math.Exp %v: %d units in the last place apart", x, got, want, d)
		}
	}
}

func FuzzExp(f *testing.F) {
	for _, x := range []float64{0, 1, -1, 700, -740, 1e-300, math.Inf(1)} {
		f.Add(x)
	}
	// math.Exp on amd64 is a few units in the last place off for large x
	// (at 190 its result is 3 units below the correctly rounded one).
	f.Fuzz(func(t *testing.T, x float64) {
		got, want := Exp(x), math.Exp(x)
		if math.IsNaN(want) != math.IsNaN(got) {
			t.Fatalf("Exp(%v) = %v, math.Exp %v", x, got, want)
		}
		if want > 0x1p-1022 && x < 700 && math.Abs(got-want) > 1e-15*want {
			t.Fatalf("Exp(%v) = %v, math.Exp %v", x, got, want)
		}
	})
}

var sink float64

func BenchmarkExp(b *testing.B) {
	x, s := -1.3, 0.0
	for b.Loop() {
		s += Exp(x)
		x += 1e-9
	}
	sink = s
}

func BenchmarkMathExp(b *testing.B) {
	x, s := -1.3, 0.0
	for b.Loop() {
		s += math.Exp(x)
		x += 1e-9
	}
	sink = s
}

// BenchmarkExpLatency chains each result into the next argument.
func BenchmarkExpLatency(b *testing.B) {
	x := -1.3
	for b.Loop() {
		x = Exp(x) - 1.5
	}
	sink = x
}

func BenchmarkMathExpLatency(b *testing.B) {
	x := -1.3
	for b.Loop() {
		x = math.Exp(x) - 1.5
	}
	sink = x
}

// TestExpFastRange checks the exported bounds of Exp's main path against
// the exponents they stand for.
func TestExpFastRange(t *testing.T) {
	if ExpFastLo != top12(0x1p-54) || ExpFastSpan != top12(512)-top12(0x1p-54) {
		t.Fatalf("ExpFastLo %#x, ExpFastSpan %#x; want %#x, %#x", ExpFastLo, ExpFastSpan, top12(0x1p-54), top12(512)-top12(0x1p-54))
	}
}
