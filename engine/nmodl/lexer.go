package nmodl

import (
	"strings"
)

// tokKind classifies a token.
type tokKind int

const (
	tokEOF      tokKind = iota
	tokName             // identifier or keyword
	tokPrime            // identifier followed by one or more primes, m'
	tokInteger          // 12
	tokReal             // 1.5, .5, 1e-3
	tokString           // "text" (Text holds the contents without quotes)
	tokVerbatim         // VERBATIM ... ENDVERBATIM (Text holds the raw lines)
	tokTitle            // TITLE rest-of-line (Text holds the title)
	tokPunct            // operators and punctuation; Text holds the spelling
)

// String names the token kind in error messages.
func (k tokKind) String() string {
	switch k {
	case tokEOF:
		return "end of file"
	case tokName:
		return "name"
	case tokPrime:
		return "derivative name"
	case tokInteger:
		return "integer"
	case tokReal:
		return "number"
	case tokString:
		return "string"
	case tokVerbatim:
		return "VERBATIM block"
	case tokTitle:
		return "TITLE"
	}
	return "punctuation"
}

// token is one lexical unit.
type token struct {
	kind  tokKind
	text  string
	prime int // number of primes for tokPrime
	pos   Pos
}

func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokName, tokInteger, tokReal:
		return "'" + t.text + "'"
	case tokPrime:
		return "'" + t.text + strings.Repeat("'", t.prime) + "'"
	case tokPunct:
		return "'" + t.text + "'"
	}
	return t.kind.String()
}

// lexer splits NMODL source into tokens following nocmodl's lex.lpp. It
// is a value type so the parser can save and restore its state.
type lexer struct {
	file string
	src  string
	off  int
	line int
	col  int
}

func newLexer(file string, src []byte) lexer {
	return lexer{file: file, src: string(src), line: 1, col: 1}
}

func (lx *lexer) pos() Pos {
	return Pos{File: lx.file, Line: lx.line, Col: lx.col, Offset: lx.off}
}

// advanceBytes moves over n bytes, keeping line and column up to date.
func (lx *lexer) advanceBytes(n int) {
	for i := 0; i < n && lx.off < len(lx.src); i++ {
		c := lx.src[lx.off]
		lx.off++
		switch {
		case c == '\n':
			lx.line++
			lx.col = 1
		case c == '\r':
			// \r\n counts once; a lone \r is a line end too.
			if lx.off < len(lx.src) && lx.src[lx.off] == '\n' {
				lx.col++
			} else {
				lx.line++
				lx.col = 1
			}
		default:
			lx.col++
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isNameChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_'
}

// skipSpace skips blanks, line ends, ':' and '?' comments, COMMENT blocks
// and the UNITSON/UNITSOFF switches (they only affect unit checking).
func (lx *lexer) skipSpace() *Error {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			lx.advanceBytes(1)
		case c == ':' || c == '?':
			for lx.off < len(lx.src) && lx.src[lx.off] != '\n' && lx.src[lx.off] != '\r' {
				lx.advanceBytes(1)
			}
		case isLetter(c):
			w := lx.peekWord()
			switch w {
			case "COMMENT":
				start := lx.pos()
				lx.advanceBytes(len(w))
				if _, ok := lx.readBlock("COMMENT"); !ok {
					return errorf(start, "COMMENT block has no ENDCOMMENT")
				}
			case "UNITSON", "UNITSOFF":
				lx.advanceBytes(len(w))
			default:
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// peekWord returns the name starting at the current offset.
func (lx *lexer) peekWord() string {
	i := lx.off
	if i >= len(lx.src) || !isLetter(lx.src[i]) {
		return ""
	}
	for i < len(lx.src) && isNameChar(lx.src[i]) {
		i++
	}
	return lx.src[lx.off:i]
}

// readBlock reads raw text after a COMMENT or VERBATIM keyword up to the
// line whose first word is END<kw>, as nocmodl's inblock does: the rest of
// the keyword's own line belongs to the block, the END line is dropped
// entirely, and reading resumes on the following line.
func (lx *lexer) readBlock(kw string) (string, bool) {
	end := "END" + kw
	var body strings.Builder
	for lx.off < len(lx.src) {
		// read one line (including its terminator)
		i := lx.off
		for i < len(lx.src) && lx.src[i] != '\n' && lx.src[i] != '\r' {
			i++
		}
		if i < len(lx.src) {
			if lx.src[i] == '\r' && i+1 < len(lx.src) && lx.src[i+1] == '\n' {
				i++
			}
			i++
		}
		line := lx.src[lx.off:i]
		lx.advanceBytes(i - lx.off)
		if firstWord(line) == end {
			return body.String(), true
		}
		body.WriteString(line)
	}
	return body.String(), false
}

// firstWord returns the leading run of letters after blanks.
func firstWord(line string) string {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	j := i
	for j < len(line) && isLetter(line[j]) {
		j++
	}
	return line[i:j]
}

// next returns the next token.
func (lx *lexer) next() (token, *Error) {
	if err := lx.skipSpace(); err != nil {
		return token{}, err
	}
	start := lx.pos()
	if lx.off >= len(lx.src) {
		return token{kind: tokEOF, pos: start}, nil
	}
	c := lx.src[lx.off]
	switch {
	case isLetter(c):
		w := lx.peekWord()
		lx.advanceBytes(len(w))
		switch w {
		case "VERBATIM":
			text, ok := lx.readBlock("VERBATIM")
			if !ok {
				return token{}, errorf(start, "VERBATIM block has no ENDVERBATIM")
			}
			return token{kind: tokVerbatim, text: text, pos: start}, nil
		case "TITLE":
			i := lx.off
			for i < len(lx.src) && lx.src[i] != '\n' && lx.src[i] != '\r' {
				i++
			}
			title := strings.TrimSpace(lx.src[lx.off:i])
			lx.advanceBytes(i - lx.off)
			return token{kind: tokTitle, text: title, pos: start}, nil
		case "IF", "ELSE", "WHILE":
			w = strings.ToLower(w)
		}
		n := 0
		for lx.off < len(lx.src) && lx.src[lx.off] == '\'' {
			lx.advanceBytes(1)
			n++
		}
		if n > 0 {
			return token{kind: tokPrime, text: w, prime: n, pos: start}, nil
		}
		return token{kind: tokName, text: w, pos: start}, nil
	case isDigit(c) || c == '.' && lx.off+1 < len(lx.src) && isDigit(lx.src[lx.off+1]):
		return lx.number(start), nil
	case c == '"':
		i := lx.off + 1
		for i < len(lx.src) && lx.src[i] != '"' {
			i++
		}
		if i >= len(lx.src) {
			return token{}, errorf(start, "string has no closing '\"'")
		}
		text := lx.src[lx.off+1 : i]
		lx.advanceBytes(i + 1 - lx.off)
		return token{kind: tokString, text: text, pos: start}, nil
	}
	for _, op := range [...]string{"<->", "<=", ">=", "==", "!=", "&&", "||", "~+"} {
		if strings.HasPrefix(lx.src[lx.off:], op) {
			lx.advanceBytes(len(op))
			return token{kind: tokPunct, text: op, pos: start}, nil
		}
	}
	if strings.IndexByte("{}()[],=+-*/^%<>!~@'&|;", c) >= 0 {
		lx.advanceBytes(1)
		return token{kind: tokPunct, text: string(c), pos: start}, nil
	}
	return token{}, errorf(start, "unexpected character %q", rune(c))
}

// number scans {D}+ as an integer, and {D}+.{D}*E?, {D}*.{D}+E?, {D}+E as a
// real, like lex.lpp.
func (lx *lexer) number(start Pos) token {
	s := lx.src
	i := lx.off
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	kind := tokInteger
	if i < len(s) && s[i] == '.' {
		kind = tokReal
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			kind = tokReal
			i = j
		}
	}
	text := s[lx.off:i]
	lx.advanceBytes(i - lx.off)
	return token{kind: kind, text: text, pos: start}
}

// readUnits reads the text of a units specification after its '(' up to
// and not including the closing ')', which is consumed. Like nocmodl's
// inputtopar the text may not span lines.
func (lx *lexer) readUnits(open Pos) (string, *Error) {
	i := lx.off
	for i < len(lx.src) && lx.src[i] != ')' && lx.src[i] != '\n' && lx.src[i] != '\r' {
		i++
	}
	if i >= len(lx.src) || lx.src[i] != ')' {
		return "", errorf(open, "units have no closing ')'")
	}
	text := lx.src[lx.off:i]
	lx.advanceBytes(i + 1 - lx.off)
	return strings.TrimSpace(text), nil
}
