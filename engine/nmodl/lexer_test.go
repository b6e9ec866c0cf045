package nmodl

import (
	"strings"
	"testing"
)

func lexAll(t *testing.T, src string) []token {
	t.Helper()
	lx := newLexer("x.mod", []byte(src))
	var out []token
	for {
		tok, err := lx.next()
		if err != nil {
			t.Fatalf("lex %q: %v", src, err)
		}
		if tok.kind == tokEOF {
			return out
		}
		out = append(out, tok)
	}
}

func TestLexerTokens(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // kind:text pairs joined by spaces
	}{
		{"names and numbers", "gbar = 0.12 1e-3 .5 3. 7 2E+2",
			"name:gbar punct:= real:0.12 real:1e-3 real:.5 real:3. integer:7 real:2E+2"},
		{"exponent without digits is a name", "1e x",
			"integer:1 name:e name:x"},
		{"primes", "m' = 1 c'' n",
			"prime:m/1 punct:= integer:1 prime:c/2 name:n"},
		{"comments", "a : comment\n? another\nb",
			"name:a name:b"},
		{"comment block", "a COMMENT\n b c\nENDCOMMENT d\ne",
			"name:a name:e"},
		{"unitsoff is skipped", "UNITSOFF a UNITSON", "name:a"},
		{"operators", "a<=b>=c==d!=e&&f||!g<->h~i<j>k^l",
			"name:a punct:<= name:b punct:>= name:c punct:== name:d punct:!= name:e punct:&& name:f punct:|| punct:! name:g punct:<-> name:h punct:~ name:i punct:< name:j punct:> name:k punct:^ name:l"},
		{"upper case control words", "IF ELSE WHILE if", "name:if name:else name:while name:if"},
		{"string", `printf("t=%g: x\n", t)`,
			`name:printf punct:( string:t=%g: x\n punct:, name:t punct:)`},
		{"title takes the rest of the line", "TITLE a: b ? c\nx",
			"title:a: b ? c name:x"},
		{"verbatim", "VERBATIM\n  return;\nENDVERBATIM\nx",
			"verbatim:\n  return;\n name:x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parts []string
			for _, tok := range lexAll(t, tc.src) {
				k := map[tokKind]string{tokName: "name", tokPrime: "prime", tokInteger: "integer",
					tokReal: "real", tokString: "string", tokVerbatim: "verbatim", tokTitle: "title",
					tokPunct: "punct"}[tok.kind]
				txt := tok.text
				if tok.kind == tokPrime {
					txt += "/" + string(rune('0'+tok.prime))
				}
				parts = append(parts, k+":"+txt)
			}
			got := strings.Join(parts, " ")
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestLexerPositions(t *testing.T) {
	src := "NEURON {\r\n\tSUFFIX x\n}\nCOMMENT\nhi\nENDCOMMENT\n  y"
	toks := lexAll(t, src)
	want := []struct {
		text      string
		line, col int
	}{{"NEURON", 1, 1}, {"{", 1, 8}, {"SUFFIX", 2, 2}, {"x", 2, 9}, {"}", 3, 1}, {"y", 7, 3}}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, w := range want {
		p := toks[i].pos
		if toks[i].text != w.text || p.Line != w.line || p.Col != w.col || p.File != "x.mod" {
			t.Errorf("token %d: got %q at %v, want %q at x.mod:%d:%d", i, toks[i].text, p, w.text, w.line, w.col)
		}
	}
}

func TestLexerErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"a\n  COMMENT\nno end", "x.mod:2:3: COMMENT block has no ENDCOMMENT"},
		{"VERBATIM return; ENDVERBATIM\n", "x.mod:1:1: VERBATIM block has no ENDVERBATIM"},
		{"a = \"open", "x.mod:1:5: string has no closing '\"'"},
		{"a $ b", "x.mod:1:3: unexpected character '$'"},
	}
	for _, tc := range tests {
		lx := newLexer("x.mod", []byte(tc.src))
		var err *Error
		for {
			tok, e := lx.next()
			if e != nil {
				err = e
				break
			}
			if tok.kind == tokEOF {
				break
			}
		}
		if err == nil || err.Error() != tc.want {
			t.Errorf("lex %q: got %v, want %s", tc.src, err, tc.want)
		}
	}
}
