package hoc

import (
	"strconv"
	"strings"
)

type tokKind uint8

const (
	tEOF     tokKind = iota
	tNewline         // '\n', also produced by a // comment
	tNumber
	tString
	tIdent
	tArg // $1 $s1 $o1 $&1, $i forms
	tOp  // operators and punctuation; text holds the spelling
)

type token struct {
	kind tokKind
	pos  Pos
	text string  // identifier, operator spelling or decoded string
	num  float64 // tNumber
	// tArg: argKind is 'n' (number), 's', 'o' or '&'; argN is the index, 0 for $i.
	argKind byte
	argN    int
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tNewline:
		return "end of line"
	case tNumber:
		return "number"
	case tString:
		return "string"
	case tIdent:
		return "'" + t.text + "'"
	case tArg:
		return "argument"
	}
	return "'" + t.text + "'"
}

// lexer turns HOC source into tokens. It mirrors NEURON's hoc lexer:
// blanks are spaces and tabs, `//` ends the line, `/* */` may span lines,
// a backslash before a newline joins lines.
type lexer struct {
	file string
	src  string
	off  int
	line int
	col  int
}

func newLexer(file, src string) *lexer {
	return &lexer{file: file, src: src, line: 1, col: 1}
}

func (l *lexer) pos() Pos { return Pos{File: l.file, Line: l.line, Col: l.col} }

func (l *lexer) peekByte(k int) byte {
	if l.off+k < len(l.src) {
		return l.src[l.off+k]
	}
	return 0
}

func (l *lexer) advance() byte {
	c := l.src[l.off]
	l.off++
	if c == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
	return c
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// all lexes the whole source.
func (l *lexer) all() ([]token, error) {
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tEOF {
			return toks, nil
		}
	}
}

func (l *lexer) next() (token, error) {
	for {
		for l.off < len(l.src) && (l.src[l.off] == ' ' || l.src[l.off] == '\t') {
			l.advance()
		}
		if l.off >= len(l.src) {
			return token{kind: tEOF, pos: l.pos()}, nil
		}
		c := l.src[l.off]
		if c == '/' && l.peekByte(1) == '*' {
			start := l.pos()
			l.advance()
			l.advance()
			for {
				if l.off >= len(l.src) {
					return token{}, errorf(start, "comment not closed")
				}
				if l.src[l.off] == '*' && l.peekByte(1) == '/' {
					l.advance()
					l.advance()
					break
				}
				l.advance()
			}
			continue
		}
		if c == '\\' && (l.peekByte(1) == '\n' || l.peekByte(1) == '\r' && l.peekByte(2) == '\n') {
			l.advance()
			if l.src[l.off] == '\r' {
				l.advance()
			}
			l.advance()
			continue
		}
		break
	}
	p := l.pos()
	c := l.src[l.off]
	switch {
	case c == '.' && isDigit(l.peekByte(1)) || isDigit(c):
		return l.number(p)
	case isAlpha(c):
		start := l.off
		for l.off < len(l.src) && (isAlpha(l.src[l.off]) || isDigit(l.src[l.off])) {
			l.advance()
		}
		name := l.src[start:l.off]
		if len(name) > 255 {
			return token{}, errorf(p, "name too long")
		}
		return token{kind: tIdent, pos: p, text: name}, nil
	case c == '$':
		l.advance()
		kind := byte('n')
		switch l.peekByte(0) {
		case 'o', 's', '&':
			kind = l.advance()
		}
		if l.peekByte(0) == 'i' {
			l.advance()
			return token{kind: tArg, pos: p, argKind: kind, argN: 0, text: "$"}, nil
		}
		n := 0
		for isDigit(l.peekByte(0)) {
			n = 10*n + int(l.advance()-'0')
			if n > 1<<20 {
				return token{}, errorf(p, "argument number too large")
			}
		}
		if n == 0 {
			return token{}, errorf(p, "strange $... (expected $1, $s1, $o1 or $&1)")
		}
		return token{kind: tArg, pos: p, argKind: kind, argN: n, text: "$"}, nil
	case c == '"':
		l.advance()
		var b strings.Builder
		for {
			if l.off >= len(l.src) || l.src[l.off] == '\n' {
				return token{}, errorf(p, "missing quote")
			}
			ch := l.advance()
			if ch == '"' {
				break
			}
			if ch == '\\' {
				if l.off >= len(l.src) {
					return token{}, errorf(p, "missing quote")
				}
				e := l.advance()
				switch e {
				case 'b':
					ch = '\b'
				case 'f':
					ch = '\f'
				case 'n':
					ch = '\n'
				case 'r':
					ch = '\r'
				case 't':
					ch = '\t'
				default:
					ch = e
				}
			}
			b.WriteByte(ch)
		}
		return token{kind: tString, pos: p, text: b.String()}, nil
	case c == '\n':
		l.advance()
		return token{kind: tNewline, pos: p, text: "\n"}, nil
	case c == '\r':
		l.advance()
		if l.peekByte(0) == '\n' {
			l.advance()
		}
		return token{kind: tNewline, pos: p, text: "\n"}, nil
	case c == '/' && l.peekByte(1) == '/':
		for l.off < len(l.src) && l.src[l.off] != '\n' {
			l.advance()
		}
		if l.off < len(l.src) {
			l.advance()
		}
		return token{kind: tNewline, pos: p, text: "\n"}, nil
	}
	l.advance()
	two := func(next byte, yes, no string) token {
		if l.peekByte(0) == next {
			l.advance()
			return token{kind: tOp, pos: p, text: yes}
		}
		return token{kind: tOp, pos: p, text: no}
	}
	switch c {
	case '>':
		return two('=', ">=", ">"), nil
	case '<':
		return two('=', "<=", "<"), nil
	case '!':
		return two('=', "!=", "!"), nil
	case '=':
		return two('=', "==", "="), nil
	case '+', '-', '*', '/':
		return two('=', string(c)+"=", string(c)), nil
	case '|':
		return two('|', "||", "|"), nil
	case '&':
		return two('&', "&&", "&"), nil
	}
	if c < 0x20 || c >= 0x7f {
		return token{}, errorf(p, "unexpected character %q", rune(c))
	}
	return token{kind: tOp, pos: p, text: string(c)}, nil
}

// number scans digits [. digits] [e [sign] digits] the way NEURON's lexer
// does: an 'e' after the mantissa is always consumed.
func (l *lexer) number(p Pos) (token, error) {
	start := l.off
	for isDigit(l.peekByte(0)) {
		l.advance()
	}
	if l.peekByte(0) == '.' {
		l.advance()
		for isDigit(l.peekByte(0)) {
			l.advance()
		}
	}
	mant := l.off
	if c := l.peekByte(0); c == 'e' || c == 'E' {
		l.advance()
		if c := l.peekByte(0); isDigit(c) || c == '+' || c == '-' {
			l.advance()
			for isDigit(l.peekByte(0)) {
				l.advance()
			}
		}
	}
	text := l.src[start:l.off]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil && !isRangeErr(err) {
		// "1e" or "1e+": NEURON's sscanf reads the mantissa only.
		v, err = strconv.ParseFloat(l.src[start:mant], 64)
		if err != nil && !isRangeErr(err) {
			return token{}, errorf(p, "malformed number %q", text)
		}
	}
	return token{kind: tNumber, pos: p, num: v, text: text}, nil
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
