package nmodl

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// nocmodlUpdates extracts the cnexp update statements from C code written
// by nocmodl, keyed by state, with NEURON's thread arguments removed.
func nocmodlUpdates(c string) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`(?m)^\s*(\w+) = (\w+ [+-] .*) ;$`)
	for _, m := range re.FindAllStringSubmatch(c, -1) {
		if !strings.HasPrefix(m[2], m[1]+" ") {
			continue
		}
		out[m[1]] = strings.ReplaceAll(m[2], "_threadargscomma_ ", "")
	}
	return out
}

// ourUpdates computes the cnexp update text for every "x' = f" of the
// DERIVATIVE blocks of a test file.
func ourUpdates(t *testing.T, name string) map[string]string {
	t.Helper()
	m := checkTestdata(t, name)
	out := map[string]string{}
	for _, pr := range m.File.Procs {
		if pr.Kind != ProcDerivative {
			continue
		}
		walkStmts(pr.Body, func(s Stmt) {
			a, ok := s.(*AssignStmt)
			if !ok || a.LHS.Prime == 0 {
				return
			}
			x := m.Refs[a.LHS]
			text, ok, why := CnexpUpdate(x.Name, a.RHS, func(r *VarRef) bool { return m.Refs[r] == x && r.Prime == 0 })
			if !ok {
				t.Fatalf("%s: %s", x.Name, why)
			}
			out[x.Name] = text
		})
	}
	return out
}

// TestCnexpMatchesNocmodl compares the update text with the golden
// testdata/cnexp_shapes.nocmodl, which holds the update lines of the C file
// NEURON 8.2.2's nocmodl writes for testdata/cnexp_shapes.mod (regenerate
// with: nocmodl cnexp_shapes.mod; grep -E '^\s+x[a-n] = x[a-n] '
// cnexp_shapes.c | sed 's/^ *//'). When nocmodl is installed the
// comparison is also made with a fresh translation.
func TestCnexpMatchesNocmodl(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "cnexp_shapes.nocmodl"))
	if err != nil {
		t.Fatal(err)
	}
	ours := ourUpdates(t, "cnexp_shapes.mod")
	compare := func(what string, want map[string]string) {
		if len(want) != len(ours) {
			t.Errorf("%s: %d updates, we have %d", what, len(want), len(ours))
		}
		for x, w := range want {
			if ours[x] != w {
				t.Errorf("%s: %s\n nocmodl %s\n ours    %s", what, x, w, ours[x])
			}
		}
	}
	compare("golden", nocmodlUpdates(string(golden)))

	bin, err := exec.LookPath("nocmodl")
	if err != nil {
		t.Log("nocmodl not installed; compared with the golden file only")
		return
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "cnexp_shapes.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cnexp_shapes.mod"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "cnexp_shapes.mod")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nocmodl: %v\n%s", err, out)
	}
	c, err := os.ReadFile(filepath.Join(dir, "cnexp_shapes.c"))
	if err != nil {
		t.Fatal(err)
	}
	compare("nocmodl", nocmodlUpdates(string(c)))
}
