package hoc

import (
	"fmt"
	"strconv"
	"strings"
)

// secPattern is a compiled section-name pattern in NEURON's own regular
// expression flavour (used by issection, ifsec and forsec in 8.2):
//
//   - the whole name must match (implicit ^ and $);
//   - '.' matches any character, 'c*' zero or more of the preceding item;
//   - '<abc>' and '<a-z>' are character classes, '<^...>' negated ones;
//   - '{3-7}' matches a decimal integer in that range;
//   - '\c' is the literal c; every other character, including '[', ']',
//     '^', '$', '+' and '?', matches itself.
type secPattern struct {
	items []patItem
}

type patKind uint8

const (
	patChar patKind = iota
	patAny
	patClass
	patIntRange
)

type patItem struct {
	kind   patKind
	star   bool
	c      byte
	set    string // class members
	negate bool
	lo, hi int
}

func compileSecPattern(pat string) (*secPattern, error) {
	bad := func(why string) error {
		return fmt.Errorf("search string format error in %q: %s", pat, why)
	}
	if pat == "" {
		return nil, bad("empty pattern")
	}
	if pat[0] == '*' {
		return nil, bad("pattern starts with '*'")
	}
	sp := &secPattern{}
	for i := 0; i < len(pat); {
		c := pat[i]
		i++
		switch c {
		case '*':
			last := &sp.items[len(sp.items)-1]
			if last.kind == patIntRange {
				return nil, bad("'*' after an integer range")
			}
			last.star = true
		case '\\':
			if i >= len(pat) {
				return nil, bad("trailing backslash")
			}
			sp.items = append(sp.items, patItem{kind: patChar, c: pat[i]})
			i++
		case '.':
			sp.items = append(sp.items, patItem{kind: patAny})
		case '{':
			end := strings.IndexByte(pat[i:], '}')
			if end < 0 {
				return nil, bad("'{' without '}'")
			}
			body := pat[i : i+end]
			i += end + 1
			lo, hi, ok := parseIntRange(body)
			if !ok {
				return nil, bad("integer range must be {first-last}")
			}
			sp.items = append(sp.items, patItem{kind: patIntRange, lo: lo, hi: hi})
		case '<':
			it := patItem{kind: patClass}
			if i < len(pat) && pat[i] == '^' {
				it.negate = true
				i++
			}
			var set []byte
			first := true
			for {
				if i >= len(pat) {
					return nil, bad("'<' without '>'")
				}
				ch := pat[i]
				i++
				if ch == '>' && !first {
					break
				}
				first = false
				switch {
				case ch == '-' && len(set) > 0 && set[len(set)-1] == '\\':
					set[len(set)-1] = '-'
				case ch == '-' && len(set) > 0 && i < len(pat) && pat[i] != ']' && set[len(set)-1] <= pat[i]:
					hi := pat[i]
					i++
					for x := int(set[len(set)-1]) + 1; x <= int(hi); x++ {
						set = append(set, byte(x))
					}
				default:
					set = append(set, ch)
				}
			}
			it.set = string(set)
			sp.items = append(sp.items, it)
		default:
			sp.items = append(sp.items, patItem{kind: patChar, c: c})
		}
	}
	return sp, nil
}

func parseIntRange(s string) (lo, hi int, ok bool) {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9') && s[i] != '-' {
			return 0, 0, false
		}
	}
	// "%d-%d": an optional leading minus on each number.
	k := 0
	if k < len(s) && s[k] == '-' {
		k++
	}
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k >= len(s) || s[k] != '-' {
		return 0, 0, false
	}
	a, err1 := strconv.Atoi(s[:k])
	b, err2 := strconv.Atoi(s[k+1:])
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return a, b, true
}

// match reports whether the whole name matches.
func (sp *secPattern) match(name string) bool {
	return matchItems(sp.items, name)
}

func (it *patItem) one(c byte) bool {
	switch it.kind {
	case patChar:
		return c == it.c
	case patAny:
		return true
	case patClass:
		return strings.IndexByte(it.set, c) >= 0 != it.negate
	}
	return false
}

func matchItems(items []patItem, s string) bool {
	for len(items) > 0 {
		it := &items[0]
		if it.star {
			// greedy, then back off one character at a time
			n := 0
			for n < len(s) && it.one(s[n]) {
				n++
			}
			for ; n >= 0; n-- {
				if matchItems(items[1:], s[n:]) {
					return true
				}
			}
			return false
		}
		if it.kind == patIntRange {
			if len(s) == 0 || s[0] < '0' || s[0] > '9' {
				return false
			}
			n, k := 0, 0
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				if n < 1<<40 {
					n = 10*n + int(s[k]-'0')
				}
				k++
			}
			if n < it.lo || n > it.hi {
				return false
			}
			s = s[k:]
			items = items[1:]
			continue
		}
		if len(s) == 0 || !it.one(s[0]) {
			return false
		}
		s = s[1:]
		items = items[1:]
	}
	return len(s) == 0
}
