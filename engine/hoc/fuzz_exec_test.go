package hoc

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzExec runs arbitrary source against the fake builder with a small
// step budget: any input must end in success or an *Error, never a panic.
func FuzzExec(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.hoc")
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(string(src))
		}
	}
	f.Add("create a, b[2]\nconnect b[1](1), a(0.5)\nb[1] { nseg = 3 insert pas g_pas(0:1) = 1:2 }\n")
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan error, 1)
		go func() {
			in := New(newFake(), WithMaxSteps(2000))
			done <- in.Exec("fuzz.hoc", src)
		}()
		select {
		case err := <-done:
			if err != nil {
				var he *Error
				if !errorsAs(err, &he) {
					t.Fatalf("error without position: %v", err)
				}
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("input runs longer than 10s")
		}
	})
}
