package main

import (
	"strings"
	"testing"

	"github.com/synaptune/synaptune/internal/fusecheck"
)

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
	counts, where, err := fusecheck.Count(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const module = "github.com/synaptune/synaptune/"
	allowed := []string{module + "internal/libm.", module + "tuner/optimize."}
	checked := 0
	for fn, n := range counts {
		if !strings.HasPrefix(fn, module) {
			continue
		}
		checked++
		if n == 0 || hasAnyPrefix(fn, allowed) {
			continue
		}
		for _, at := range where[fn] {
			t.Errorf("fused multiply-add in %s at %s: write the product as float64(x*y)", fn, at)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d functions of the module in the disassembly", checked)
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
