package engine

import (
	"math"
	"sort"
)

// sectionOrder returns the sections in NEURON's order: root sections in
// creation order, then breadth first, the children of each section sorted by
// their position on it (later connections first among equal positions).
func (m *Model) sectionOrder() []*Section {
	children := make(map[*Section][]*Section)
	var order []*Section
	for _, s := range m.sections {
		if s.parent == nil {
			order = append(order, s)
		} else {
			children[s.parent] = append(children[s.parent], s)
		}
	}
	for _, kids := range children {
		sort.SliceStable(kids, func(a, b int) bool {
			xa, xb := kids[a].connAbs(), kids[b].connAbs()
			if xa != xb {
				return xa < xb
			}
			return kids[a].connSeq > kids[b].connSeq
		})
	}
	for i := 0; i < len(order); i++ {
		order = append(order, children[order[i]]...)
	}
	return order
}

// connAbs is the connection position measured in the parent's internal
// orientation.
func (s *Section) connAbs() float64 {
	if s.parent != nil && s.parent.reversed() {
		return 1 - s.parentX
	}
	return s.parentX
}

// reversed reports whether the section is connected by its 1 end, in which
// case its internal node order runs from x = 1 to x = 0.
func (s *Section) reversed() bool { return s.parent != nil && s.childEnd == 1 }

// internalSeg maps an internal node index to the user segment index.
func (s *Section) internalSeg(j int) int {
	if s.reversed() {
		return s.nseg - 1 - j
	}
	return j
}

// DefineShape gives 3-D points to every section that has none, as NEURON's
// define_shape(), and translates sections with points to their parent's
// connection point. After it every section's area and axial resistance come
// from the 3-D points.
func (m *Model) DefineShape() {
	order := m.sectionOrder()
	const dz = 100.
	for i, sec := range order {
		arc := sec.parentX
		psec := sec.parent
		var x, y, z, x1, y1 float32
		if psec == nil {
			x, y, z = 0, 0, float32(float64(i)*dz)
			x1, y1 = 1, 0
		} else {
			arc1 := arc
			first, last := psec.pt3d[0], psec.pt3d[len(psec.pt3d)-1]
			x1 = last.X - first.X
			y1 = last.Y - first.Y
			if psec.reversed() {
				arc1 = 1. - arc
			}
			if arc1 < .5 {
				x1, y1 = -x1, -y1
			}
			x = float32(float64(float64(last.X)*arc1) + float64(float64(first.X)*(1-arc1)))
			y = float32(float64(float64(last.Y)*arc1) + float64(float64(first.Y)*(1-arc1)))
			z = float32(float64(float64(last.Z)*arc1) + float64(float64(first.Z)*(1-arc1)))
		}
		if len(sec.pt3d) > 0 {
			if psec != nil {
				dx, dy, dzz := x-sec.pt3d[0].X, y-sec.pt3d[0].Y, z-sec.pt3d[0].Z
				for k := range sec.pt3d {
					sec.pt3d[k].X += dx
					sec.pt3d[k].Y += dy
					sec.pt3d[k].Z += dzz
				}
			}
			continue
		}
		var angle float32
		if math.Abs(float64(y1)) < 1e-6 && math.Abs(float64(x1)) < 1e-6 {
			angle = 0
		} else {
			angle = float32(math.Atan2(float64(y1), float64(x1)))
		}
		if arc > 0 && arc < 1 {
			angle = float32(float64(angle) + 3.14159265358979323846/2.)
		}
		var nch, ich float32
		if psec != nil {
			for _, ch := range m.sectionOrderChildren(order, psec) {
				if ch == sec {
					ich = nch
				}
				if arc == ch.parentX {
					nch++
				}
			}
		}
		if nch > 1 {
			angle = float32(float64(angle) + float64(float64(ich)/(float64(nch)-1.)*.8) - .4)
		}
		length := sec.l
		x1 = float32(float64(x) + float64(length*math.Cos(float64(angle))))
		y1 = float32(float64(y) + float64(length*math.Sin(float64(angle))))
		n := sec.nseg
		diamAt := func(j int) float64 { return sec.diam[sec.internalSeg(j)] }
		sec.storPt3d(float64(x), float64(y), float64(z), diamAt(0))
		for j := 0; j < n; j++ {
			frac := (float64(j) + .5) / float64(n)
			sec.storPt3d(float64(float64(x)*(1-frac))+float64(float64(x1)*frac), float64(float64(y)*(1-frac))+float64(float64(y1)*frac), float64(z), diamAt(j))
		}
		sec.storPt3d(float64(x1), float64(y1), float64(z), diamAt(n-1))
		sec.pt3d[len(sec.pt3d)-1].Arc = length
	}
}

// sectionOrderChildren lists the children of p in NEURON's sibling order.
func (m *Model) sectionOrderChildren(order []*Section, p *Section) []*Section {
	var out []*Section
	for _, s := range order {
		if s.parent == p {
			out = append(out, s)
		}
	}
	return out
}

// storPt3d appends a point without validation (the values come from the
// model itself).
func (s *Section) storPt3d(x, y, z, d float64) {
	_ = s.Pt3dAdd(x, y, z, d)
}

// segmentGeometry computes, for every internal node of s (nseg centres and
// the x = 1 node), its area (µm²) and the conductance to its parent node
// (µS, NEURON's rinv), exactly as NEURON's nrn_area_ri. For sections with
// 3-D points it also returns the per-segment diameters NEURON writes back.
func (s *Section) segmentGeometry() (area, rinv []float64, diam []float64) {
	n := s.nseg
	area = make([]float64, n+1)
	rinv = make([]float64, n+1)
	diam = make([]float64, n)
	for j := 0; j < n; j++ {
		diam[j] = s.diam[s.internalSeg(j)]
	}
	ra := s.ra
	var rright float64
	if len(s.pt3d) > 1 {
		g := pt3dIntegrator{sec: s}
		for j := 0; j < n; j++ {
			rright = g.segment(j, rright, area, rinv, diam)
		}
	} else {
		dx := s.l / float64(n)
		for j := 0; j < n; j++ {
			d := diam[j]
			area[j] = math.Pi * d * dx
			rleft := 1e-2 * ra * (dx / 2) / (math.Pi * d * d / 4.)
			rinv[j] = 1. / (rleft + rright)
			rright = rleft
		}
	}
	area[n] = 1.e2
	rinv[n] = 1. / rright
	return area, rinv, diam
}

// pt3dIntegrator integrates diameter, area and resistance over the 3-D
// points of a section, segment by segment, as NEURON's diam_from_list.
type pt3dIntegrator struct {
	sec    *Section
	j      int
	x1, y1 float64
	ds     float64
}

func (g *pt3dIntegrator) segment(inode int, rparent float64, area, rinv, diam []float64) float64 {
	pts := g.sec.pt3d
	npt := len(pts)
	if inode == 0 {
		g.j = 0
		g.x1 = pts[0].Arc
		g.y1 = math.Abs(float64(pts[0].D))
		g.ds = pts[npt-1].Arc / float64(g.sec.nseg)
	}
	si := float64(inode) * g.ds
	ra := g.sec.ra
	var dsum, asum, ri, rleft float64
	for ihalf := 0; ihalf < 2; ihalf++ {
		ri = 0
		sip := si + float64(g.ds/2.)
		for {
			jp := g.j + 1
			xj := pts[g.j].Arc
			xjp := pts[jp].Arc
			var x2, y2 float64
			jnext := jp
			if xjp > sip || jp == npt-1 {
				var frac float64
				if math.Abs(xjp-xj) < 1e-10 {
					frac = 1
				} else {
					frac = (sip - xj) / (xjp - xj)
				}
				x2 = sip
				y2 = float64((1.-frac)*math.Abs(float64(pts[g.j].D))) + float64(frac*math.Abs(float64(pts[jp].D)))
				jnext = g.j
			} else {
				x2 = xjp
				y2 = math.Abs(float64(pts[jp].D))
			}
			delta := x2 - g.x1
			dsum += float64((y2 + g.y1) * delta)
			if delta < 1e-15 {
				delta = 1e-15
			}
			temp := y2 * g.y1 / delta
			if temp == 0 {
				temp = 1e-15
			}
			ri += 1 / temp
			temp = .5 * (y2 - g.y1)
			temp = math.Sqrt(float64(delta*delta) + float64(temp*temp))
			asum += float64((y2 + g.y1) * temp)
			g.x1, g.y1 = x2, y2
			if g.j == jnext {
				break
			}
			g.j = jnext
		}
		if ihalf == 0 {
			rleft = ri * ra / math.Pi * (4. * .01)
		} else {
			ri = ri * ra / math.Pi * (4. * .01)
		}
		si = sip
	}
	rinv[inode] = 1. / (rparent + rleft)
	dsum = float64(dsum * (.5 / g.ds))
	if math.Abs(dsum-diam[inode]) > 1e-9 || dsum < 1e-5 {
		diam[inode] = dsum
	}
	area[inode] = asum * .5 * math.Pi
	return ri
}
