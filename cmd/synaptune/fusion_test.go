package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fusedOps are arm64's fused multiply-add instructions, which the Go
// compiler emits for x*y + z unless the product is converted explicitly
// (float64(x*y)); fusing rounds once where NEURON's C code, built for
// x86-64, rounds twice.
var fusedOps = []string{"FMADDD", "FMSUBD", "FNMADDD", "FNMSUBD"}

// TestNoFusedMultiplyAdd builds the command for arm64 and fails if any
// function of this module other than internal/libm's exp (whose fused
// operations are glibc's, written with math.FMA) and the optimizer methods
// of tuner/optimize (which do not take part in simulating or measuring)
// contains a fused multiply-add: a simulation must round as NEURON on
// x86-64 does on every architecture, and builds with GOAMD64=v3.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "synaptune.arm64")
	build := exec.Command(gobin, "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build for arm64: %v\n%s", err, out)
	}
	out, err := exec.Command(gobin, "tool", "objdump", bin).Output()
	if err != nil {
		t.Fatalf("go tool objdump: %v", err)
	}
	const module = "github.com/synaptune/synaptune/"
	allowed := []string{module + "internal/libm.", module + "tuner/optimize."}
	fn, checked := "", 0
	var found []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "TEXT ") {
			fn = strings.Fields(line)[1]
			if strings.HasPrefix(fn, module) {
				checked++
			}
			continue
		}
		if !strings.HasPrefix(fn, module) || hasAnyPrefix(fn, allowed) {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		for _, op := range fusedOps {
			if f[3] == op {
				found = append(found, fn+" at "+f[0])
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d functions of the module in the disassembly", checked)
	}
	for _, f := range found {
		t.Errorf("fused multiply-add in %s: write the product as float64(x*y)", f)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
