package gen_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := filepath.Join("internal", "kernels")
	archive := filepath.Join(t.TempDir(), "kernels.a")
	build := exec.Command(gobin, "build", "-o", archive, "./"+dir)
	build.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build for arm64: %v\n%s", err, out)
	}
	out, err := exec.Command(gobin, "tool", "objdump", archive).Output()
	if err != nil {
		t.Fatalf("go tool objdump: %v", err)
	}
	fused := map[string]int{} // function name -> fused instructions
	fn := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 1 && f[0] == "TEXT" {
			fn = strings.TrimSuffix(f[1][strings.LastIndex(f[1], "/")+1:], "(SB)")
			fused[fn] += 0
			continue
		}
		if len(f) > 3 {
			switch f[3] {
			case "FMADDD", "FMSUBD", "FNMADDD", "FNMSUBD":
				fused[fn]++
			}
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
			header := part[:strings.Index(part, "(")+1]
			name := strings.TrimSpace(strings.TrimSuffix(header, "("))
			if strings.HasPrefix(header, "(") { // a method: (T) Name(
				recv := part[1:strings.Index(part, ")")]
				rest := part[strings.Index(part, ")")+2:]
				name = recv + "." + rest[:strings.Index(rest, "(")]
			}
			want := 8 * strings.Count(part, "libm.ExpInvLn2N")
			got, ok := fused["kernels."+name]
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
