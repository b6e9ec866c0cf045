package nmodl

import (
	"fmt"
	"strings"
)

// lin4 holds the four strings nocmodl's diffeq.ypp computes for an
// expression f(x) linear in a state x: the expression itself, its
// derivative with respect to x, and a and b in f = a*x + b. "0.0" means
// zero, exactly as nocmodl compares strings.
type lin4 struct {
	expr, de, a, b string
}

const zeroStr = "0.0"

func isZero(s string) bool { return s == zeroStr }

// linearizer reproduces src/nmodl/diffeq.ypp on the expression tree.
type linearizer struct {
	state    *Symbol
	refs     func(*VarRef) *Symbol
	dInvalid bool // the derivative could not be formed
	eInvalid bool // the expression is not linear in the state
	// problem is set for constructs nocmodl's diffeq parser cannot read
	// (nocmodl 8.2.2 stops with an assertion failure on them).
	problem string
}

// atomText is the C text nocmodl emits for a literal: integers get ".0".
func atomText(n *NumberLit) string {
	if strings.ContainsAny(n.Text, ".eE") {
		return n.Text
	}
	return n.Text + ".0"
}

func (l *linearizer) lin(e Expr) lin4 {
	switch e := e.(type) {
	case *NumberLit:
		t := atomText(e)
		return lin4{t, zeroStr, zeroStr, t}
	case *VarRef:
		if e.Prime > 0 || e.Index != nil {
			l.fail("derivatives and array elements in a cnexp equation are not supported")
			return lin4{e.Name, zeroStr, zeroStr, e.Name}
		}
		if l.refs(e) == l.state {
			return lin4{e.Name, "1.0", "1.0", zeroStr}
		}
		return lin4{e.Name, zeroStr, zeroStr, e.Name}
	case *Paren:
		x := l.lin(e.X)
		r := lin4{"( " + x.expr + " )", zeroStr, zeroStr, zeroStr}
		if !isZero(x.de) {
			r.de = "( " + x.de + " )"
		}
		if !isZero(x.a) {
			r.a = "( " + x.a + " )"
		}
		if !isZero(x.b) {
			r.b = "( " + x.b + " )"
		}
		return r
	case *Call:
		var args []string
		for _, a := range e.Args {
			x := l.lin(a)
			if !isZero(x.de) {
				l.dInvalid, l.eInvalid = true, true
			}
			args = append(args, x.expr)
		}
		text := e.Name + " ( " + strings.Join(args, " , ") + " )"
		if len(args) == 0 {
			text = e.Name + " (  )"
		}
		return lin4{text, zeroStr, zeroStr, text}
	case *Unary:
		if e.Op != "-" {
			l.fail("nocmodl cannot translate operator " + e.Op + " in a cnexp equation")
			return lin4{}
		}
		x := l.lin(e.X)
		r := lin4{"- " + x.expr, zeroStr, zeroStr, zeroStr}
		if !isZero(x.de) {
			r.de = "- " + x.de
		}
		if !isZero(x.a) {
			r.a = "- " + x.a
		}
		if !isZero(x.b) {
			r.b = "- " + x.b
		}
		return r
	case *Binary:
		switch e.Op {
		case "+", "-":
			x, y := l.lin(e.X), l.lin(e.Y)
			op := e.Op
			r := lin4{x.expr + " " + op + " " + y.expr, zeroStr, zeroStr, zeroStr}
			pick := func(p, q string) string {
				switch {
				case !isZero(p) && !isZero(q):
					return p + " " + op + " " + q
				case !isZero(p):
					return p
				case !isZero(q):
					if op == "-" {
						return "( - " + q + " )"
					}
					return q
				}
				return zeroStr
			}
			r.de, r.a, r.b = pick(x.de, y.de), pick(x.a, y.a), pick(x.b, y.b)
			return r
		case "*":
			x, y := l.lin(e.X), l.lin(e.Y)
			r := lin4{x.expr + " * " + y.expr, zeroStr, zeroStr, zeroStr}
			switch {
			case !isZero(x.de) && !isZero(y.de):
				r.de = fmt.Sprintf("(( %s )*( %s ) + ( %s )*( %s ))", x.de, y.expr, x.expr, y.de)
			case !isZero(x.de):
				r.de = fmt.Sprintf("( %s )*( %s )", x.de, y.expr)
			case !isZero(y.de):
				r.de = fmt.Sprintf("( %s )*( %s )", x.expr, y.de)
			}
			switch {
			case !isZero(x.a) && !isZero(y.a):
				l.eInvalid = true
			case !isZero(x.a):
				if !isZero(y.b) {
					r.a = fmt.Sprintf("( %s )*( %s )", x.a, y.b)
				}
			case !isZero(y.a):
				if !isZero(x.b) {
					r.a = fmt.Sprintf("( %s )*( %s )", x.b, y.a)
				}
			}
			if !isZero(x.b) && !isZero(y.b) {
				r.b = fmt.Sprintf("( %s )*( %s )", x.b, y.b)
			}
			return r
		case "/":
			x, y := l.lin(e.X), l.lin(e.Y)
			r := lin4{x.expr + " / " + y.expr, zeroStr, zeroStr, zeroStr}
			if !isZero(y.de) {
				l.dInvalid = true
			} else if !isZero(x.de) {
				r.de = fmt.Sprintf("( %s ) / %s", x.de, y.expr)
			}
			if !isZero(y.a) {
				l.eInvalid = true
			} else if !isZero(x.a) {
				r.a = fmt.Sprintf("( %s ) / %s", x.a, y.expr)
			}
			if !isZero(x.b) {
				r.b = fmt.Sprintf("( %s ) / %s", x.b, y.expr)
			}
			return r
		}
		l.fail("nocmodl cannot translate operator " + e.Op + " in a cnexp equation")
		return lin4{}
	}
	l.fail(fmt.Sprintf("%T in a cnexp equation is not supported", e))
	return lin4{}
}

func (l *linearizer) fail(msg string) {
	if l.problem == "" {
		l.problem = msg
	}
	l.dInvalid, l.eInvalid = true, true
}

// CnexpUpdate returns the C text of the update nocmodl 8.2.2 generates for
// "x' = rhs" with METHOD cnexp (deriv.cpp cvode_cnexp_success): either
// "x + (1. - exp(dt*(DE)))*(- ( B ) / ( A ) - x)" or, when the equation
// does not involve x, "x - dt*(- ( B ) )". An equation whose derivative
// nocmodl can form but which is not linear in x gets nocmodl's degenerate
// text "x + (1. - exp(dt*(DE)))*( - x)". ok is false when nocmodl would
// switch the block to derivimplicit, or cannot translate the equation at
// all; why says which.
func CnexpUpdate(x string, rhs Expr, isState func(*VarRef) bool) (text string, ok bool, why string) {
	de, eq, res := cnexpParts(x, rhs, isState)
	switch {
	case res.problem != "":
		return "", false, res.problem
	case res.fallback:
		return "", false, "the derivative with respect to " + x + " cannot be formed; nocmodl uses derivimplicit"
	case de == "":
		return fmt.Sprintf("%s - dt*(%s)", x, eq), true, ""
	}
	return fmt.Sprintf("%s + (1. - exp(dt*(%s)))*(%s - %s)", x, de, eq, x), true, ""
}

// cnexpResult tells how nocmodl treats a cnexp equation.
type cnexpResult struct {
	// problem is set when nocmodl cannot translate the equation at all.
	problem string
	// fallback is set when nocmodl integrates the block with
	// derivimplicit instead ("Could not translate using cnexp method").
	fallback bool
}

// cnexpParts returns the two pieces of the cnexp update text: the
// derivative de (the rate in exp(dt*(de))) and the steady-state term eq;
// de is "" when the equation does not involve x, and eq is then the rate
// term of "x - dt*(eq)". eq is "" for an equation that is not linear in x
// although its derivative exists, as nocmodl writes it.
func cnexpParts(x string, rhs Expr, isState func(*VarRef) bool) (de, eq string, res cnexpResult) {
	var st Symbol
	l := &linearizer{state: &st, refs: func(r *VarRef) *Symbol {
		if isState(r) {
			return &st
		}
		return nil
	}}
	r := l.lin(rhs)
	switch {
	case l.problem != "":
		return "", "", cnexpResult{problem: l.problem}
	case l.dInvalid:
		return "", "", cnexpResult{fallback: true}
	case l.eInvalid:
		// cvode_eqnrhs() is NULL and the generated text has nothing
		// before " - x"
		if isZero(r.de) {
			return "", "", cnexpResult{problem: "nocmodl cannot translate this equation with cnexp"}
		}
		return r.de, "", cnexpResult{}
	}
	eqrhs := fmt.Sprintf("- ( %s ) / ( %s )", r.b, r.a)
	if isZero(r.de) {
		return "", eqrhs[:len(eqrhs)-9], cnexpResult{} // drop "/ ( 0.0 )" as nocmodl does
	}
	return r.de, eqrhs, cnexpResult{}
}
