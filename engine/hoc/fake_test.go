package hoc

import (
	"fmt"
	"strings"
)

// fakeBuilder is a recording Builder for tests. It keeps per-segment
// values so tests can check NEURON's assignment rules, and a tree so
// distance() can be checked.
type fakeBuilder struct {
	secs    []*fakeSec
	calls   []string
	mechs   map[string][]string // mechanism -> RANGE parameters (without suffix)
	points  map[string]bool
	globals map[string]float64
	pps     []*fakePoint
	ions    map[string][]string // mechanism -> ions it uses
}

type fakeSec struct {
	name      string
	nseg      int
	L, Ra     float64
	parent    SectionID
	px, ce    float64
	hasParent bool
	mechs     []string
	vals      map[string][]float64
	pt3d      [][4]float64
	deleted   bool
}

type fakePoint struct {
	class  string
	sec    SectionID
	x      float64
	params map[string]float64
}

func newFake() *fakeBuilder {
	return &fakeBuilder{
		mechs: map[string][]string{
			"pas":      {"g", "e"},
			"hh":       {"gnabar", "gkbar", "gl", "el"},
			"leak":     {"glbar", "el"},
			"nainter":  {"gnabar", "mv_05", "hv_05", "mtau_inv", "htau_inv"},
			"kdrinter": {"gkdrbar", "v_05", "tau_inv"},
			"kdr":      {"gbar", "vhalfn"},
			"kap":      {"gbar", "vhalfn", "vhalfl", "tq"},
			"nax":      {"gbar"},
			"kdmc":     {"gbar"},
			"ih":       {"gbar", "erev"},
			"cal":      {"gcalbar"},
			"can":      {"gcanbar"},
			"kBK":      {"gpeak", "caVhmin"},
			"cadad":    {"depth", "taur"},
			"na_ion":   {},
			"k_ion":    {},
			"ca_ion":   {},
		},
		points:  map[string]bool{"IClamp": true, "ExpSyn": true, "Gfluct2": true},
		ions:    fakeIons(),
		globals: map[string]float64{"celsius": 6.3, "dt": 0.025, "v_init": -65, "t": 0},
	}
}

// fakeIons lists the ions a mechanism uses; insert adds them, as NEURON does.
func fakeIons() map[string][]string {
	return map[string][]string{
		"hh": {"na_ion", "k_ion"}, "nainter": {"na_ion"}, "kdrinter": {"k_ion"},
		"nax": {"na_ion"}, "kdr": {"k_ion"}, "kap": {"k_ion"}, "kdmc": {"k_ion"},
		"cal": {"ca_ion"}, "can": {"ca_ion"}, "kBK": {"k_ion", "ca_ion"}, "cadad": {"ca_ion"},
	}
}

// fakeDefaults are NEURON's default parameter values for the fake's mechanisms.
var fakeDefaults = map[string]float64{
	"g_pas": 0.001, "e_pas": -70,
	"gnabar_hh": 0.12, "gkbar_hh": 0.036, "gl_hh": 0.0003, "el_hh": -54.3,
	"ena": 50, "ek": -77, "eca": 132.4579341637009,
}

var fakeIonVars = map[string]string{"ena": "na_ion", "ek": "k_ion", "eca": "ca_ion"}

func (f *fakeBuilder) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

func (f *fakeBuilder) Lookup(name string) NameKind {
	switch name {
	case "nseg", "L", "Ra", "rallbranch":
		return NameSectionProp
	case "diam", "cm", "v":
		return NameRangeVar
	}
	if _, ok := f.mechs[name]; ok {
		return NameMechanism
	}
	if f.points[name] {
		return NamePointProcess
	}
	if _, ok := f.globals[name]; ok {
		return NameGlobal
	}
	if _, ok := fakeIonVars[name]; ok {
		return NameRangeVar
	}
	if _, _, ok := f.splitRange(name); ok {
		return NameRangeVar
	}
	return NameUnknown
}

func (f *fakeBuilder) splitRange(name string) (param, mech string, ok bool) {
	i := strings.LastIndexByte(name, '_')
	if i <= 0 {
		return "", "", false
	}
	param, mech = name[:i], name[i+1:]
	for _, p := range f.mechs[mech] {
		if p == param {
			return param, mech, true
		}
	}
	return "", "", false
}

func (f *fakeBuilder) sec(id SectionID) (*fakeSec, error) {
	if int(id) < 0 || int(id) >= len(f.secs) || f.secs[id].deleted {
		return nil, fmt.Errorf("no section %d", id)
	}
	return f.secs[id], nil
}

func (f *fakeBuilder) NewSection(name string) (SectionID, error) {
	f.record("create %s", name)
	s := &fakeSec{name: name, nseg: 1, L: 100, Ra: 35.4, vals: map[string][]float64{
		"diam": {500}, "cm": {1}, "v": {-65},
	}}
	f.secs = append(f.secs, s)
	return SectionID(len(f.secs) - 1), nil
}

func (f *fakeBuilder) DeleteSection(id SectionID) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("delete %s", s.name)
	s.deleted = true
	return nil
}

func (f *fakeBuilder) Connect(child SectionID, childEnd float64, parent SectionID, parentX float64) error {
	c, err := f.sec(child)
	if err != nil {
		return err
	}
	p, err := f.sec(parent)
	if err != nil {
		return err
	}
	f.record("connect %s(%g) %s(%g)", c.name, childEnd, p.name, parentX)
	c.parent, c.px, c.ce, c.hasParent = parent, parentX, childEnd, true
	return nil
}

func (f *fakeBuilder) Parent(id SectionID) (SectionID, float64, float64, bool) {
	s, err := f.sec(id)
	if err != nil || !s.hasParent {
		return 0, 0, 0, false
	}
	return s.parent, s.px, s.ce, true
}

func (f *fakeBuilder) has(s *fakeSec, mech string) bool {
	for _, m := range s.mechs {
		if m == mech {
			return true
		}
	}
	return false
}

func (f *fakeBuilder) Insert(id SectionID, mech string) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("insert %s %s", s.name, mech)
	if _, ok := f.mechs[mech]; !ok {
		return fmt.Errorf("%s is not a mechanism", mech)
	}
	for _, ion := range f.ions[mech] {
		if !f.has(s, ion) {
			s.mechs = append(s.mechs, ion)
		}
	}
	if !f.has(s, mech) {
		s.mechs = append(s.mechs, mech)
		for _, p := range f.mechs[mech] {
			v := make([]float64, s.nseg)
			for i := range v {
				v[i] = fakeDefaults[p+"_"+mech]
			}
			s.vals[p+"_"+mech] = v
		}
	}
	return nil
}

func (f *fakeBuilder) Uninsert(id SectionID, mech string) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("uninsert %s %s", s.name, mech)
	for i, m := range s.mechs {
		if m == mech {
			s.mechs = append(s.mechs[:i], s.mechs[i+1:]...)
			for _, p := range f.mechs[mech] {
				delete(s.vals, p+"_"+mech)
			}
			return nil
		}
	}
	return nil
}

func (f *fakeBuilder) slot(s *fakeSec, name string) ([]float64, error) {
	if ion, ok := fakeIonVars[name]; ok {
		if !f.has(s, ion) {
			return nil, fmt.Errorf("%s mechanism not inserted in section %s", ion, s.name)
		}
		if s.vals[name] == nil {
			v := make([]float64, s.nseg)
			for i := range v {
				v[i] = fakeDefaults[name]
			}
			s.vals[name] = v
		}
	}
	v, ok := s.vals[name]
	if !ok {
		if _, mech, ok := f.splitRange(name); ok {
			return nil, fmt.Errorf("%s mechanism not inserted in section %s", mech, s.name)
		}
		return nil, fmt.Errorf("%s is not a range variable", name)
	}
	return v, nil
}

func segOf(n int, x float64) (int, error) {
	if x < 0 || x > 1 {
		return 0, fmt.Errorf("range variable domain is 0<=x<=1")
	}
	i := int(float64(n) * x)
	if i == n {
		i = n - 1
	}
	return i, nil
}

func (f *fakeBuilder) Set(id SectionID, name string, value float64) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("set %s %s %g", s.name, name, value)
	switch name {
	case "nseg":
		n := int(value)
		if value < 1 || value > 32767 {
			return fmt.Errorf("nseg must be in [1, 32767]")
		}
		for k, old := range s.vals {
			nv := make([]float64, n)
			for i := range nv {
				j, _ := segOf(len(old), (float64(i)+0.5)/float64(n))
				nv[i] = old[j]
			}
			s.vals[k] = nv
		}
		s.nseg = n
		return nil
	case "L":
		s.L = value
		return nil
	case "Ra":
		s.Ra = value
		return nil
	case "rallbranch":
		return nil
	}
	v, err := f.slot(s, name)
	if err != nil {
		return err
	}
	for i := range v {
		v[i] = value
	}
	return nil
}

func (f *fakeBuilder) SetAt(id SectionID, name string, x, value float64) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("setat %s %s(%g) %g", s.name, name, x, value)
	v, err := f.slot(s, name)
	if err != nil {
		return err
	}
	i, err := segOf(s.nseg, x)
	if err != nil {
		return err
	}
	v[i] = value
	return nil
}

func (f *fakeBuilder) Get(id SectionID, name string, x float64) (float64, error) {
	s, err := f.sec(id)
	if err != nil {
		return 0, err
	}
	switch name {
	case "nseg":
		return float64(s.nseg), nil
	case "L":
		return s.L, nil
	case "Ra":
		return s.Ra, nil
	case "rallbranch":
		return 1, nil
	case "area":
		// lateral area of a cylinder segment, as NEURON computes without 3-d points
		d, err := f.Get(id, "diam", x)
		return 3.141592653589793 * d * s.L / float64(s.nseg), err
	}
	v, err := f.slot(s, name)
	if err != nil {
		return 0, err
	}
	i, err := segOf(s.nseg, x)
	if err != nil {
		return 0, err
	}
	return v[i], nil
}

func (f *fakeBuilder) Pt3dClear(id SectionID) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("pt3dclear %s", s.name)
	s.pt3d = nil
	return nil
}

func (f *fakeBuilder) Pt3dAdd(id SectionID, x, y, z, d float64) error {
	s, err := f.sec(id)
	if err != nil {
		return err
	}
	f.record("pt3dadd %s %g %g %g %g", s.name, x, y, z, d)
	if n := len(s.pt3d); n > 0 {
		p := s.pt3d[n-1]
		dx, dy, dz := x-p[0], y-p[1], z-p[2]
		s.L += sqrt(dx*dx + dy*dy + dz*dz)
	} else {
		s.L = 0
	}
	s.pt3d = append(s.pt3d, [4]float64{x, y, z, d})
	return nil
}

func sqrt(x float64) float64 {
	v, _ := mathFuncs["sqrt"](x)
	return v
}

func (f *fakeBuilder) DefineShape() error {
	f.record("define_shape")
	return nil
}

func (f *fakeBuilder) NewPointProcess(class string, sec SectionID, x float64) (PointID, error) {
	s, err := f.sec(sec)
	if err != nil {
		return 0, err
	}
	f.record("new %s %s(%g)", class, s.name, x)
	f.pps = append(f.pps, &fakePoint{class: class, sec: sec, x: x, params: map[string]float64{}})
	return PointID(len(f.pps) - 1), nil
}

func (f *fakeBuilder) SetPoint(p PointID, name string, value float64) error {
	f.record("setpoint %d %s %g", p, name, value)
	f.pps[p].params[name] = value
	return nil
}

func (f *fakeBuilder) GetPoint(p PointID, name string) (float64, error) {
	v, ok := f.pps[p].params[name]
	if !ok {
		return 0, fmt.Errorf("%s is not a parameter of %s", name, f.pps[p].class)
	}
	return v, nil
}

func (f *fakeBuilder) SetGlobal(name string, value float64) error {
	f.record("global %s %g", name, value)
	f.globals[name] = value
	return nil
}

func (f *fakeBuilder) GetGlobal(name string) (float64, error) {
	return f.globals[name], nil
}

// byName finds a live section.
func (f *fakeBuilder) byName(name string) *fakeSec {
	for _, s := range f.secs {
		if s.name == name && !s.deleted {
			return s
		}
	}
	return nil
}

func (f *fakeBuilder) HasMechanism(id SectionID, mech string) (bool, error) {
	s, err := f.sec(id)
	if err != nil {
		return false, err
	}
	return f.has(s, mech), nil
}
