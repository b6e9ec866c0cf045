package plain_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/kernel/plain"
)

func TestReportFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "report")
	var out strings.Builder
	fe, err := plain.New(plain.Options{Out: &out, Dir: dir, Head: `<script src="lib.js"></script>`})
	if err != nil {
		t.Fatal(err)
	}
	a, err := fe.DisplayHTML("<p>first</p>")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fe.DisplayHTML("<p>second</p>"); err != nil {
		t.Fatal(err)
	}
	if err := fe.UpdateHTML(a, "<p>first, updated</p>"); err != nil {
		t.Fatal(err)
	}
	_ = fe.Print("plain text\n")

	file, err := os.ReadFile(filepath.Join(dir, string(a)+".html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(file), "<p>first, updated</p>") || !strings.Contains(string(file), `<script src="lib.js">`) {
		t.Errorf("output file:\n%s", file)
	}
	index, err := os.ReadFile(fe.IndexPath())
	if err != nil {
		t.Fatal(err)
	}
	i1, i2 := strings.Index(string(index), "first, updated"), strings.Index(string(index), "second")
	if i1 < 0 || i2 < 0 || i1 > i2 {
		t.Errorf("index lacks the outputs in order:\n%s", index)
	}
	if n := strings.Count(out.String(), "[HTML output written to "); n != 2 {
		t.Errorf("%d notes about written files, want 2 (updates are silent):\n%s", n, out.String())
	}
	if !strings.HasSuffix(out.String(), "plain text\n") {
		t.Errorf("printed text missing: %q", out.String())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the report directory, want 3 (two outputs and the index)", len(entries))
	}
}

func TestNoDirectoryAndNoFrontEnd(t *testing.T) {
	var out strings.Builder
	fe, err := plain.New(plain.Options{Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := fe.DisplayHTML("<p>x</p>")
	if !strings.Contains(out.String(), "[HTML output "+string(id)+" not shown") {
		t.Errorf("no note for a dropped HTML output: %q", out.String())
	}
	if fe.Connected(context.Background()) {
		t.Error("plain front end claims a connection")
	}
	if err := fe.Send("a", 1); err != nil {
		t.Error(err)
	}
	p, err := fe.StartProgress("sweep", 3)
	if err != nil {
		t.Fatal(err)
	}
	_ = p.Finish()
	if !strings.Contains(out.String(), "\rsweep [") || !strings.HasSuffix(out.String(), "\n") {
		t.Errorf("progress bar output %q", out.String())
	}
}

func TestBadDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := plain.New(plain.Options{Dir: filepath.Join(file, "sub")}); err == nil {
		t.Error("a report directory under a file was accepted")
	}
}
