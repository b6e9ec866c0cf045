package web

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPageScript runs the embedded page script in node against a fake browser
// (testdata/pagetest.js): the comm object, the send queue, outputs replaced by
// id with their scripts run, replay of the newest value, reset, and reconnect.
func TestPageScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required in CI to test the page script")
		}
		t.Skip("node not installed; page script not run")
	}
	var stderr bytes.Buffer
	cmd := exec.Command(node, "testdata/pagetest.js", "page.js")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
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
