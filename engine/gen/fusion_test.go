package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/internal/fusecheck"
)

// TestKernelsFuseOnlyExp builds the kernels for arm64, where Go fuses
// x*y + z into one instruction unless the product is converted explicitly,
// and checks that each function's fused multiply-adds are exactly those of
// the exponentials written out in it (eight each, glibc's, written with
// math.FMA): every other product that feeds a sum must round as NEURON's
// x86-64 build rounds it.
func TestKernelsFuseOnlyExp(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the kernels")
	}
	dir := filepath.Join("internal", "kernels")
	counts, _, err := fusecheck.Count("./"+dir, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fused := map[string]int{} // by the function's name in package kernels
	for fn, n := range counts {
		if i := strings.LastIndex(fn, "/kernels."); i >= 0 {
			fused[fn[i+len("/kernels."):]] = n
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*_gen.go"))
	if err != nil || len(files) < 6 {
		t.Fatalf("kernel files: %v %v", files, err)
	}
	checked := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// each function of the file: its name and its written-out exps
		for _, part := range strings.Split(string(src), "\nfunc ")[1:] {
			name := part[:strings.Index(part, "(")]
			if name == "" { // a method: (T) Name(
				recv := part[1:strings.Index(part, ")")]
				rest := part[strings.Index(part, ")")+2:]
				name = recv + "." + rest[:strings.Index(rest, "(")]
			}
			want := 8 * strings.Count(part, "rt.ExpInvLn2N")
			got, ok := fused[name]
			if !ok {
				t.Errorf("%s: function %s not in the arm64 build", file, name)
				continue
			}
			if got != want {
				t.Errorf("%s: %s has %d fused multiply-adds on arm64, its exponentials %d", file, name, got, want)
			}
			checked++
		}
	}
	if checked < 12 {
		t.Errorf("checked only %d functions", checked)
	}
}
