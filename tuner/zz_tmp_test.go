package tuner

import (
	"context"
	"fmt"
	"testing"
)

func TestTmpHistory(t *testing.T) {
	s, _ := SeedSettings()
	m, _ := EmbeddedModels()
	tu, err := New(s, m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := NewOptimizer(tu).Optimize(context.Background(), OptimizeOptions{
		Targets: []Target{{"induction", -0.75}, {"simple_ppr", 0.8}, {"recovery", 0}},
		Bounds:  []Bound{{Name: "Dep", Lo: 0, Hi: 800}, {Name: "Fac", Lo: 0, Hi: 100}, {Name: "Use", Lo: 0.1, Hi: 1}},
		Cost:    WeightedCost(map[string]float64{"simple_ppr": 3}), RunSingleEvent: true, RunTrainInput: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range res.Path {
		fmt.Printf("%d %.3g %v\n", i, st.Error, st.Params)
	}
}
