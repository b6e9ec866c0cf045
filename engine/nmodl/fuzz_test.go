package nmodl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to Parse, Check and Compile: they must
// return a result or a positioned error, never panic.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.mod"))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"NEURON { SUFFIX a }\nBREAKPOINT { SOLVE s METHOD cnexp }",
		"FUNCTION f(x) { f = -x^2^-1 + (1 (mV)) }",
		"KINETIC k { ~ a + 2 b <-> c (1, 2) ~ a << (3) ~ b -> (1) }",
		"PARAMETER { a[2] (mV) <0,1> }",
		"VERBATIM\nx\nENDVERBATIM\nCOMMENT\nENDCOMMENT",
		"NET_RECEIVE (w) { INITIAL { w = 1 } net_send(1, 2) }",
		"UNITS { (mV) = (millivolt) F = (faraday) (coulomb) }",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.mod", src)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "fuzz.mod:") {
				t.Fatalf("parse error without position: %v", err)
			}
			return
		}
		m, err := Check(file)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("check error is not an ErrorList: %v", err)
			}
			return
		}
		if m.CanInstantiate() != nil {
			return
		}
		// compiling must not panic either (running could loop forever)
		_, _ = Compile(m, Options{})
	})
}
