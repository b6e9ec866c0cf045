package optimize

import (
	"context"
	"math"
	"strings"
	"testing"
)

func constant(context.Context, []float64) (float64, any, error) { return 1, nil, nil }

func TestProblemErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		params []Param
		obj    Objective
		want   string
	}{
		{"empty", nil, constant, "no parameters"},
		{"lo above hi", []Param{{"Use", 1, 0.1}}, constant, `"Use" has lower bound 1 above upper bound 0.1`},
		{"NaN lo", []Param{{"Dep", nan, 1}}, constant, `"Dep" has a NaN bound`},
		{"NaN hi", []Param{{"Dep", 0, nan}}, constant, `"Dep" has a NaN bound`},
		{"infinite", []Param{{"Dep", 0, math.Inf(1)}}, constant, `"Dep" has an infinite bound`},
		{"duplicate", []Param{{"Fac", 0, 1}, {"Dep", 0, 1}, {"Fac", 0, 2}}, constant, `"Fac" is listed twice (positions 0 and 2)`},
		{"empty name", []Param{{"", 0, 1}}, constant, "parameter 0 has an empty name"},
		{"no objective", []Param{{"Dep", 0, 1}}, nil, "no objective"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Problem{Params: tc.params, Objective: tc.obj}
			res, err := Minimize(context.Background(), p, nil, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if res != nil {
				t.Errorf("result %+v with an invalid problem", res)
			}
		})
	}
}

func TestSettingsErrors(t *testing.T) {
	p := Problem{Params: []Param{{"Dep", 0, 800}, {"Use", 0.1, 1}}, Objective: constant}
	tests := []struct {
		name string
		set  Settings
		want string
	}{
		{"X0 outside", Settings{X0: []float64{100, 1.5}}, `X0 value 1.5 of parameter "Use" is outside [0.1, 1]`},
		{"X0 NaN", Settings{X0: []float64{math.NaN(), 0.5}}, `X0 value NaN of parameter "Dep"`},
		{"X0 length", Settings{X0: []float64{1}}, "X0 has 1 values for 2 parameters"},
		{"negative evaluations", Settings{MaxEvaluations: -1}, "MaxEvaluations -1 is negative"},
		{"negative iterations", Settings{MaxIterations: -2}, "MaxIterations -2 is negative"},
		{"negative workers", Settings{Workers: -1}, "Workers -1 is negative"},
		{"NaN target", Settings{TargetCost: math.NaN()}, "TargetCost is NaN"},
		{"unknown guess", Settings{Init: InitGuess(7)}, "unknown initial guess InitGuess(7)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Minimize(context.Background(), p, &tc.set, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestMethodByName(t *testing.T) {
	for _, name := range MethodNames() {
		m, err := MethodByName(name)
		if err != nil {
			t.Fatalf("MethodByName(%q): %v", name, err)
		}
		if m.Name() != name {
			t.Errorf("MethodByName(%q).Name() = %q", name, m.Name())
		}
	}
	_, err := MethodByName("SLSQP")
	if err == nil || !strings.Contains(err.Error(), `unknown method "SLSQP" (known: auto, bfgs, cmaes, lm)`) {
		t.Errorf("MethodByName(SLSQP) error %v", err)
	}
	if _, err := MethodByName(DefaultMethodName); err != nil {
		t.Errorf("default method %q: %v", DefaultMethodName, err)
	}
}

func TestParseInitGuess(t *testing.T) {
	tests := []struct {
		in   string
		want InitGuess
		err  bool
	}{
		{"middle_guess", InitMiddle, false},
		{"middle", InitMiddle, false},
		{"random", InitRandom, false},
		{"Random", 0, true},
		{"", 0, true},
	}
	for _, tc := range tests {
		got, err := ParseInitGuess(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseInitGuess(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
		if err == nil && tc.in != "middle" && got.String() != tc.in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), tc.in)
		}
	}
}

func TestNormalize(t *testing.T) {
	p := Problem{Params: []Param{{"Dep", 0, 800}, {"Neg", -4, 2}, {"Zero", 0, 0}, {"Use", 0.1, 1}}, Objective: constant}
	wantScale := []float64{800, 4, 1, 1}
	for i, w := range wantScale {
		if got := p.Scale(i); got != w {
			t.Errorf("Scale(%d) = %g, want %g", i, got, w)
		}
	}
	x := []float64{400, -1, 0, 0.55}
	u := p.Normalize(x)
	want := []float64{0.5, -0.25, 0, 0.55}
	for i := range u {
		if u[i] != want[i] {
			t.Errorf("Normalize[%d] = %g, want %g", i, u[i], want[i])
		}
	}
	back := p.Denormalize([]float64{1.0000001, -2, 5, 0})
	wantBack := []float64{800, -4, 0, 0.1}
	for i := range back {
		if back[i] != wantBack[i] {
			t.Errorf("Denormalize clips [%d] to %g, want %g", i, back[i], wantBack[i])
		}
	}
}
