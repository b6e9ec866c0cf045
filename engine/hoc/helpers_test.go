package hoc

import (
	"errors"
	"strings"
	"testing"
)

// runHOC runs src against a fresh fake builder and returns printed output.
func runHOC(t *testing.T, src string) (string, *fakeBuilder, *Interpreter, error) {
	t.Helper()
	fb := newFake()
	var out strings.Builder
	in := New(fb, WithOutput(&out))
	err := in.Exec("test.hoc", src)
	return out.String(), fb, in, err
}

func errorsAs(err error, target **Error) bool { return errors.As(err, target) }
