package nodetest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
)

// Run runs node with args (a script and its arguments), feeding stdin when
// it is not nil, and decodes the JSON the script prints into out. Without
// node the test is skipped, except under CI=true, where it fails: CI must
// run the scripts. what names the scripts in those messages.
func Run(t testing.TB, what string, stdin any, out any, args ...string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node is required in CI to run %s", what)
		}
		t.Skipf("node not installed; %s not run", what)
	}
	cmd := exec.Command(node, args...)
	if stdin != nil {
		in, err := json.Marshal(stdin)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdin = bytes.NewReader(in)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %v: %v\n%s", args, err, stderr.String())
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("node %v printed %q: %v", args, b, err)
	}
}
