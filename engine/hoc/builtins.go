package hoc

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/synaptune/synaptune/internal/libm"
)

// maxStringLen bounds strings built by sprint and printf.
const maxStringLen = 1 << 20

// mathFuncs are HOC's one-argument built-ins. NEURON 8.2 has no floor or
// fabs; they stay undefined here too.
var mathFuncs = map[string]func(float64) (float64, string){
	"sin":  func(x float64) (float64, string) { return math.Sin(x), "" },
	"cos":  func(x float64) (float64, string) { return math.Cos(x), "" },
	"atan": func(x float64) (float64, string) { return math.Atan(x), "" },
	"tanh": func(x float64) (float64, string) { return math.Tanh(x), "" },
	"log": func(x float64) (float64, string) {
		if x < 0 || math.IsNaN(x) {
			return 0, "log argument out of domain"
		}
		return math.Log(x), ""
	},
	"log10": func(x float64) (float64, string) {
		if x < 0 || math.IsNaN(x) {
			return 0, "log10 argument out of domain"
		}
		return math.Log10(x), ""
	},
	"exp": func(x float64) (float64, string) {
		// NEURON: exp(x) is 0 below -700 and exp(700) above 700.
		if x < -700 {
			return 0, ""
		}
		if x > 700 {
			return libm.Exp(700), ""
		}
		return libm.Exp(x), ""
	},
	"sqrt": func(x float64) (float64, string) {
		if x < 0 {
			return 0, "sqrt argument out of domain"
		}
		return math.Sqrt(x), ""
	},
	"int": func(x float64) (float64, string) {
		if x < 0 {
			return math.Trunc(x - hocEpsilon), ""
		}
		return math.Trunc(x + hocEpsilon), ""
	},
	"abs":  func(x float64) (float64, string) { return math.Abs(x), "" },
	"erf":  func(x float64) (float64, string) { return math.Erf(x), "" },
	"erfc": func(x float64) (float64, string) { return math.Erfc(x), "" },
}

// otherFuncs are the remaining built-in functions the interpreter knows.
var otherFuncs = map[string]bool{
	"atan2": true, "printf": true, "sprint": true, "numarg": true, "argtype": true,
	"load_file": true, "xopen": true, "strcmp": true, "distance": true,
	"pt3dclear": true, "pt3dadd": true, "n3d": true, "define_shape": true, "issection": true,
	"ismembrane": true, "secname": true, "object_id": true, "name_declared": true,
	"execerror": true, "nrnversion": true, "area": true, "ri": true, "sectionname": true,
}

// refusedFuncs would run programs, write files or read outside the
// template folder; template files may not call them.
var refusedFuncs = map[string]string{
	"system":            "it runs a shell command",
	"WinExec":           "it runs a program",
	"nrn_load_dll":      "it loads native code",
	"wopen":             "it opens a file for writing",
	"ropen":             "it opens a file",
	"fprint":            "it writes to a file",
	"fscan":             "it reads from a file",
	"xred":              "it reads from the terminal",
	"sred":              "it reads from the terminal",
	"getstr":            "it reads from a file",
	"chdir":             "it changes the working folder",
	"hoc_stdout":        "it redirects output to a file",
	"save_session":      "it writes a file",
	"print_session":     "it writes a file",
	"execute":           "it runs HOC code from a string",
	"execute1":          "it runs HOC code from a string",
	"load_proc":         "it searches the library path",
	"load_func":         "it searches the library path",
	"load_template":     "it searches the library path",
	"quit":              "it ends the program",
	"checkpoint":        "it writes a file",
	"saveaudit":         "it writes files",
	"coredump_on_error": "it changes process behaviour",
	"nrnmpi_init":       "it starts MPI",
}

func isBuiltinFunc(name string) bool {
	_, m := mathFuncs[name]
	_, r := refusedFuncs[name]
	return m || r || otherFuncs[name]
}

// stdLibFiles are NEURON library files that template files load for the
// GUI and run control; loading them has no effect on a cell.
var stdLibFiles = map[string]bool{
	"stdrun.hoc": true, "nrngui.hoc": true, "stdlib.hoc": true, "stdgui.hoc": true,
	"noload.hoc": true, "nrnlib.hoc": true, "import3d.hoc": false,
}

func (in *Interpreter) callBuiltin(e *env, c *Call, name string) (value, error) {
	if why, ok := refusedFuncs[name]; ok {
		return value{}, errorf(c.Pos, "%s() is not allowed in template files: %s", name, why)
	}
	if f, ok := mathFuncs[name]; ok {
		if len(c.Args) != 1 {
			return value{}, errorf(c.Pos, "%s takes one argument", name)
		}
		x, err := in.evalNum(e, c.Args[0])
		if err != nil {
			return value{}, err
		}
		v, bad := f(x)
		if bad != "" {
			return value{}, errorf(c.Pos, "%s", bad)
		}
		return num(v), nil
	}
	args, err := in.evalArgs(e, c.Args)
	if err != nil {
		return value{}, err
	}
	nArgs := func(lo, hi int) error {
		if len(args) < lo || len(args) > hi {
			if lo == hi {
				return errorf(c.Pos, "%s takes %d arguments, got %d", name, lo, len(args))
			}
			return errorf(c.Pos, "%s takes %d to %d arguments, got %d", name, lo, hi, len(args))
		}
		return nil
	}
	numArg := func(i int) (float64, error) {
		if args[i].v.kind != kNum {
			return 0, errorf(c.Args[i].Position(), "%s: argument %d must be a number", name, i+1)
		}
		return args[i].v.num, nil
	}
	strArg := func(i int) (string, error) {
		if args[i].v.kind != kStr {
			return "", errorf(c.Args[i].Position(), "%s: argument %d must be a string", name, i+1)
		}
		return args[i].v.str, nil
	}
	switch name {
	case "atan2":
		if err := nArgs(2, 2); err != nil {
			return value{}, err
		}
		a, err := numArg(0)
		if err != nil {
			return value{}, err
		}
		b, err := numArg(1)
		if err != nil {
			return value{}, err
		}
		return num(math.Atan2(a, b)), nil
	case "numarg":
		if e.fr == nil {
			return value{}, errorf(c.Pos, "numarg() outside a procedure")
		}
		return num(float64(len(e.fr.args))), nil
	case "argtype":
		if err := nArgs(1, 1); err != nil {
			return value{}, err
		}
		if e.fr == nil {
			return value{}, errorf(c.Pos, "argtype() outside a procedure")
		}
		i, err := numArg(0)
		if err != nil {
			return value{}, err
		}
		k := int(i)
		if k < 1 || k > len(e.fr.args) {
			return num(-1), nil
		}
		switch e.fr.args[k-1].v.kind {
		case kObj:
			return num(1), nil
		case kStr:
			return num(2), nil
		}
		return num(0), nil
	case "printf", "sprint":
		first := 0
		if name == "sprint" {
			if err := nArgs(2, 1<<20); err != nil {
				return value{}, err
			}
			if args[0].v.kind != kStr || args[0].set == nil {
				return value{}, errorf(c.Pos, "sprint: first argument must be a strdef")
			}
			first = 1
		}
		if len(args) <= first {
			return value{}, errorf(c.Pos, "%s needs a format string", name)
		}
		f, err := strArg(first)
		if err != nil {
			return value{}, err
		}
		vals := make([]value, 0, len(args))
		for _, a := range args[first+1:] {
			vals = append(vals, a.v)
		}
		s, err := cFormat(f, vals)
		if err != nil {
			return value{}, errorf(c.Pos, "%s: %v", name, err)
		}
		if len(s) > maxStringLen {
			return value{}, errorf(c.Pos, "%s: result longer than %d bytes", name, maxStringLen)
		}
		if name == "sprint" {
			if err := args[0].set(str(s)); err != nil {
				return value{}, wrap(c.Pos, err)
			}
			return num(1), nil
		}
		io.WriteString(in.out, s)
		return num(float64(len(s))), nil
	case "strcmp":
		if err := nArgs(2, 2); err != nil {
			return value{}, err
		}
		a, err := strArg(0)
		if err != nil {
			return value{}, err
		}
		b, err := strArg(1)
		if err != nil {
			return value{}, err
		}
		return num(float64(strings.Compare(a, b))), nil
	case "load_file", "xopen":
		return in.loadFile(c, name, args)
	case "distance":
		return in.distance(c, args)
	case "pt3dclear":
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		return num(0), wrap(c.Pos, in.b.Pt3dClear(sec.id))
	case "pt3dadd":
		if err := nArgs(4, 4); err != nil {
			return value{}, err
		}
		var xs [4]float64
		for i := range xs {
			if xs[i], err = numArg(i); err != nil {
				return value{}, err
			}
		}
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		return num(1), wrap(c.Pos, in.b.Pt3dAdd(sec.id, xs[0], xs[1], xs[2], xs[3]))
	case "define_shape":
		return num(1), wrap(c.Pos, in.b.DefineShape())
	case "issection":
		if err := nArgs(1, 1); err != nil {
			return value{}, err
		}
		s, err := strArg(0)
		if err != nil {
			return value{}, err
		}
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		pat, err := compileSecPattern(s)
		if err != nil {
			return value{}, errorf(c.Pos, "%v", err)
		}
		return boolNum(pat.match(sec.name)), nil
	case "secname":
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		return str(sec.name), nil
	case "object_id":
		if err := nArgs(1, 2); err != nil {
			return value{}, err
		}
		if args[0].v.kind != kObj {
			return value{}, errorf(c.Pos, "object_id needs an object")
		}
		if args[0].v.obj == nil {
			return num(0), nil
		}
		return value{}, errorf(c.Pos, "object_id of a non-NULL object is not supported")
	case "name_declared":
		if err := nArgs(1, 2); err != nil {
			return value{}, err
		}
		s, err := strArg(0)
		if err != nil {
			return value{}, err
		}
		r, err := in.resolveName(e, s, nil, c.Pos)
		if err != nil || r.kind == refNew {
			return num(0), nil
		}
		return num(nameDeclaredCode(r)), nil
	case "execerror":
		msg := "execerror"
		if len(args) > 0 && args[0].v.kind == kStr {
			msg = args[0].v.str
		}
		return value{}, errorf(c.Pos, "%s", msg)
	case "nrnversion":
		return str("8.2.2"), nil
	case "ismembrane":
		if err := nArgs(1, 1); err != nil {
			return value{}, err
		}
		mech, err := strArg(0)
		if err != nil {
			return value{}, err
		}
		mc, ok := in.b.(MembraneChecker)
		if !ok {
			return value{}, errorf(c.Pos, "ismembrane() needs a Builder that implements MembraneChecker")
		}
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		has, err := mc.HasMechanism(sec.id, mech)
		if err != nil {
			return value{}, wrap(c.Pos, err)
		}
		return boolNum(has), nil
	case "area", "ri":
		if err := nArgs(1, 1); err != nil {
			return value{}, err
		}
		x, err := numArg(0)
		if err != nil {
			return value{}, err
		}
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		v, err := in.b.Get(sec.id, name, x)
		return num(v), wrap(c.Pos, err)
	case "sectionname":
		if err := nArgs(1, 1); err != nil {
			return value{}, err
		}
		if args[0].v.kind != kStr || args[0].set == nil {
			return value{}, errorf(c.Pos, "sectionname: argument must be a strdef")
		}
		sec, err := in.currentSection(c.Pos)
		if err != nil {
			return value{}, err
		}
		return num(1), wrap(c.Pos, args[0].set(str(sec.name)))
	case "n3d":
		return value{}, errorf(c.Pos, "%s() is not supported yet", name)
	}
	return value{}, errorf(c.Pos, "%s undefined function", name)
}

// nameDeclaredCode is name_declared's result: 2 objref, 3 section,
// 4 strdef, 5 scalar variable, 1 anything else.
func nameDeclaredCode(r ref) float64 {
	if r.kind == refSym {
		switch r.sym.kind {
		case symObj:
			return 2
		case symSec:
			return 3
		case symStr:
			return 4
		case symVar:
			if len(r.sym.dims) == 0 {
				return 5
			}
		}
	}
	return 1
}

// loadFile implements load_file and xopen with the template-folder rule.
func (in *Interpreter) loadFile(c *Call, name string, args []arg) (value, error) {
	var path string
	switch {
	case len(args) == 1 && args[0].v.kind == kStr:
		path = args[0].v.str
	case name == "load_file" && len(args) == 2 && args[1].v.kind == kStr:
		path = args[1].v.str
	default:
		return value{}, errorf(c.Pos, "%s needs a file name", name)
	}
	base := filepath.Base(path)
	if known, ok := stdLibFiles[base]; ok && known && !strings.Contains(filepath.ToSlash(path), "/") {
		return num(1), nil
	}
	if in.root == "" {
		return value{}, errorf(c.Pos, "%s(%q): no template folder is set; files can only be loaded through LoadFile", name, path)
	}
	if filepath.IsAbs(path) {
		return value{}, errorf(c.Pos, "%s(%q): absolute paths are not allowed; files must be below %s", name, path, in.root)
	}
	full := filepath.Join(in.root, path)
	rel, err := filepath.Rel(in.root, full)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return value{}, errorf(c.Pos, "%s(%q): the file is outside the template folder %s", name, path, in.root)
	}
	if real, err := filepath.EvalSymlinks(full); err == nil {
		realRoot, err2 := filepath.EvalSymlinks(in.root)
		if err2 == nil {
			if r2, err := filepath.Rel(realRoot, real); err != nil || r2 == ".." || strings.HasPrefix(r2, ".."+string(filepath.Separator)) {
				return value{}, errorf(c.Pos, "%s(%q): the file resolves outside the template folder", name, path)
			}
		}
	}
	if _, err := os.Stat(full); err != nil {
		if _, isStd := stdLibFiles[base]; isStd {
			return value{}, errorf(c.Pos, "%s(%q): this NEURON library file is not supported", name, path)
		}
		return value{}, errorf(c.Pos, "%s(%q): %v", name, path, err)
	}
	if name == "load_file" && in.loaded[full] {
		return num(1), nil
	}
	in.loaded[full] = true
	if len(in.fileStack) > 50 {
		return value{}, errorf(c.Pos, "%s: files load each other too deeply", name)
	}
	if err := in.runFile(full, path); err != nil {
		return value{}, err
	}
	return num(1), nil
}

// distance implements distance(), distance(0, x), distance(1, x) and
// distance(x) against the current section.
func (in *Interpreter) distance(c *Call, args []arg) (value, error) {
	for i, a := range args {
		if a.v.kind != kNum {
			return value{}, errorf(c.Args[i].Position(), "distance: arguments must be numbers")
		}
	}
	sec, err := in.currentSection(c.Pos)
	if err != nil {
		return value{}, err
	}
	var mode int
	var x float64
	switch len(args) {
	case 0:
		mode, x = 0, 0
	case 1:
		mode, x = 1, args[0].v.num
	case 2:
		m := args[0].v.num
		if m < 0 || m > 1 {
			return value{}, errorf(c.Pos, "distance: first argument must be 0 or 1")
		}
		mode, x = int(m), args[1].v.num
	default:
		return value{}, errorf(c.Pos, "distance takes at most 2 arguments")
	}
	if x < 0 || x > 1 {
		return value{}, errorf(c.Pos, "distance: x = %g is outside [0, 1]", x)
	}
	if mode == 0 {
		in.originSec, in.originX, in.hasOrigin = sec, x, true
		return num(0), nil
	}
	if !in.hasOrigin || in.originSec.deleted {
		return value{}, errorf(c.Pos, "distance origin not valid: set it first with distance() or distance(0, x)")
	}
	d, err := PathDistance(in.b, in.originSec.id, in.originX, sec.id, x)
	if err != nil {
		return value{}, wrap(c.Pos, err)
	}
	return num(d), nil
}

// formatG formats like C's %.*g.
func formatG(v float64, prec int) string {
	return cFormatNum('g', "", -1, prec, v)
}

// cFormat formats like NEURON's printf/sprint: text after a '%' is
// collected until one of d o x c f e g s ends it, and that fragment is
// handed to C's sprintf with one argument (an int for d o x c, a double
// for f e g, a string for s). A second '%' before such a letter emits the
// collected text as is. Text that never meets a conversion letter is
// printed raw.
func cFormat(f string, args []value) (string, error) {
	var out, frag strings.Builder
	ai := 0
	conv := false
	for i := 0; i < len(f); i++ {
		ch := f[i]
		frag.WriteByte(ch)
		if !conv {
			if ch == '%' {
				conv = true
			}
			continue
		}
		switch ch {
		case 'l':
			continue
		case '%':
			fr := frag.String()
			out.WriteString(fr[:len(fr)-1])
		case 'd', 'o', 'x', 'c', 'f', 'e', 'g', 's':
			if ai >= len(args) {
				return "", fmt.Errorf("not enough arguments for the format")
			}
			s, err := cFragment(frag.String(), ch, args[ai])
			if err != nil {
				return "", err
			}
			ai++
			out.WriteString(s)
		default:
			continue
		}
		conv = false
		frag.Reset()
	}
	out.WriteString(frag.String())
	return out.String(), nil
}

// cFragment formats literal text followed by one C conversion, the way
// sprintf(buf, frag, arg) would with the argument type NEURON passes.
func cFragment(frag string, term byte, a value) (string, error) {
	k := strings.IndexByte(frag, '%')
	lit, spec := frag[:k], frag[k+1:]
	j := 0
	flags := ""
	for j < len(spec) && strings.IndexByte("-+ #0", spec[j]) >= 0 {
		flags += string(spec[j])
		j++
	}
	width, prec := -1, -1
	w0 := j
	for j < len(spec) && isDigit(spec[j]) {
		j++
	}
	if j > w0 {
		width, _ = strconv.Atoi(spec[w0:j])
	}
	if j < len(spec) && spec[j] == '.' {
		j++
		p0 := j
		for j < len(spec) && isDigit(spec[j]) {
			j++
		}
		prec, _ = strconv.Atoi(spec[p0:j])
	}
	for j < len(spec) && (spec[j] == 'l' || spec[j] == 'h') {
		j++
	}
	if j >= len(spec) {
		return "", fmt.Errorf("bad format %q", frag)
	}
	if width > 1000 || prec > 1000 {
		return "", fmt.Errorf("format width too large in %q", frag)
	}
	c := spec[j]
	rest := spec[j+1:]
	if strings.IndexByte(rest, '%') >= 0 {
		return "", fmt.Errorf("unsupported format %q", frag)
	}
	intTerm := term == 'd' || term == 'o' || term == 'x' || term == 'c'
	floatTerm := term == 'f' || term == 'e' || term == 'g'
	var body string
	switch {
	case term == 's' && c == 's':
		var s string
		switch a.kind {
		case kStr:
			s = a.str
		case kObj:
			s = objectName(a.obj)
		default:
			return "", fmt.Errorf("%%s needs a string argument")
		}
		if prec >= 0 && prec < len(s) {
			s = s[:prec]
		}
		body = pad(s, width, strings.Contains(flags, "-"), false)
	case intTerm && strings.IndexByte("diouxXc", c) >= 0:
		if a.kind != kNum {
			return "", fmt.Errorf("%%%c needs a number", term)
		}
		v := a.num
		if term == 'c' {
			v = float64(int8(int64(v)))
		}
		body = cFormatInt(c, flags, width, prec, v)
	case floatTerm && strings.IndexByte("feEgG", c) >= 0:
		if a.kind != kNum {
			return "", fmt.Errorf("%%%c needs a number", term)
		}
		body = cFormatNum(c, flags, width, prec, a.num)
	default:
		return "", fmt.Errorf("unsupported format %q", frag)
	}
	return lit + body + rest, nil
}

func pad(s string, width int, left, zero bool) string {
	if width <= len(s) {
		return s
	}
	fill := strings.Repeat(" ", width-len(s))
	if left {
		return s + fill
	}
	if zero {
		sign := ""
		if len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == ' ') {
			sign, s = s[:1], s[1:]
		}
		return sign + strings.Repeat("0", width-len(s)-len(sign)) + s
	}
	return fill + s
}

func cFormatInt(conv byte, flags string, width, prec int, v float64) string {
	// C's (int) conversion; out of range (and NaN) gives INT_MIN on the
	// x86-64 machines NEURON runs on.
	var n int64
	if t := math.Trunc(v); math.IsNaN(v) || t > math.MaxInt32 || t < math.MinInt32 {
		n = math.MinInt32
	} else {
		n = int64(t)
	}
	var s string
	switch conv {
	case 'd', 'i':
		s = strconv.FormatInt(n, 10)
		if n >= 0 && strings.Contains(flags, "+") {
			s = "+" + s
		} else if n >= 0 && strings.Contains(flags, " ") {
			s = " " + s
		}
	case 'u':
		s = strconv.FormatUint(uint64(uint32(n)), 10)
	case 'o':
		s = strconv.FormatUint(uint64(uint32(n)), 8)
	case 'x':
		s = strconv.FormatUint(uint64(uint32(n)), 16)
	case 'X':
		s = strings.ToUpper(strconv.FormatUint(uint64(uint32(n)), 16))
	case 'c':
		s = string([]byte{byte(n)})
	}
	if prec >= 0 {
		neg := strings.HasPrefix(s, "-")
		digits := strings.TrimLeft(s, "-+ ")
		if len(digits) < prec {
			digits = strings.Repeat("0", prec-len(digits)) + digits
		}
		if neg {
			digits = "-" + digits
		}
		s = digits
	}
	return pad(s, width, strings.Contains(flags, "-"), strings.Contains(flags, "0") && prec < 0)
}

// cFormatNum formats %g %e %f as C does (Go's verbs differ in defaults and
// in how %g chooses precision).
func cFormatNum(conv byte, flags string, width, prec int, v float64) string {
	if prec < 0 {
		prec = 6
	}
	var s string
	switch {
	case math.IsInf(v, 1):
		s = "inf"
	case math.IsInf(v, -1):
		s = "-inf"
	case math.IsNaN(v):
		s = "nan"
		if math.Signbit(v) {
			s = "-nan"
		}
	default:
		switch conv {
		case 'f', 'F':
			s = strconv.FormatFloat(v, 'f', prec, 64)
		case 'e', 'E':
			s = strconv.FormatFloat(v, 'e', prec, 64)
		case 'g', 'G':
			s = formatCG(v, prec, strings.Contains(flags, "#"))
		}
	}
	if conv == 'E' || conv == 'G' || conv == 'F' {
		s = strings.ToUpper(s)
	}
	if !strings.HasPrefix(s, "-") {
		if strings.Contains(flags, "+") {
			s = "+" + s
		} else if strings.Contains(flags, " ") {
			s = " " + s
		}
	}
	finite := !math.IsInf(v, 0) && !math.IsNaN(v)
	return pad(s, width, strings.Contains(flags, "-"), strings.Contains(flags, "0") && finite)
}

// formatCG is C's %g: precision P (0 means 1) significant digits, %e style
// when the exponent is < -4 or >= P, trailing zeros removed unless alt.
func formatCG(v float64, prec int, alt bool) string {
	if prec == 0 {
		prec = 1
	}
	if v == 0 {
		s := "0"
		if alt {
			s = "0." + strings.Repeat("0", prec-1)
		}
		if math.Signbit(v) {
			s = "-" + s
		}
		return s
	}
	es := strconv.FormatFloat(v, 'e', prec-1, 64)
	k := strings.LastIndexByte(es, 'e')
	exp, _ := strconv.Atoi(es[k+1:])
	var s string
	if exp < -4 || exp >= prec {
		mant := es[:k]
		if !alt {
			mant = trimZeros(mant)
		}
		e := es[k+1:]
		sign := e[0]
		digits := e[1:]
		if len(digits) < 2 {
			digits = "0" + digits
		}
		s = mant + "e" + string(sign) + digits
	} else {
		s = strconv.FormatFloat(v, 'f', prec-1-exp, 64)
		if !alt {
			s = trimZeros(s)
		}
	}
	return s
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
