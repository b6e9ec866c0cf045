// Package fusecheck counts the fused multiply-add instructions in an arm64
// build, for the tests that keep them out of the simulation's arithmetic:
// Go fuses x*y + z into one instruction on arm64 (and with GOAMD64=v3)
// unless the product is converted explicitly, float64(x*y), which rounds
// once where NEURON's x86-64 build rounds twice.
package fusecheck

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Ops are arm64's fused multiply-add instructions.
var Ops = []string{"FMADDD", "FMSUBD", "FNMADDD", "FNMSUBD"}

// Count builds the package pkg (as the go command names packages, e.g.
// "." or "./internal/kernels") for linux/arm64 in the directory tmp and
// returns, for every function in the build, the number of fused
// multiply-adds in it, and for each of those the addresses where they
// are. Functions without any are present with 0.
func Count(pkg, tmp string) (map[string]int, map[string][]string, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, nil, fmt.Errorf("fusecheck: no go command: %w", err)
	}
	out := filepath.Join(tmp, "arm64.build")
	build := exec.Command(gobin, "build", "-o", out, pkg)
	build.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	if msg, err := build.CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("fusecheck: go build %s for arm64: %v\n%s", pkg, err, msg)
	}
	dump, err := exec.Command(gobin, "tool", "objdump", out).Output()
	if err != nil {
		return nil, nil, fmt.Errorf("fusecheck: go tool objdump: %w", err)
	}
	counts, where := map[string]int{}, map[string][]string{}
	fn := ""
	sc := bufio.NewScanner(bytes.NewReader(dump))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 1 && f[0] == "TEXT" {
			fn = strings.TrimSuffix(f[1], "(SB)")
			counts[fn] += 0
			continue
		}
		if len(f) < 5 {
			continue
		}
		for _, op := range Ops {
			if f[3] == op {
				counts[fn]++
				where[fn] = append(where[fn], f[0])
			}
		}
	}
	return counts, where, sc.Err()
}
