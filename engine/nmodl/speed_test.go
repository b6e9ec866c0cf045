package nmodl

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWrittenFirst checks which variables the compiler lets an adapter
// skip loading: only those a routine assigns, on its straight-line path,
// before anything reads them.
func TestWrittenFirst(t *testing.T) {
	const head = "NEURON { SUFFIX t  NONSPECIFIC_CURRENT i  RANGE a, b, g }\nPARAMETER { gbar = 1 }\nASSIGNED { v i a b g }\nSTATE { x }\n"
	tests := []struct {
		name, src     string
		cur, stateSet []string
	}{
		{"plain", "BREAKPOINT { SOLVE s METHOD cnexp\n g = gbar*x\n i = g*(v - a) }\nDERIVATIVE s { rates(v)\n x' = (a - x)/b }\nPROCEDURE rates(u) { a = u  b = 2 }",
			[]string{"g", "i"}, []string{"a", "b"}},
		{"read before write", "BREAKPOINT { SOLVE s METHOD cnexp\n g = g + gbar\n i = g*v }\nDERIVATIVE s { b = a\n a = 1\n x' = (a - x)/b }",
			[]string{"i"}, []string{"b"}},
		{"branch stops", "BREAKPOINT { SOLVE s METHOD cnexp\n i = v\n if (v > 0) { g = 1 }\n g = 2 }\nDERIVATIVE s { x' = -x/b }",
			[]string{"i"}, nil},
		{"function call stops", "BREAKPOINT { SOLVE s METHOD cnexp\n i = f(v)\n g = 1 }\nDERIVATIVE s { x' = -x/b }\nFUNCTION f(u) { f = u }",
			nil, nil},
	}
	names := func(p *Program, set map[int]bool) []string {
		var out []string
		for _, sl := range p.Slots {
			if set[sl.Offset] {
				out = append(out, sl.Name)
			}
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := compileSrc(t, "t.mod", head+tc.src)
			if d := cmp.Diff(tc.cur, names(p, p.Current.noLoad)); d != "" {
				t.Errorf("BREAKPOINT (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.stateSet, names(p, p.State.noLoad)); d != "" {
				t.Errorf("state step (-want +got):\n%s", d)
			}
		})
	}
}

// TestInlinedProcedureSemantics checks that an inlined PROCEDURE behaves
// as a call: arguments are values (assigning one changes nothing in the
// caller), LOCALs start at 0 at every call, and nested procedures work.
func TestInlinedProcedureSemantics(t *testing.T) {
	p := compileSrc(t, "p.mod", `NEURON { SUFFIX p  RANGE a, b, c }
ASSIGNED { a b c }
BREAKPOINT {
	LOCAL u
	u = 3
	acc(u)
	acc(u)
	b = u
	outer(2)
}
PROCEDURE acc(x) {
	LOCAL y
	y = y + x
	a = a + y
	x = 100
}
PROCEDURE outer(z) {
	acc(z*10)
	c = z
}
`)
	m := p.NewMachine()
	if _, err := p.Current.Run(m); err != nil {
		t.Fatal(err)
	}
	get := func(n string) float64 { o, _ := p.Slot(n); return m.Frame[o] }
	// a: 0+3, +3, +20
	if a, b, c := get("a"), get("b"), get("c"); a != 26 || b != 3 || c != 2 {
		t.Errorf("a, b, c = %v, %v, %v; want 26, 3, 2", a, b, c)
	}
}
