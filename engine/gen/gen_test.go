package gen_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine/gen"
	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
)

var update = flag.Bool("update", false, "rewrite the kernels in internal/kernels")

const regenerate = "go test ./engine/gen/ -run TestKernelsUpToDate -update"

// TestKernelsUpToDate checks every committed kernel against the generator's
// output for its model; -update rewrites them.
func TestKernelsUpToDate(t *testing.T) {
	cases, err := testmodels.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		src, err := gen.Kernel(c.Compiled, gen.Options{Package: "kernels", Type: c.Name, Command: regenerate})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		path := filepath.Join("internal", "kernels", strings.ToLower(c.Name)+"_gen.go")
		if *update {
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, src) {
			t.Errorf("%s is out of date: %s", path, regenerate)
		}
	}
}
