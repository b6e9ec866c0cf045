package nmodl_test

import (
	"path/filepath"
	"testing"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/nmodl"
	"github.com/synaptune/synaptune/internal/benchmodels"
)

// BenchmarkFSIChannels runs a one-section cell with the compiled leak,
// nainter and kdrinter for 600 ms at dt 0.025 (24,000 steps) per iteration.
func BenchmarkFSIChannels(b *testing.B) {
	reg := engine.Builtins()
	if _, err := nmodl.LoadDir(filepath.Join("..", "..", "tuner", "models"), reg); err != nil {
		b.Fatal(err)
	}
	benchmodels.RunFSIChannels(b, reg)
}
