package nmodl

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// debianModDir is where Debian's NEURON packages install their example
// .mod files. The files are read in place, never copied into this
// repository.
const debianModDir = "/usr/share/nrn"

// TestDebianModFiles parses and checks every .mod file installed by
// Debian's NEURON packages and compares whether it can be instantiated with
// the list below.
func TestDebianModFiles(t *testing.T) {
	var files []string
	_ = filepath.WalkDir(debianModDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".mod") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skipf("no .mod files under %s (install Debian's NEURON packages)", debianModDir)
	}
	// First reason a mechanism cannot be run, by file name; "" means it
	// can be instantiated.
	want := map[string]string{
		"cabpump.mod":  "KINETIC block state is parsed but not compiled",
		"cachan1.mod":  "",
		"camchan.mod":  "",
		"capump.mod":   "",
		"invlfire.mod": "",
		"khhchan.mod":  "",
		"mcna.mod":     "SOLVE states STEADYSTATE is not supported",
		"nacaex.mod":   "",
		"nachan.mod":   "",
		"release.mod":  "KINETIC block release is parsed but not compiled",
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m := parseAndCheck(t, path, src)
		if m == nil {
			continue
		}
		got := ""
		if len(m.NotInstantiable) > 0 {
			got = m.NotInstantiable[0].Msg
		}
		w, listed := want[filepath.Base(path)]
		if !listed {
			t.Errorf("%s is not listed in this test (first reason: %q)", path, got)
			continue
		}
		if got != w {
			t.Errorf("%s: first not-instantiable reason %q, want %q", path, got, w)
		}
	}
}

func parseAndCheck(t *testing.T, path string, src []byte) *Model {
	t.Helper()
	f, err := Parse(path, src)
	if err != nil {
		t.Errorf("parse: %v", err)
		return nil
	}
	m, err := Check(f)
	if err != nil {
		t.Errorf("check %s: %v", path, err)
		return nil
	}
	return m
}

// gitModFiles reads the .mod files of revision rev from a bare git
// repository (a mirror fetched for reference, outside this repository).
func gitModFiles(t *testing.T, gitDir, rev string, keep func(string) bool) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(gitDir); err != nil {
		t.Skipf("git mirror %s is absent", gitDir)
	}
	out, err := exec.Command("git", "--git-dir", gitDir, "ls-tree", "-r", rev).Output()
	if err != nil {
		t.Skipf("git ls-tree in %s: %v", gitDir, err)
	}
	files := map[string][]byte{}
	for _, line := range strings.Split(string(out), "\n") {
		meta, path, ok := strings.Cut(line, "\t")
		if !ok || !strings.HasSuffix(path, ".mod") || !strings.Contains(meta, " blob ") || strings.HasPrefix(meta, "120000") || !keep(path) {
			continue
		}
		src, err := exec.Command("git", "--git-dir", gitDir, "show", rev+":"+path).Output()
		if err != nil {
			t.Fatalf("git show %s: %v", path, err)
		}
		files[path] = src
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestNeuronSourceModFiles checks every .mod file of NEURON 8.2.2's source
// tree when a mirror of github.com/neuronsimulator/nrn is present, and
// compiles those that can be instantiated.
func TestNeuronSourceModFiles(t *testing.T) {
	files := gitModFiles(t, "/work/.mirror/neuronsimulator+nrn/repo", "8.2.2", func(string) bool { return true })
	if len(files) < 50 {
		t.Fatalf("only %d .mod files found", len(files))
	}
	compiled := 0
	for _, path := range sortedKeys(files) {
		m := parseAndCheck(t, "nrn/"+path, files[path])
		if m == nil || m.CanInstantiate() != nil {
			continue
		}
		if _, err := Compile(m, Options{}); err != nil {
			t.Errorf("nrn/%s: %v", path, err)
			continue
		}
		compiled++
	}
	if compiled < 40 {
		t.Errorf("only %d mechanisms compiled", compiled)
	}
}

// TestBmtoolSynapseTutorialModFiles checks the .mod files of bmtool's
// synapse tuner tutorial when a mirror of github.com/cyneuro/bmtool is
// present: every file loads, and only the files with C code are refused
// at instantiation.
func TestBmtoolSynapseTutorialModFiles(t *testing.T) {
	const dir = "docs/examples/notebooks/synapses/synaptic_tuner/modfiles/"
	files := gitModFiles(t, "/work/.mirror/cyneuro+bmtool/repo", "HEAD", func(p string) bool {
		return strings.HasPrefix(p, dir)
	})
	for _, name := range []string{"GABA_A_STP.mod", "AMPA_NMDA_STP.mod", "nainter.mod", "kdrinter.mod",
		"leak.mod", "vecevent_coreneuron.mod", "Gfluct.mod"} {
		if files[dir+name] == nil {
			t.Errorf("%s missing from the mirror", name)
		}
	}
	notInstantiable := map[string]bool{"vecevent_coreneuron.mod": true, "Gfluct.mod": true}
	for _, path := range sortedKeys(files) {
		m := parseAndCheck(t, path, files[path])
		if m == nil {
			continue
		}
		base := filepath.Base(path)
		err := m.CanInstantiate()
		if notInstantiable[base] != (err != nil) {
			t.Errorf("%s: CanInstantiate = %v", base, err)
		}
		if err != nil && !bytes.Contains([]byte(err.Error()), []byte(path+":")) {
			t.Errorf("%s: error does not name the file and line: %v", base, err)
		}
	}
}

// TestCompileCorpus compiles every instantiable mechanism of the corpora
// that are present (Debian's files and bmtool's synapse tutorial): each
// must compile.
func TestCompileCorpus(t *testing.T) {
	sources := map[string][]byte{}
	_ = filepath.WalkDir(debianModDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".mod") {
			if src, err := os.ReadFile(p); err == nil {
				sources[p] = src
			}
		}
		return nil
	})
	if _, err := os.Stat("/work/.mirror/cyneuro+bmtool/repo"); err == nil {
		for p, src := range gitModFiles(t, "/work/.mirror/cyneuro+bmtool/repo", "HEAD", func(p string) bool {
			return strings.Contains(p, "synaptic_tuner/modfiles/")
		}) {
			sources[p] = src
		}
	}
	if len(sources) == 0 {
		t.Skip("no corpus present")
	}
	for _, path := range sortedKeys(sources) {
		m := parseAndCheck(t, path, sources[path])
		if m == nil || m.CanInstantiate() != nil {
			continue
		}
		if _, err := Compile(m, Options{}); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
