package hoc

import (
	"os"
	"testing"
)

func TestBmtoolLocal(t *testing.T) {
	path := os.Getenv("HOC_BMTOOL")
	if path == "" {
		t.Skip("HOC_BMTOOL not set")
	}
	fb := newFake()
	fb.mechs["Gfluct2"] = nil
	delete(fb.mechs, "Gfluct2")
	in := New(fb)
	if err := in.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	t.Log(in.Templates())
	for _, name := range in.Templates() {
		o, err := in.NewObject(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		secs, err := o.SectionList("all")
		t.Log(name, secs, err)
	}
	for _, c := range fb.calls {
		t.Log(c)
	}
}
