package web

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/synaptune/synaptune/internal/nodetest"
)

// TestPageScript runs the embedded page script in node against a fake browser
// (testdata/pagetest.js): the comm object, the send queue, outputs replaced by
// id with their scripts run, replay of the newest value, reset, and reconnect.
func TestPageScript(t *testing.T) {
	var got map[string]any
	nodetest.Run(t, "the page script", nil, &got, "testdata/pagetest.js", "page.js")
	want := map[string]any{
		"earlyGotComm":     true,
		"url":              "ws://127.0.0.1:9999/ws?token=tok123",
		"sentBeforeOpen":   0.0,
		"sentAfterOpen":    []any{`{"kind":"comm","address":"a/value","value":1}`},
		"status":           "connected",
		"outputs":          []any{"o1:<p>y</p><script>window.ran=(window.ran||0)+10</script>", "o2:<p>z</p>"},
		"ran":              11.0,
		"got":              []any{5.0},
		"late":             []any{5.0},
		"afterReset":       0.0,
		"afterResetOn":     []any{},
		"statusAfterClose": "disconnected, retrying…",
		"retryScheduled":   1.0,
		"errors":           2.0, // the malformed message and the unknown kind
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("page behaviour (-want +got):\n%s", diff)
	}
}
