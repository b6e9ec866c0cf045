package hoc

import "math"

// assignRangeAt handles r(x) = v and r(x1:x2) = y1:y2, with or without a
// section prefix (soma.gbar_hh(0.5) = ...).
func (in *Interpreter) assignRangeAt(e *env, a *Assign, c *Call) (value, error) {
	var sec *section
	var name string
	switch f := c.Fun.(type) {
	case *Name:
		name = f.Name
	case *Field:
		s, isSec, err := in.sectionOf(e, f.X)
		if err != nil {
			return value{}, err
		}
		if !isSec {
			return value{}, errorf(c.Pos, "cannot assign to a function call")
		}
		sec, name = s, f.Name
	default:
		return value{}, errorf(c.Pos, "cannot assign to this expression")
	}
	if k := in.b.Lookup(name); k != NameRangeVar {
		if e.fr != nil && e.fr.locals[name] != nil || e.sc.syms[name] != nil {
			return value{}, errorf(c.Pos, "cannot assign to a function call")
		}
		return value{}, errorf(c.Pos, "%s is not a range variable", name)
	}
	if sec == nil {
		s, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		sec = s
	}
	y, err := in.evalNum(e, a.RHS)
	if err != nil {
		return value{}, err
	}
	if c.Span == nil {
		x, err := in.evalNum(e, c.Args[0])
		if err != nil {
			return value{}, err
		}
		if a.Op != "=" {
			old, err := in.b.Get(sec.id, name, x)
			if err != nil {
				return value{}, wrap(a.Pos, err)
			}
			if y, err = opAssign(a.Pos, a.Op, old, y); err != nil {
				return value{}, err
			}
		}
		return num(y), wrap(a.Pos, in.b.SetAt(sec.id, name, x, y))
	}
	x1, err := in.evalNum(e, c.Span.From)
	if err != nil {
		return value{}, err
	}
	x2, err := in.evalNum(e, c.Span.To)
	if err != nil {
		return value{}, err
	}
	y2, err := in.evalNum(e, a.RHS2)
	if err != nil {
		return value{}, err
	}
	y1 := y
	dx := x2 - x1
	if dx < 1e-10 {
		return value{}, errorf(c.Pos, "range variable notation r(x1:x2) requires x1 < x2")
	}
	n, err := nseg(in.b, sec.id)
	if err != nil {
		return value{}, wrap(c.Pos, err)
	}
	// NEURON visits segment centres from the one containing x1 to the one
	// containing x2 and sets those whose centre lies in [x1, x2].
	for i := 0; i < n; i++ {
		x := (float64(i) + 0.5) / float64(n)
		thet := (x - x1) / dx
		if thet < -1e-9 || thet > 1+1e-9 {
			continue
		}
		v := float64(y1*(1-thet)) + float64(y2*thet)
		if a.Op != "=" {
			old, err := in.b.Get(sec.id, name, x)
			if err != nil {
				return value{}, wrap(a.Pos, err)
			}
			if v, err = opAssign(a.Pos, a.Op, old, v); err != nil {
				return value{}, err
			}
		}
		if err := in.b.SetAt(sec.id, name, x, v); err != nil {
			return value{}, wrap(a.Pos, err)
		}
	}
	return num(y1), nil
}

// rangeOpAll applies r op= v to every segment of sec.
func (in *Interpreter) rangeOpAll(sec *section, r ref, op string, v float64) error {
	n, err := nseg(in.b, sec.id)
	if err != nil {
		return wrap(r.pos, err)
	}
	for i := 0; i < n; i++ {
		x := (float64(i) + 0.5) / float64(n)
		old, err := in.b.Get(sec.id, r.name, x)
		if err != nil {
			return wrap(r.pos, err)
		}
		nv, err := opAssign(r.pos, op, old, v)
		if err != nil {
			return err
		}
		if err := in.b.SetAt(sec.id, r.name, x, nv); err != nil {
			return wrap(r.pos, err)
		}
	}
	return nil
}

func (in *Interpreter) execConnect(e *env, c *Connect) error {
	child, err := in.evalSection(e, c.Child)
	if err != nil {
		return err
	}
	if c.ChildX == nil {
		return errorf(c.Child.Position(), "connect needs the child end, e.g. connect %s(0), parent(1)", child.name)
	}
	cx, err := in.evalNum(e, c.ChildX)
	if err != nil {
		return err
	}
	var parent *section
	var px float64
	if c.Parent != nil {
		sec, isSec, err := in.sectionOf(e, c.Parent)
		if err != nil {
			return err
		}
		if isSec {
			parent = sec
			if px, err = in.evalNum(e, c.ParentX); err != nil {
				return err
			}
		} else if px, err = in.evalNum(e, c.ParentCall); err != nil {
			return err
		}
	} else if px, err = in.evalNum(e, c.ParentX); err != nil {
		return err
	}
	if parent == nil {
		if parent, err = in.currentSection(c.Pos); err != nil {
			return err
		}
	}
	if cx != 0 && cx != 1 {
		return errorf(c.Pos, "%s must connect at position 0 or 1", child.name)
	}
	if px < 0 || px > 1 {
		return errorf(c.Pos, "%s must connect from 0<=x<=1 of parent", child.name)
	}
	for p := parent; p != nil; p = in.parentOf[p] {
		if p == child {
			return errorf(c.Pos, "connecting %s to %s would form a loop", child.name, parent.name)
		}
	}
	if err := in.b.Connect(child.id, cx, parent.id, px); err != nil {
		return wrap(c.Pos, err)
	}
	in.removeChild(child)
	if in.orient[child] != cx {
		// NEURON reverses the child list when the orientation flips
		l := in.childList[child]
		for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
			l[i], l[j] = l[j], l[i]
		}
	}
	in.parentOf[child] = parent
	in.orient[child] = cx
	in.connX[child] = px
	in.addChild(child)
	return nil
}

// ncpAbs is the connection position measured in the parent's own arc
// direction, the key of NEURON's sibling order.
func (in *Interpreter) ncpAbs(sec *section) float64 {
	x := in.connX[sec]
	if p := in.parentOf[sec]; p != nil && in.orient[p] == 1 {
		return 1 - x
	}
	return x
}

// addChild inserts sec into its parent's child list in NEURON's order:
// increasing position on the parent, the newest first among equals.
func (in *Interpreter) addChild(sec *section) {
	p := in.parentOf[sec]
	l := in.childList[p]
	x := in.ncpAbs(sec)
	i := 0
	for i < len(l) && x > in.ncpAbs(l[i]) {
		i++
	}
	l = append(l, nil)
	copy(l[i+1:], l[i:])
	l[i] = sec
	in.childList[p] = l
}

func (in *Interpreter) removeChild(sec *section) {
	p := in.parentOf[sec]
	if p == nil {
		return
	}
	l := in.childList[p]
	for i, c := range l {
		if c == sec {
			in.childList[p] = append(l[:i], l[i+1:]...)
			return
		}
	}
}

// children lists the live children of sec in NEURON's order.
func (in *Interpreter) children(sec *section) []*section {
	var ch []*section
	for _, c := range in.childList[sec] {
		if !c.deleted {
			ch = append(ch, c)
		}
	}
	return ch
}

// subtree is sec and its descendants, breadth first as NEURON lists them.
func (in *Interpreter) subtree(sec *section) []*section {
	out := []*section{sec}
	for i := 0; i < len(out); i++ {
		out = append(out, in.children(out[i])...)
	}
	return out
}

// lvalueFor resolves a loop variable, declaring it if needed.
func (in *Interpreter) loopVar(e *env, v Expr) (ref, error) {
	r, err := in.resolve(e, v)
	if err != nil {
		return ref{}, err
	}
	switch r.kind {
	case refNew:
		if err := in.set(e, r, num(0)); err != nil {
			return ref{}, err
		}
		return in.resolve(e, v)
	case refSym:
		if r.sym.kind == symVar {
			return r, nil
		}
	}
	return ref{}, errorf(v.Position(), "for loop variable must be a number variable")
}

func (in *Interpreter) loopBody(e *env, body Stmt) (stop bool, fl flow, err error) {
	if err := in.step(body.Position()); err != nil {
		return true, 0, err
	}
	stack := len(in.secStack)
	fl, err = in.exec(e, body)
	in.secStack = in.secStack[:stack]
	if err != nil {
		return true, 0, err
	}
	switch fl {
	case flowBreak:
		return true, flowNormal, nil
	case flowReturn, flowStop:
		return true, fl, nil
	}
	return false, flowNormal, nil
}

func (in *Interpreter) execForRange(e *env, s *ForRange) (flow, error) {
	r, err := in.loopVar(e, s.Var)
	if err != nil {
		return 0, err
	}
	from, err := in.evalNum(e, s.From)
	if err != nil {
		return 0, err
	}
	to, err := in.evalNum(e, s.To)
	if err != nil {
		return 0, err
	}
	end := to + hocEpsilon
	p := &r.sym.nums[r.idx]
	for *p = from; *p <= end; *p += 1 {
		if stop, fl, err := in.loopBody(e, s.Body); stop {
			return fl, err
		}
	}
	return flowNormal, nil
}

// execForSeg runs for (x) and for (x, e). The one-argument form and a
// nonzero e visit 0, every segment centre and 1; e == 0 visits only the
// centres. x advances by accumulation exactly as NEURON does.
func (in *Interpreter) execForSeg(e *env, s *ForSeg) (flow, error) {
	r, err := in.loopVar(e, s.Var)
	if err != nil {
		return 0, err
	}
	withEnds := true
	if s.Ends != nil {
		d, err := in.evalNum(e, s.Ends)
		if err != nil {
			return 0, err
		}
		withEnds = math.Abs(d) >= hocEpsilon
	}
	sec, err := in.currentSection(s.Pos)
	if err != nil {
		return 0, err
	}
	n, err := nseg(in.b, sec.id)
	if err != nil {
		return 0, wrap(s.Pos, err)
	}
	imax := n + 1
	dx := 1 / float64(n)
	p := &r.sym.nums[r.idx]
	i := 0
	*p = 0
	if !withEnds {
		i = 1
		*p = dx / 2
	}
	for ; i <= imax; i++ {
		if i == imax {
			if !withEnds {
				continue
			}
			*p = 1
		}
		var stop bool
		var fl flow
		_, err := in.withSection(sec, func() (flow, error) {
			stop, fl, err = in.loopBody(e, s.Body)
			return fl, err
		})
		if err != nil {
			return 0, err
		}
		if stop {
			return fl, nil
		}
		if i == 0 {
			*p += float64(dx / 2)
		} else if i < imax {
			*p += dx
		}
	}
	return flowNormal, nil
}

// execForall runs body for every section (inside an object: the object's
// sections), optionally filtered by a pattern that is matched like
// NEURON's forall/forsec: "objectname.*pattern.*".
func (in *Interpreter) execForall(e *env, p Pos, pattern string, body Stmt) (flow, error) {
	owner := e.sc.inst
	var pat *secPattern
	prefix := ""
	if owner != nil {
		prefix = objectName(owner)
	}
	var full string
	switch {
	case pattern != "":
		full = prefix + ".*" + pattern + ".*"
	case prefix != "":
		full = prefix + ".*"
	}
	if full != "" {
		var err error
		if pat, err = compileSecPattern(full); err != nil {
			return 0, errorf(p, "%v", err)
		}
	}
	list := make([]*section, 0, len(in.sections))
	for _, s := range in.sections {
		if owner == nil || s.owner == owner {
			list = append(list, s)
		}
	}
	return in.iterSections(e, list, pat, body)
}

func (in *Interpreter) iterSections(e *env, list []*section, pat *secPattern, body Stmt) (flow, error) {
	for _, sec := range list {
		if sec.deleted {
			continue
		}
		if pat != nil && !pat.match(sec.name) {
			continue
		}
		var stop bool
		var fl flow
		var err error
		in.withSection(sec, func() (flow, error) {
			stop, fl, err = in.loopBody(e, body)
			return fl, err
		})
		if err != nil {
			return 0, err
		}
		if stop {
			return fl, nil
		}
	}
	return flowNormal, nil
}

func (in *Interpreter) execForsec(e *env, s *Forsec) (flow, error) {
	v, err := in.eval(e, s.Arg)
	if err != nil {
		return 0, err
	}
	switch v.kind {
	case kStr:
		return in.execForall(e, s.Pos, v.str, s.Body)
	case kObj:
		sl, ok := v.obj.(*sectionList)
		if !ok {
			return 0, errorf(s.Arg.Position(), "forsec needs a string or a SectionList, found %s", objectName(v.obj))
		}
		list := append([]*section(nil), sl.secs...)
		return in.iterSections(e, list, nil, s.Body)
	}
	return 0, errorf(s.Arg.Position(), "forsec needs a string or a SectionList")
}

func (in *Interpreter) execIfsec(e *env, s *Ifsec) (flow, error) {
	v, err := in.eval(e, s.Arg)
	if err != nil {
		return 0, err
	}
	sec, err := in.currentSection(s.Pos)
	if err != nil {
		return 0, err
	}
	var hit bool
	switch v.kind {
	case kStr:
		pat, err := compileSecPattern(".*" + v.str + ".*")
		if err != nil {
			return 0, errorf(s.Arg.Position(), "%v", err)
		}
		hit = pat.match(sec.name)
	case kObj:
		sl, ok := v.obj.(*sectionList)
		if !ok {
			return 0, errorf(s.Arg.Position(), "ifsec needs a string or a SectionList")
		}
		for _, x := range sl.secs {
			if x == sec {
				hit = true
				break
			}
		}
	default:
		return 0, errorf(s.Arg.Position(), "ifsec needs a string or a SectionList")
	}
	if !hit {
		return flowNormal, nil
	}
	return in.exec(e, s.Body)
}
