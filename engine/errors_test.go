package engine

import (
	"math"
	"strings"
	"testing"
)

func TestBadInputErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func(m *Model) error
		want []string // substrings of the error
	}{
		{"nseg zero", func(m *Model) error { return m.NewSection("soma").SetNseg(0) }, []string{"soma", "nseg"}},
		{"L zero", func(m *Model) error { return m.NewSection("axon").SetL(0) }, []string{"axon", "L must be positive"}},
		{"L NaN", func(m *Model) error { return m.NewSection("axon").SetL(math.NaN()) }, []string{"axon", "L"}},
		{"diam negative", func(m *Model) error { return m.NewSection("dend").SetDiam(-1) }, []string{"dend", "diam"}},
		{"diam range zero", func(m *Model) error { return m.NewSection("dend").SetAt("diam", 0.5, 0) }, []string{"dend", "diam"}},
		{"Ra zero", func(m *Model) error { return m.NewSection("dend").SetRa(0) }, []string{"dend", "Ra"}},
		{"loop", func(m *Model) error {
			a, b := m.NewSection("a"), m.NewSection("b")
			if err := b.Connect(a, 1, 0); err != nil {
				return err
			}
			return a.Connect(b, 1, 0)
		}, []string{"section a", "loop"}},
		{"self loop", func(m *Model) error { a := m.NewSection("a"); return a.Connect(a, 1, 0) }, []string{"a", "loop"}},
		{"child end", func(m *Model) error {
			a, b := m.NewSection("a"), m.NewSection("b")
			return b.Connect(a, 1, 0.5)
		}, []string{"b", "child end"}},
		{"unknown mechanism", func(m *Model) error { return m.NewSection("soma").Insert("nosuch") }, []string{"soma", `"nosuch"`}},
		{"point process inserted", func(m *Model) error { return m.NewSection("soma").Insert("ExpSyn") }, []string{"soma", "ExpSyn", "not a density mechanism"}},
		{"unknown range variable", func(m *Model) error {
			s := m.NewSection("soma")
			if err := s.Insert("pas"); err != nil {
				return err
			}
			return s.Set("gbar_pas", 1)
		}, []string{"soma", "gbar_pas"}},
		{"ion of no mechanism", func(m *Model) error {
			s := m.NewSection("soma")
			if err := s.Insert("pas"); err != nil {
				return err
			}
			return s.Set("ena", 50)
		}, []string{"soma", "ena"}},
		{"unknown point process", func(m *Model) error {
			_, err := m.AddPointProcess("Nope", m.NewSection("soma"), 0.5)
			return err
		}, []string{"Nope"}},
		{"point process position", func(m *Model) error {
			_, err := m.AddPointProcess("IClamp", m.NewSection("soma"), 1.5)
			return err
		}, []string{"IClamp", "1.5"}},
		{"unknown point variable", func(m *Model) error {
			p, err := m.AddPointProcess("ExpSyn", m.NewSection("soma"), 0.5)
			if err != nil {
				return err
			}
			return p.Set("taux", 1)
		}, []string{"ExpSyn", "taux"}},
		{"array index", func(m *Model) error {
			p, err := m.AddPointProcess("VClamp", m.NewSection("soma"), 0.5)
			if err != nil {
				return err
			}
			return p.SetElement("amp", 3, 1)
		}, []string{"VClamp", "amp", "index 3"}},
		{"netcon target without NET_RECEIVE", func(m *Model) error {
			ns, err := m.AddArtificialCell("NetStim")
			if err != nil {
				return err
			}
			ic, err := m.AddPointProcess("IClamp", m.NewSection("soma"), 0.5)
			if err != nil {
				return err
			}
			_, err = m.NewNetCon(ns, ic, 1, 1)
			return err
		}, []string{"IClamp", "NET_RECEIVE"}},
		{"negative delay", func(m *Model) error {
			ns, err := m.AddArtificialCell("NetStim")
			if err != nil {
				return err
			}
			_, err = m.NewNetCon(ns, nil, -1, 1)
			return err
		}, []string{"delay"}},
		{"dt zero", func(m *Model) error {
			m.NewSection("soma")
			c, err := m.Compile()
			if err != nil {
				return err
			}
			s, err := c.NewSim()
			if err != nil {
				return err
			}
			return s.SetDt(0)
		}, []string{"dt must be positive"}},
		{"NaN in a state", func(m *Model) error {
			soma := m.NewSection("soma")
			syn, err := m.AddPointProcess("ExpSyn", soma, 0.5)
			if err != nil {
				return err
			}
			if err := syn.Set("tau", -1e-300); err != nil {
				return err
			}
			c, err := m.Compile()
			if err != nil {
				return err
			}
			s, err := c.NewSim()
			if err != nil {
				return err
			}
			return s.Run(1)
		}, []string{"state g", "ExpSyn", "soma(0.5)"}},
		{"blow-up in v", func(m *Model) error {
			soma := m.NewSection("soma")
			vc, err := m.AddPointProcess("VClamp", soma, 0.5)
			if err != nil {
				return err
			}
			for _, e := range []error{vc.SetElement("dur", 0, 10), vc.SetElement("amp", 0, -20), vc.Set("rstim", 0)} {
				if e != nil {
					return e
				}
			}
			c, err := m.Compile()
			if err != nil {
				return err
			}
			s, err := c.NewSim()
			if err != nil {
				return err
			}
			return s.Run(1)
		}, []string{"v at soma(", "blew up"}},
		{"netstim noise", func(m *Model) error {
			ns, err := m.AddArtificialCell("NetStim")
			if err != nil {
				return err
			}
			if err := ns.Set("noise", 0.5); err != nil {
				return err
			}
			c, err := m.Compile()
			if err != nil {
				return err
			}
			s, err := c.NewSim()
			if err != nil {
				return err
			}
			return s.Run(1)
		}, []string{"NetStim", "noise"}},
		{"single 3-D point", func(m *Model) error {
			s := m.NewSection("soma")
			if err := s.Pt3dAdd(0, 0, 0, 10); err != nil {
				return err
			}
			_, err := m.Compile()
			return err
		}, []string{"soma", "3-D"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run(NewModel(Builtins()))
			if err == nil {
				t.Fatalf("no error, want one mentioning %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
