package hoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests in this file check other people's template files that are not
// part of the repository: HOC_PARSE_ALL=/some/folder go test -run Local -v
// parses every .hoc file below the folder and instantiates each template
// against a permissive fake that accepts the mechanisms the file inserts.

func TestParseAllLocal(t *testing.T) {
	root := os.Getenv("HOC_PARSE_ALL")
	if root == "" {
		t.Skip("HOC_PARSE_ALL not set")
	}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".hoc") {
			return nil
		}
		src, _ := os.ReadFile(p)
		if _, err := Parse(p, string(src)); err != nil {
			t.Errorf("parse: %v", err)
		} else {
			t.Logf("ok %s", p)
		}
		return nil
	})
}

// permissive accepts any mechanism name and any point process, for
// checking other people's templates without their mechanisms.
type permissive struct{ *fakeBuilder }

func (p permissive) Lookup(name string) NameKind {
	if k := p.fakeBuilder.Lookup(name); k != NameUnknown {
		return k
	}
	if strings.HasSuffix(name, "_ion") {
		return NameMechanism
	}
	return NameUnknown
}

func TestInstantiateAllLocal(t *testing.T) {
	root := os.Getenv("HOC_PARSE_ALL")
	if root == "" {
		t.Skip("HOC_PARSE_ALL not set")
	}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".hoc") {
			return nil
		}
		src, _ := os.ReadFile(p)
		f, err := Parse(p, string(src))
		if err != nil {
			return nil
		}
		// register every inserted mechanism and its name_suffix variables
		fb := newFake()
		var walk func(s Stmt)
		walk = func(s Stmt) {
			switch s := s.(type) {
			case *Insert:
				if _, ok := fb.mechs[s.Mech]; !ok {
					fb.mechs[s.Mech] = nil
					if !strings.HasSuffix(s.Mech, "_ion") {
						// unknown mechanisms may use any ion
						fb.ions[s.Mech] = []string{"na_ion", "k_ion", "ca_ion"}
					}
				}
			case *Block:
				for _, x := range s.Stmts {
					walk(x)
				}
			case *ProcDef:
				walk(s.Body)
			case *SecStmt:
				walk(s.Body)
			case *Forall:
				walk(s.Body)
			case *Forsec:
				walk(s.Body)
			case *Ifsec:
				walk(s.Body)
			case *If:
				walk(s.Then)
				if s.Else != nil {
					walk(s.Else)
				}
			case *ForSeg:
				walk(s.Body)
			case *ForRange:
				walk(s.Body)
			}
		}
		for _, s := range f.Stmts {
			walk(s)
		}
		// any name "x_mech" is a parameter of an inserted mech
		for _, tok := range mustTokens(string(src)) {
			if i := strings.LastIndexByte(tok, '_'); i > 0 {
				if ps, ok := fb.mechs[tok[i+1:]]; ok {
					fb.mechs[tok[i+1:]] = append(ps, tok[:i])
				}
			}
		}
		toks := mustTokens(string(src))
		for i := 0; i+1 < len(toks); i++ {
			if toks[i] == "new" && !isBuiltinClass(toks[i+1]) && !strings.Contains(string(src), "begintemplate "+toks[i+1]) {
				fb.points[toks[i+1]] = true
			}
		}
		in := New(permissive{fb})
		if err := in.LoadFile(p); err != nil {
			t.Errorf("load: %v", err)
			return nil
		}
		for _, name := range in.Templates() {
			o, err := in.NewObject(name)
			if err != nil {
				t.Errorf("new %s: %v", name, err)
				continue
			}
			all, err := o.SectionList("all")
			t.Logf("ok %s %s: %d sections in all (%v)", p, name, len(all), err)
		}
		return nil
	})
}

func mustTokens(src string) []string {
	toks, _ := newLexer("x", src).all()
	var out []string
	for _, t := range toks {
		if t.kind == tIdent {
			out = append(out, t.text)
		}
	}
	return out
}
