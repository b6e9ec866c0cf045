package gonb

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/synaptune/synaptune/internal/nodetest"
)

// TestShimScript runs the browser-side adapter in node against a fake gonb_comm
// (testdata/shimtest.js): queued scripts get the comm object, messages wait
// for gonb_comm, falsy values survive as JSON text, sequence numbers increase,
// malformed values are dropped, and a new gonb_comm is subscribed again.
func TestShimScript(t *testing.T) {
	var got map[string]any
	nodetest.Run(t, "the adapter script", nil, &got, "testdata/shimtest.js", "shim.js")
	want := map[string]any{
		"earlyGotComm":       true,
		"sameAfterReinstall": true,
		"timersWhileWaiting": 1.0,
		"subscribed1":        []any{"w/visible"},
		"sent":               []any{[]any{"w/value", "number", false}, []any{"w/value", "number", 0.0}},
		"increasing":         true,
		"got":                []any{false, ""},
		"late":               []any{""},
		"subscribed2":        []any{"w/visible"},
		"sent2":              1.0,
		"errors":             1.0, // the value that is not JSON text
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("adapter behaviour (-want +got):\n%s", diff)
	}
}
