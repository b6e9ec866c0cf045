package engine

import (
	"fmt"
	"math"
	"sort"
)

// Compiled is the immutable, simulation-ready form of a Model: node order,
// areas, axial coefficients and the initial contents of every mechanism
// block. NewSim makes independent simulations from it; a Compiled is safe
// for concurrent use.
type Compiled struct {
	nNodes   int
	nRoots   int
	parent   []int
	area     []float64
	a, b     []float64
	rinv     []float64
	areaFac  []float64
	ionIndex map[string]int
	cm       []float64
	nodeName []string // "soma(0.5)" style description of each node

	sections map[*Section]secNodes
	blocks   []blockProto
	ions     []ionProto
	points   map[*PointProcess]instRef
	netcons  []ncProto
	presyns  []presynProto
	// axial holds, for every non-root node in order, what addAxial needs.
	axial []axialNode
	// voltageSources lists the presyns that watch a voltage (threshold
	// detection), in presyn order.
	voltageSources []int
	// presynOf maps an event source (artificial cell or point process) to
	// its presyn, for net_event.
	presynOf map[instRef]int
	ncIndex  map[*NetCon]int
	celsius  float64
	diam     map[*Section][]float64
	v0       []float64 // initial potential of each node (NEURON's -65 unless set)
}

type secNodes struct {
	first      int // node index of internal node 0
	parentNode int // node at the section's 0 end (internal orientation)
}

type instRef struct{ block, inst int }

type blockProto struct {
	mech                                            Mechanism
	layout                                          *layout
	node                                            []int
	vars                                            [][]float64
	globals                                         []float64
	ionIndex                                        []int
	vectors                                         [][]float64
	hasInit, hasCur, hasState, hasRecv, hasRecvInit bool
}

type ionProto struct {
	name           string
	valence        float64
	e, ci, co      []float64
	nernstAtInit   []bool // per node: some mechanism there reads or writes a concentration
	nernstEachStep []bool // per node: some mechanism there writes a concentration
	concReset      []bool
	ci0, co0       float64
}

type ncProto struct {
	presyn    int
	target    instRef
	hasTarget bool
	delay     float64
	weight    []float64
}

// axialNode is one non-root node's coupling to its parent, with its
// capacitance, as the matrix set-up reads them.
type axialNode struct {
	node, parent int
	a, b, cm     float64
}

type presynProto struct {
	point     instRef // artificial-cell or point-process source
	isVoltage bool
	node      int
	threshold float64
	netcons   []int
}

// Compile checks the model and fixes its numerical layout.
func (m *Model) Compile() (*Compiled, error) {
	c := &Compiled{sections: map[*Section]secNodes{}, points: map[*PointProcess]instRef{},
		ncIndex: map[*NetCon]int{}, celsius: m.Celsius, diam: map[*Section][]float64{}}
	if math.IsNaN(m.Celsius) {
		return nil, fmt.Errorf("engine: celsius is NaN")
	}
	for _, s := range m.sections {
		if s.nseg < 1 {
			return nil, s.errorf("nseg must be at least 1")
		}
		if len(s.pt3d) == 1 {
			return nil, s.errorf("a section needs 0 or at least 2 3-D points, has 1")
		}
		if len(s.pt3d) > 1 && !(s.L() > 0) {
			return nil, s.errorf("3-D points give length %v; it must be positive", s.L())
		}
		if len(s.pt3d) > 1 && s.reversed() {
			return nil, s.errorf("3-D geometry on a section connected by its 1 end is not supported")
		}
	}
	order := m.sectionOrder()
	if len(order) != len(m.sections) {
		return nil, fmt.Errorf("engine: the section tree has a loop")
	}
	// Node numbering: one root node per root section, then every section's
	// nodes in section order.
	var roots []*Section
	for _, s := range order {
		if s.parent == nil {
			roots = append(roots, s)
		}
	}
	c.nRoots = len(roots)
	n := len(roots)
	for _, s := range order {
		n += s.nseg + 1
	}
	c.nNodes = n
	c.parent = make([]int, n)
	c.area = make([]float64, n)
	c.a = make([]float64, n)
	c.b = make([]float64, n)
	c.cm = make([]float64, n)
	c.nodeName = make([]string, n)
	c.v0 = make([]float64, n)
	for i := range c.v0 {
		c.v0[i] = -65
	}
	rinv := make([]float64, n)
	c.rinv = rinv
	for i, s := range roots {
		c.parent[i] = -1
		c.area[i] = 100
		c.nodeName[i] = fmt.Sprintf("%s(0)", s.name)
		c.sections[s] = secNodes{parentNode: i}
	}
	next := len(roots)
	for _, s := range order {
		sn := c.sections[s]
		sn.first = next
		if s.parent != nil {
			pn, err := c.nodeAt(s.parent, s.parentX)
			if err != nil {
				return nil, err
			}
			sn.parentNode = pn
		}
		c.sections[s] = sn
		area, ri, diam := s.segmentGeometry()
		for j := 0; j <= s.nseg; j++ {
			i := next + j
			if j == 0 {
				c.parent[i] = sn.parentNode
			} else {
				c.parent[i] = i - 1
			}
			c.area[i] = area[j]
			rinv[i] = ri[j]
			if j < s.nseg {
				if vs, ok := s.ranges["v"]; ok && !math.IsNaN(vs[s.internalSeg(j)]) {
					c.v0[i] = vs[s.internalSeg(j)]
				}
				c.cm[i] = s.cm[s.internalSeg(j)]
				c.nodeName[i] = fmt.Sprintf("%s(%g)", s.name, s.segX(s.internalSeg(j)))
			} else {
				end := 1.0
				if s.reversed() {
					end = 0
				}
				c.nodeName[i] = fmt.Sprintf("%s(%g)", s.name, end)
			}
			if math.IsNaN(area[j]) || math.IsInf(rinv[i], 0) || math.IsNaN(rinv[i]) {
				return nil, s.errorf("degenerate geometry at node %d (area %v, axial conductance %v)", j, area[j], rinv[i])
			}
		}
		user := make([]float64, s.nseg)
		for j := 0; j < s.nseg; j++ {
			user[s.internalSeg(j)] = diam[j]
		}
		c.diam[s] = user
		next += s.nseg + 1
	}
	c.areaFac = make([]float64, n)
	for i := range c.areaFac {
		c.areaFac[i] = 1.e2 / c.area[i]
	}
	for i := c.nRoots; i < n; i++ {
		p := c.parent[i]
		c.a[i] = -1e2 * 1 * rinv[i] / c.area[p]
		c.b[i] = -1e2 * rinv[i] / c.area[i]
		c.axial = append(c.axial, axialNode{node: i, parent: p, a: c.a[i], b: c.b[i], cm: c.cm[i]})
	}
	if err := c.buildIons(m, order); err != nil {
		return nil, err
	}
	if err := c.buildBlocks(m, order); err != nil {
		return nil, err
	}
	if err := c.buildNetCons(m); err != nil {
		return nil, err
	}
	return c, nil
}

// segX returns the centre of user segment j.
func (s *Section) segX(j int) float64 { return (float64(j) + 0.5) / float64(s.nseg) }

// nodeAt returns the node of sec at position x, as NEURON's node_exact:
// x = 0 and x = 1 are the section's end nodes, anything else the centre of
// the segment that contains x.
func (c *Compiled) nodeAt(sec *Section, x float64) (int, error) {
	sn, ok := c.sections[sec]
	if !ok {
		return 0, fmt.Errorf("engine: section %s is not part of this model", sec.name)
	}
	if math.IsNaN(x) || x < 0 || x > 1 {
		return 0, sec.errorf("position %v outside [0, 1]", x)
	}
	if x <= 0 || x >= 1 {
		if sec.reversed() {
			x = 1 - x
		}
		if x == 0 {
			return sn.parentNode, nil
		}
		return sn.first + sec.nseg, nil
	}
	nf := float64(sec.nseg)
	i := int(nf * x)
	if i == sec.nseg {
		i = sec.nseg - 1
	}
	if sec.reversed() {
		i = sec.nseg - i - 1
	}
	return sn.first + i, nil
}

func (c *Compiled) buildIons(m *Model, order []*Section) error {
	species := map[string]int{}
	add := func(name string, valence float64) int {
		if i, ok := species[name]; ok {
			return i
		}
		d := speciesDefaults(name)
		if valence != 0 {
			d.valence = valence
		}
		p := ionProto{name: name, valence: d.valence, ci0: d.ci0, co0: d.co0,
			e: make([]float64, c.nNodes), ci: make([]float64, c.nNodes), co: make([]float64, c.nNodes),
			nernstAtInit: make([]bool, c.nNodes), nernstEachStep: make([]bool, c.nNodes), concReset: make([]bool, c.nNodes)}
		for i := range p.e {
			p.e[i], p.ci[i], p.co[i] = d.erev, d.ci0, d.co0
		}
		species[name] = len(c.ions)
		c.ions = append(c.ions, p)
		return species[name]
	}
	for _, name := range []string{"na", "k", "ca"} {
		add(name, 0)
	}
	for _, mech := range m.reg.mechs {
		for _, u := range mech.Spec().Ions {
			add(u.Ion, u.Valence)
		}
	}
	mark := func(node int, mech Mechanism) {
		for _, u := range mech.Spec().Ions {
			ip := &c.ions[species[u.Ion]]
			for _, r := range u.Read {
				if r == u.Ion+"i" || r == u.Ion+"o" {
					ip.nernstAtInit[node] = true
				}
			}
			for _, w := range u.Write {
				if w == u.Ion+"i" || w == u.Ion+"o" {
					ip.nernstAtInit[node] = true
					ip.nernstEachStep[node] = true
					ip.concReset[node] = true
				}
			}
		}
	}
	for _, s := range order {
		sn := c.sections[s]
		for j := 0; j < s.nseg; j++ {
			node := sn.first + j
			seg := s.internalSeg(j)
			for _, mech := range s.mechs {
				mark(node, mech)
			}
			for name, vals := range s.ranges {
				if math.IsNaN(vals[seg]) {
					continue
				}
				for i := range c.ions {
					ip := &c.ions[i]
					switch name {
					case "e" + ip.name:
						ip.e[node] = vals[seg]
					case ip.name + "i":
						ip.ci[node] = vals[seg]
					case ip.name + "o":
						ip.co[node] = vals[seg]
					}
				}
			}
		}
	}
	for _, p := range m.points {
		if p.sec == nil {
			continue
		}
		node, err := c.nodeAt(p.sec, p.x)
		if err != nil {
			return err
		}
		mark(node, p.mech)
	}
	c.ionIndex = species
	return nil
}

func (c *Compiled) buildBlocks(m *Model, order []*Section) error {
	type member struct {
		node int
		seg  int
		sec  *Section
		pp   *PointProcess
	}
	for _, mech := range m.reg.mechs {
		spec := mech.Spec()
		var members []member
		switch spec.Kind {
		case Density:
			for _, s := range order {
				if !s.Has(spec.Name) {
					continue
				}
				sn := c.sections[s]
				for j := 0; j < s.nseg; j++ {
					members = append(members, member{node: sn.first + j, seg: s.internalSeg(j), sec: s})
				}
			}
		case Point:
			for _, p := range m.points {
				if p.mech != mech {
					continue
				}
				node, err := c.nodeAt(p.sec, p.x)
				if err != nil {
					return err
				}
				members = append(members, member{node: node, pp: p})
			}
			// NEURON lists instances in node order; at one node the most
			// recently created comes first.
			sort.SliceStable(members, func(a, b int) bool {
				if members[a].node != members[b].node {
					return members[a].node < members[b].node
				}
				return members[a].pp.index > members[b].pp.index
			})
		case Artificial:
			for _, p := range m.points {
				if p.mech == mech {
					members = append(members, member{node: -1, pp: p})
				}
			}
		}
		if len(members) == 0 {
			continue
		}
		l := newLayout(spec)
		bp := blockProto{mech: mech, layout: l, node: make([]int, len(members)),
			vars: make([][]float64, l.nRange), globals: make([]float64, l.nGlobal),
			vectors: make([][]float64, len(members))}
		for k := range bp.vars {
			bp.vars[k] = make([]float64, len(members))
		}
		for _, v := range spec.Variables {
			sl := l.slot[v.Name]
			for e := 0; e < sl.size; e++ {
				if sl.global {
					bp.globals[sl.index+e] = v.Default
					continue
				}
				col := bp.vars[sl.index+e]
				for i := range col {
					col[i] = v.Default
				}
			}
		}
		for name, val := range m.globals[spec.Name] {
			if sl, ok := l.slot[name]; ok && sl.global {
				bp.globals[sl.index] = val
			}
		}
		blockIndex := len(c.blocks)
		for i, mb := range members {
			bp.node[i] = mb.node
			if mb.pp != nil {
				c.points[mb.pp] = instRef{block: blockIndex, inst: i}
				bp.vectors[i] = mb.pp.vector
				for name, vals := range mb.pp.values {
					sl := l.slot[name]
					for e, v := range vals {
						if !math.IsNaN(v) {
							bp.vars[sl.index+e][i] = v
						}
					}
				}
				continue
			}
			suffix := "_" + spec.Name
			for _, v := range spec.Variables {
				if v.Global {
					continue
				}
				if vals, ok := mb.sec.ranges[v.Name+suffix]; ok && !math.IsNaN(vals[mb.seg]) {
					bp.vars[l.slot[v.Name].index][i] = vals[mb.seg]
				}
			}
		}
		for _, u := range spec.Ions {
			bp.ionIndex = append(bp.ionIndex, c.ionIndex[u.Ion])
		}
		c.blocks = append(c.blocks, bp)
	}
	return nil
}

func (c *Compiled) buildNetCons(m *Model) error {
	type key struct {
		pp   *PointProcess
		node int
	}
	presynOf := map[key]int{}
	c.presynOf = map[instRef]int{}
	for _, nc := range m.netcons {
		var k key
		var ps presynProto
		if nc.srcPoint != nil {
			ref, ok := c.points[nc.srcPoint]
			if !ok {
				return fmt.Errorf("engine: NetCon source %s is not part of the model", nc.srcPoint.Mechanism())
			}
			k = key{pp: nc.srcPoint, node: -1}
			ps = presynProto{point: ref}
		} else {
			node, err := c.nodeAt(nc.srcSec, nc.srcX)
			if err != nil {
				return err
			}
			k = key{node: node}
			ps = presynProto{isVoltage: true, node: node, threshold: nc.Threshold}
		}
		pi, ok := presynOf[k]
		if !ok {
			pi = len(c.presyns)
			presynOf[k] = pi
			c.presyns = append(c.presyns, ps)
			if !ps.isVoltage {
				c.presynOf[ps.point] = pi
			}
		} else if ps.isVoltage {
			// NEURON keeps one threshold per source; the last NetCon's wins.
			c.presyns[pi].threshold = nc.Threshold
		}
		if !ok && ps.isVoltage {
			c.voltageSources = append(c.voltageSources, pi)
		}
		p := ncProto{presyn: pi, delay: nc.Delay, weight: append([]float64(nil), nc.weight...)}
		if nc.target != nil {
			ref, ok := c.points[nc.target]
			if !ok {
				return fmt.Errorf("engine: NetCon target %s is not part of the model", nc.target.Mechanism())
			}
			p.target, p.hasTarget = ref, true
		}
		c.ncIndex[nc] = len(c.netcons)
		c.presyns[pi].netcons = append(c.presyns[pi].netcons, len(c.netcons))
		c.netcons = append(c.netcons, p)
	}
	return nil
}

// NumNodes returns the number of nodes, zero-area end and root nodes included.
func (c *Compiled) NumNodes() int { return c.nNodes }

// Area returns the area (µm²) of the segment of sec at x, as NEURON's
// seg.area(): 0 at the ends x = 0 and x = 1, whose nodes have no membrane
// (internally they carry NEURON's placeholder area of 100).
func (c *Compiled) Area(sec *Section, x float64) (float64, error) {
	i, err := c.nodeAt(sec, x)
	if err != nil {
		return 0, err
	}
	if x == 0 || x == 1 {
		return 0, nil
	}
	return c.area[i], nil
}

// Ri returns the axial resistance (MΩ) between the node of sec at x and its
// parent node, as NEURON's seg.ri().
func (c *Compiled) Ri(sec *Section, x float64) (float64, error) {
	i, err := c.nodeAt(sec, x)
	if err != nil {
		return 0, err
	}
	if c.parent[i] < 0 {
		return 0, sec.errorf("the root node has no axial resistance")
	}
	return 1 / c.rinv[i], nil
}

// Diam returns the diameter (µm) of the segment of sec containing x, as the
// geometry computation leaves it (from 3-D points where there are any).
func (c *Compiled) Diam(sec *Section, x float64) (float64, error) {
	j, err := sec.segment(x)
	if err != nil {
		return 0, err
	}
	d, ok := c.diam[sec]
	if !ok {
		return 0, fmt.Errorf("engine: section %s is not part of this model", sec.name)
	}
	return d[j], nil
}

// sectionsByName maps section names to sections (tests and benchmarks).
func (c *Compiled) sectionsByName() map[string]*Section {
	out := map[string]*Section{}
	for s := range c.sections {
		out[s.name] = s
	}
	return out
}
