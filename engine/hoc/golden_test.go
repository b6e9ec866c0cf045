package hoc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNEURONGoldens runs each testdata/core/*.hoc and testdata/cells/*.hoc
// script and compares what it prints with the .out file that NEURON 8.2.2
// printed for the same script (testdata/regen-neuron.sh; never edit the
// .out files by hand).
func TestNEURONGoldens(t *testing.T) {
	files, err := filepath.Glob("testdata/core/*.hoc")
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := filepath.Glob("testdata/cells/*_test.hoc")
	files = append(files, cells...)
	if len(files) == 0 {
		t.Fatal("no golden scripts")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(f, ".hoc") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			fb := newFake()
			var out strings.Builder
			in := New(fb, WithOutput(&out))
			if err := in.LoadFile(f); err != nil {
				t.Fatalf("run: %v\noutput so far:\n%s", err, out.String())
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Errorf("output differs from NEURON (-neuron +ours):\n%s", diff)
			}
		})
	}
}
