package hoc

import (
	"os"
	"testing"
)

// BenchmarkParse parses the Branchy test template.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/cells/branchy.hoc")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("branchy.hoc", string(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstantiate loads the Branchy template and builds one cell with
// 20 side branches against the fake builder.
func BenchmarkInstantiate(b *testing.B) {
	for b.Loop() {
		in := New(newFake())
		if err := in.LoadFile("testdata/cells/branchy.hoc"); err != nil {
			b.Fatal(err)
		}
		if _, err := in.NewObject("Branchy", 20); err != nil {
			b.Fatal(err)
		}
	}
}
