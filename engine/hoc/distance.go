package hoc

import "fmt"

// Topology is the part of a Builder that path distances need. Any Builder
// is a Topology.
type Topology interface {
	Parent(sec SectionID) (parent SectionID, parentX, childEnd float64, ok bool)
	Get(sec SectionID, name string, x float64) (float64, error)
}

// node is one of NEURON's computational nodes: frac is its position as a
// fraction of the section length measured from the end that attaches to the
// parent (0 is the attachment node, (i+0.5)/nseg a segment centre, 1 the
// far end). Above a root, valid is false and root names the root section.
type node struct {
	sec   SectionID
	frac  float64
	valid bool
	root  SectionID
}

// PathDistance returns the path length in µm between the nodes nearest to
// (from, fromX) and (to, toX) as NEURON's distance() measures it: interior
// positions snap to the centre of their segment, 0 and 1 are the ends, and
// sections in different trees are 1e20 apart.
func PathDistance(t Topology, from SectionID, fromX float64, to SectionID, toX float64) (float64, error) {
	n1, err := exactNode(t, from, fromX)
	if err != nil {
		return 0, err
	}
	n2, err := exactNode(t, to, toX)
	if err != nil {
		return 0, err
	}
	d := 0.0
	step := func(n node) (float64, node, error) {
		dd, err := nodeDist(t, n)
		if err != nil {
			return 0, n, err
		}
		up, err := upNode(t, n.sec)
		return dd, up, err
	}
	for guard := 0; ; guard++ {
		if guard > 1_000_000 {
			return 0, fmt.Errorf("distance: section tree has a loop")
		}
		if n1.valid == n2.valid && (!n1.valid || n1.sec == n2.sec) {
			break
		}
		var dd float64
		switch {
		case !n1.valid:
			dd, n2, err = step(n2)
		case !n2.valid:
			dd, n1, err = step(n1)
		default:
			d1, err1 := depth(t, n1.sec)
			d2, err2 := depth(t, n2.sec)
			if err1 != nil {
				return 0, err1
			}
			if err2 != nil {
				return 0, err2
			}
			if d1 > d2 {
				dd, n1, err = step(n1)
			} else {
				dd, n2, err = step(n2)
			}
		}
		if err != nil {
			return 0, err
		}
		d += dd
	}
	if !n1.valid {
		if n1.root != n2.root {
			return 1e20, nil
		}
		return d, nil
	}
	if n1.frac != n2.frac {
		x1, err := nodeDist(t, n1)
		if err != nil {
			return 0, err
		}
		x2, err := nodeDist(t, n2)
		if err != nil {
			return 0, err
		}
		if x1 < x2 {
			d += x2 - x1
		} else {
			d += x1 - x2
		}
	}
	return d, nil
}

func nseg(t Topology, sec SectionID) (int, error) {
	v, err := t.Get(sec, "nseg", 0)
	if err != nil {
		return 0, err
	}
	if v < 1 {
		return 0, fmt.Errorf("section has nseg %g", v)
	}
	return int(v), nil
}

func reversed(t Topology, sec SectionID) bool {
	_, _, end, ok := t.Parent(sec)
	return ok && end == 1
}

// exactNode mirrors NEURON's node_exact.
func exactNode(t Topology, sec SectionID, x float64) (node, error) {
	n, err := nseg(t, sec)
	if err != nil {
		return node{}, err
	}
	rev := reversed(t, sec)
	if x <= 0 || x >= 1 {
		if x < 0 {
			x = 0
		}
		if x > 1 {
			x = 1
		}
		if rev {
			x = 1 - x
		}
		if x == 0 {
			return node{sec: sec, frac: 0, valid: true}, nil
		}
		return node{sec: sec, frac: 1, valid: true}, nil
	}
	return node{sec: sec, frac: centreFrac(n, x, rev), valid: true}, nil
}

// centreFrac is the internal-orientation position of the centre of the
// segment that contains x (NEURON's node_index).
func centreFrac(n int, x float64, rev bool) float64 {
	i := int(float64(n) * x)
	if i == n {
		i = n - 1
	}
	if rev {
		i = n - i - 1
	}
	return (float64(i) + 0.5) / float64(n)
}

// upNode is the node a section hangs from, seen from its nominal parent.
func upNode(t Topology, sec SectionID) (node, error) {
	parent, px, _, ok := t.Parent(sec)
	if !ok {
		return node{valid: false, root: sec}, nil
	}
	prev := reversed(t, parent)
	orient := 0.0
	if prev {
		orient = 1
	}
	if px == orient {
		return node{sec: parent, frac: 0, valid: true}, nil
	}
	if px == 0 || px == 1 {
		return node{sec: parent, frac: 1, valid: true}, nil
	}
	n, err := nseg(t, parent)
	if err != nil {
		return node{}, err
	}
	return node{sec: parent, frac: centreFrac(n, px, prev), valid: true}, nil
}

func nodeDist(t Topology, n node) (float64, error) {
	if n.frac == 0 {
		return 0, nil
	}
	l, err := t.Get(n.sec, "L", 0)
	if err != nil {
		return 0, err
	}
	return l * n.frac, nil
}

func depth(t Topology, sec SectionID) (int, error) {
	d := 0
	for {
		p, _, _, ok := t.Parent(sec)
		if !ok {
			return d, nil
		}
		sec = p
		d++
		if d > 1_000_000 {
			return 0, fmt.Errorf("distance: section tree has a loop")
		}
	}
}
