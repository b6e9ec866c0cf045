package nmodl

import (
	"strconv"
	"strings"
)

// FormatExpr renders an expression with every operation parenthesised, so
// the shape of the tree is visible (used in tests and error messages).
func FormatExpr(e Expr) string {
	var b strings.Builder
	formatExpr(&b, e)
	return b.String()
}

func formatExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *VarRef:
		b.WriteString(e.Name)
		b.WriteString(primes(e.Prime))
		if e.Index != nil {
			b.WriteByte('[')
			formatExpr(b, e.Index)
			b.WriteByte(']')
		}
	case *NumberLit:
		b.WriteString(e.Text)
	case *StringLit:
		b.WriteString(strconv.Quote(e.Text))
	case *Call:
		b.WriteString(e.Name)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			formatExpr(b, a)
		}
		b.WriteByte(')')
	case *Unary:
		b.WriteString("(" + e.Op)
		formatExpr(b, e.X)
		b.WriteByte(')')
	case *Binary:
		b.WriteByte('(')
		formatExpr(b, e.X)
		b.WriteString(" " + e.Op + " ")
		formatExpr(b, e.Y)
		b.WriteByte(')')
	case *Paren:
		b.WriteByte('(')
		formatExpr(b, e.X)
		b.WriteByte(')')
	}
}
