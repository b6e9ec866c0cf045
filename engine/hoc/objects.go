package hoc

import "io"

// vector is HOC's Vector, enough for templates.
type vector struct {
	index int
	data  []float64
}

func (v *vector) className() string { return "Vector" }
func (v *vector) objIndex() int     { return v.index }

// sectionList is an ordered list of section references.
type sectionList struct {
	index int
	secs  []*section
}

func (l *sectionList) className() string { return "SectionList" }
func (l *sectionList) objIndex() int     { return l.index }

// random is HOC's Random. It records its generator and distribution so a
// model can reproduce them; drawing numbers is not supported.
type random struct {
	index     int
	Generator string    // "ACG" (NEURON's default), "MLCG", "MCellRan4", "Random123"
	Seeds     []float64 // generator arguments
	Dist      string    // distribution name, "" until one is chosen
	Params    []float64 // distribution parameters
}

func (r *random) className() string { return "Random" }
func (r *random) objIndex() int     { return r.index }

// pointProc is a point process created through the Builder.
type pointProc struct {
	class string
	index int
	id    PointID
	sec   *section
	x     float64
}

func (p *pointProc) className() string { return p.class }
func (p *pointProc) objIndex() int     { return p.index }

// list is HOC's List of object references.
type list struct {
	index int
	objs  []object
}

func (l *list) className() string { return "List" }
func (l *list) objIndex() int     { return l.index }

func isBuiltinClass(name string) bool {
	return name == "Vector" || name == "SectionList" || name == "Random" || name == "List"
}

// refusedClasses are NEURON classes a template may name but this
// interpreter does not provide.
var refusedClasses = map[string]string{
	"File":              "it reads and writes files",
	"List":              "not implemented",
	"SectionRef":        "not implemented",
	"NetCon":            "create connections from Go",
	"Graph":             "no graphics",
	"Shape":             "no graphics",
	"PlotShape":         "no graphics",
	"Matrix":            "not implemented",
	"StringFunctions":   "not implemented",
	"Impedance":         "not implemented",
	"PythonObject":      "no Python",
	"ParallelContext":   "not implemented",
	"CVode":             "not implemented",
	"Timer":             "not implemented",
	"Import3d_SWC_read": "morphology import is not supported",
	"Import3d_GUI":      "morphology import is not supported",
}

func (in *Interpreter) nextIndex(class string) int {
	i := in.classes[class]
	in.classes[class] = i + 1
	return i
}

func (in *Interpreter) newBuiltin(p Pos, class string, args []arg) (object, error) {
	nums := func(max int) ([]float64, error) {
		if len(args) > max {
			return nil, errorf(p, "new %s takes at most %d arguments", class, max)
		}
		out := make([]float64, len(args))
		for i, a := range args {
			if a.v.kind != kNum {
				return nil, errorf(p, "new %s: argument %d must be a number", class, i+1)
			}
			out[i] = a.v.num
		}
		return out, nil
	}
	switch class {
	case "Vector":
		xs, err := nums(2)
		if err != nil {
			return nil, err
		}
		v := &vector{index: in.nextIndex(class)}
		if len(xs) > 0 {
			n := int(xs[0])
			if xs[0] < 0 || xs[0] > maxElements {
				return nil, errorf(p, "new Vector(%g): bad size", xs[0])
			}
			if err := in.charge(p, int64(n)/1000); err != nil {
				return nil, err
			}
			v.data = make([]float64, n)
			if len(xs) > 1 {
				for i := range v.data {
					v.data[i] = xs[1]
				}
			}
		}
		return v, nil
	case "List":
		if len(args) > 0 {
			return nil, errorf(p, "new List(\"template\") is not supported; use new List()")
		}
		return &list{index: in.nextIndex(class)}, nil
	case "SectionList":
		if len(args) > 0 {
			return nil, errorf(p, "new SectionList() takes no arguments")
		}
		return &sectionList{index: in.nextIndex(class)}, nil
	case "Random":
		xs, err := nums(2)
		if err != nil {
			return nil, err
		}
		return &random{index: in.nextIndex(class), Generator: "ACG", Seeds: xs}, nil
	}
	return nil, errorf(p, "%s is not a template", class)
}

func (in *Interpreter) newPointProcess(p Pos, class string, args []arg) (object, error) {
	if len(args) > 1 {
		return nil, errorf(p, "new %s(x) takes one argument", class)
	}
	if len(args) == 0 {
		return nil, errorf(p, "new %s() without a location is not supported; use new %s(x) inside a section", class, class)
	}
	if args[0].v.kind != kNum {
		return nil, errorf(p, "new %s(x): x must be a number", class)
	}
	x := args[0].v.num
	if x < 0 || x > 1 {
		return nil, errorf(p, "new %s(%g): x must be in [0, 1]", class, x)
	}
	sec, err := in.currentSection(p)
	if err != nil {
		return nil, err
	}
	id, err := in.b.NewPointProcess(class, sec.id, x)
	if err != nil {
		return nil, wrap(p, err)
	}
	return &pointProc{class: class, index: in.nextIndex(class), id: id, sec: sec, x: x}, nil
}

func isPointMethod(name string) bool {
	switch name {
	case "get_loc", "has_loc", "loc", "setRandObj", "noiseFromRandom", "noiseFromRandom123":
		return true
	}
	return false
}

// callMethod runs a method of a built-in object.
func (in *Interpreter) callMethod(e *env, r ref, args []arg) (value, error) {
	p := r.pos
	numArgs := func(lo, hi int) ([]float64, error) {
		if len(args) < lo || len(args) > hi {
			return nil, errorf(p, "%s.%s: wrong number of arguments (%d)", objectName(r.obj), r.name, len(args))
		}
		out := make([]float64, len(args))
		for i, a := range args {
			if a.v.kind != kNum {
				return nil, errorf(p, "%s.%s: argument %d must be a number", objectName(r.obj), r.name, i+1)
			}
			out[i] = a.v.num
		}
		return out, nil
	}
	switch o := r.obj.(type) {
	case *vector:
		switch r.name {
		case "size":
			if _, err := numArgs(0, 0); err != nil {
				return value{}, err
			}
			return num(float64(len(o.data))), nil
		case "resize":
			xs, err := numArgs(1, 1)
			if err != nil {
				return value{}, err
			}
			if xs[0] < 0 || xs[0] > maxElements {
				return value{}, errorf(p, "Vector.resize(%g): bad size", xs[0])
			}
			n := int(xs[0])
			if err := in.charge(p, int64(n)/1000); err != nil {
				return value{}, err
			}
			if n <= len(o.data) {
				o.data = o.data[:n]
			} else {
				o.data = append(o.data, make([]float64, n-len(o.data))...)
			}
			return objv(o), nil
		case "append":
			for i, a := range args {
				switch a.v.kind {
				case kNum:
					o.data = append(o.data, a.v.num)
				case kObj:
					w, ok := a.v.obj.(*vector)
					if !ok {
						return value{}, errorf(p, "Vector.append: argument %d must be a number or a Vector", i+1)
					}
					if len(o.data)+len(w.data) > maxElements {
						return value{}, errorf(p, "Vector.append: more than %d elements", int(maxElements))
					}
					if err := in.charge(p, int64(len(w.data))/1000); err != nil {
						return value{}, err
					}
					o.data = append(o.data, w.data...)
				default:
					return value{}, errorf(p, "Vector.append: argument %d must be a number or a Vector", i+1)
				}
			}
			return objv(o), nil
		case "fill":
			xs, err := numArgs(1, 3)
			if err != nil {
				return value{}, err
			}
			lo, hi := 0, len(o.data)-1
			if len(xs) == 3 {
				lo, hi = int(xs[1]), int(xs[2])
			} else if len(xs) == 2 {
				return value{}, errorf(p, "Vector.fill takes 1 or 3 arguments")
			}
			if lo < 0 || hi >= len(o.data) {
				return value{}, errorf(p, "Vector.fill: index out of range")
			}
			for i := lo; i <= hi; i++ {
				o.data[i] = xs[0]
			}
			return objv(o), nil
		case "sum":
			if _, err := numArgs(0, 0); err != nil {
				return value{}, err
			}
			s := 0.0
			for _, v := range o.data {
				s += v
			}
			return num(s), nil
		case "x":
			xs, err := numArgs(1, 1)
			if err != nil {
				return value{}, err
			}
			i := int(xs[0] + hocEpsilon)
			if i < 0 || i >= len(o.data) {
				return value{}, errorf(p, "Vector.x index out of range")
			}
			return num(o.data[i]), nil
		}
	case *sectionList:
		switch r.name {
		case "append", "remove", "subtree", "wholetree", "children":
			if len(args) > 0 {
				return value{}, errorf(p, "SectionList.%s takes no arguments in HOC; put the section first (soma sl.%s())", r.name, r.name)
			}
			sec, err := in.currentSection(p)
			if err != nil {
				return value{}, err
			}
			switch r.name {
			case "append":
				o.secs = append(o.secs, sec)
			case "remove":
				for i, s := range o.secs {
					if s == sec {
						o.secs = append(o.secs[:i], o.secs[i+1:]...)
						return num(1), nil
					}
				}
				return value{}, errorf(p, "%s not in this section list", sec.name)
			case "subtree":
				o.secs = append(o.secs, in.subtree(sec)...)
			case "wholetree":
				root := sec
				for in.parentOf[root] != nil {
					root = in.parentOf[root]
				}
				o.secs = append(o.secs, in.subtree(root)...)
			case "children":
				o.secs = append(o.secs, in.children(sec)...)
			}
			return num(1), nil
		case "unique":
			seen := map[*section]bool{}
			kept := o.secs[:0]
			removed := 0
			for _, s := range o.secs {
				if seen[s] {
					removed++
					continue
				}
				seen[s] = true
				kept = append(kept, s)
			}
			o.secs = kept
			return num(float64(removed)), nil
		case "printnames":
			for _, s := range o.secs {
				if !s.deleted {
					io.WriteString(in.out, s.name+"\n")
				}
			}
			return num(1), nil
		case "allroots":
			for _, s := range in.sections {
				if in.parentOf[s] == nil {
					o.secs = append(o.secs, s)
				}
			}
			return num(1), nil
		}
	case *random:
		return in.randomMethod(p, o, r.name, args)
	case *list:
		return in.listMethod(p, o, r.name, args)
	case *pointProc:
		switch r.name {
		case "get_loc":
			return value{}, errorf(p, "%s.get_loc() is not supported", objectName(o))
		case "has_loc":
			return num(1), nil
		}
		return value{}, errorf(p, "%s.%s() is not supported: point process methods cannot run here", objectName(o), r.name)
	case *instance:
		return value{}, errorf(p, "%s has no method %s", objectName(o), r.name)
	}
	return value{}, errorf(p, "%s has no method %s", objectName(r.obj), r.name)
}

// randomDists maps Random's distribution methods to their parameter counts.
var randomDists = map[string][2]int{
	"uniform": {1, 2}, "normal": {2, 2}, "lognormal": {2, 2}, "negexp": {1, 1},
	"poisson": {1, 1}, "binomial": {2, 2}, "geometric": {1, 1}, "hypergeo": {2, 2},
	"discunif": {2, 2}, "erlang": {2, 2}, "weibull": {2, 2},
}

func (in *Interpreter) randomMethod(p Pos, o *random, name string, args []arg) (value, error) {
	xs := make([]float64, len(args))
	for i, a := range args {
		if a.v.kind != kNum {
			return value{}, errorf(p, "Random.%s: argument %d must be a number", name, i+1)
		}
		xs[i] = a.v.num
	}
	switch name {
	case "ACG", "MLCG", "MCellRan4", "Random123":
		o.Generator, o.Seeds = name, xs
		if name != "Random123" && len(xs) > 0 {
			return num(xs[0]), nil // NEURON returns the seed
		}
		return num(0), nil
	case "Random123_globalindex":
		return num(0), nil
	case "seq":
		return value{}, errorf(p, "Random.seq is not supported")
	case "repick", "pick":
		return value{}, errorf(p, "drawing numbers from Random is not supported (the model's generator must do it)")
	}
	if n, ok := randomDists[name]; ok {
		if len(xs) < n[0] || len(xs) > n[1] {
			return value{}, errorf(p, "Random.%s: wrong number of arguments", name)
		}
		if name == "normal" && xs[1] < 0 || name == "lognormal" && xs[1] < 0 {
			return value{}, errorf(p, "Random.%s: variance must not be negative", name)
		}
		o.Dist, o.Params = name, xs
		// NEURON returns the first sample; it cannot be drawn here, so the
		// result may be discarded but not used.
		return value{kind: kNone, str: "the sample returned by Random." + name + " (drawing is not supported)"}, nil
	}
	return value{}, errorf(p, "Random has no method %s", name)
}

func (in *Interpreter) listMethod(p Pos, l *list, name string, args []arg) (value, error) {
	index := func() (int, error) {
		if len(args) != 1 || args[0].v.kind != kNum {
			return 0, errorf(p, "List.%s needs one index", name)
		}
		i := int(args[0].v.num + hocEpsilon)
		if args[0].v.num+hocEpsilon <= -1 || i < 0 || i >= len(l.objs) {
			return 0, errorf(p, "List.%s(%g): index out of range (count %d)", name, args[0].v.num, len(l.objs))
		}
		return i, nil
	}
	objectArg := func() (object, error) {
		if len(args) != 1 || args[0].v.kind != kObj {
			return nil, errorf(p, "List.%s needs one object", name)
		}
		return args[0].v.obj, nil
	}
	switch name {
	case "append", "prepend":
		o, err := objectArg()
		if err != nil {
			return value{}, err
		}
		if o == nil {
			return value{}, errorf(p, "List.%s(NULLobject)", name)
		}
		if name == "append" {
			l.objs = append(l.objs, o)
		} else {
			l.objs = append([]object{o}, l.objs...)
		}
		return num(float64(len(l.objs))), nil
	case "count":
		return num(float64(len(l.objs))), nil
	case "o", "object":
		i, err := index()
		if err != nil {
			return value{}, err
		}
		return objv(l.objs[i]), nil
	case "remove":
		i, err := index()
		if err != nil {
			return value{}, err
		}
		l.objs = append(l.objs[:i], l.objs[i+1:]...)
		return num(float64(len(l.objs))), nil
	case "remove_all":
		l.objs = nil
		return num(0), nil
	case "index":
		o, err := objectArg()
		if err != nil {
			return value{}, err
		}
		for i, x := range l.objs {
			if x == o {
				return num(float64(i)), nil
			}
		}
		return num(-1), nil
	}
	return value{}, errorf(p, "List has no method %s", name)
}
