package nmodl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synaptune/synaptune/engine/nmodl"
)

func TestAll(t *testing.T) {
	var files []string
	for _, root := range []string{"/tmp/modcorpus", "/usr/share/nrn"} {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && strings.HasSuffix(p, ".mod") {
				files = append(files, p)
			}
			return nil
		})
	}
	bad := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if _, err := nmodl.Parse(f, src); err != nil {
			bad++
			t.Log(err)
		}
	}
	t.Logf("%d files, %d failed", len(files), bad)
}

func TestAllCheck(t *testing.T) {
	var files []string
	for _, root := range []string{"/tmp/modcorpus", "/usr/share/nrn"} {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && strings.HasSuffix(p, ".mod") {
				files = append(files, p)
			}
			return nil
		})
	}
	bad, ni := 0, 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		pf, err := nmodl.Parse(f, src)
		if err != nil {
			continue
		}
		m, err := nmodl.Check(pf)
		if err != nil {
			bad++
			t.Log(err)
			continue
		}
		if e := m.CanInstantiate(); e != nil {
			ni++
			if os.Getenv("SHOWNI") != "" {
				t.Log(e)
			}
		}
	}
	t.Logf("%d files, %d failed check, %d not instantiable", len(files), bad, ni)
}
