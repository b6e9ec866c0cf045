package optimize

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestScratchPar(t *testing.T) {
	p := Problem{Params: []Param{{"Dep", 0, 800}, {"Fac", 0, 100}, {"Use", 0.1, 1}}, Objective: busy}
	for _, w := range []int{1, 2} {
		for _, mn := range allMethods {
			st := time.Now()
			res, _ := Minimize(context.Background(), p, &Settings{Workers: w, MaxEvaluations: 500}, method(t, mn))
			fmt.Println(mn, w, res.Evaluations, time.Since(st)/time.Duration(res.Evaluations), res.Runtime)
		}
	}
}
