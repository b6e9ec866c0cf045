package gen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
)

// TestKernelsUpToDate checks every committed kernel against the generator's
// output for its model (testmodels.Regenerate rewrites them).
func TestKernelsUpToDate(t *testing.T) {
	cases, err := testmodels.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		src, err := c.Kernel()
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		path := filepath.Join("internal", "kernels", strings.ToLower(c.Name)+"_gen.go")
		have, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, src) {
			t.Errorf("%s is out of date: %s", path, testmodels.Regenerate)
		}
	}
}
