// Command genkernels writes the kernels of package kernels from the models
// of package testmodels: go generate ./engine/gen/internal/kernels/ (it
// does not need the old kernels to compile).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/synaptune/synaptune/engine/gen/internal/testmodels"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "genkernels:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	cases, err := testmodels.All()
	if err != nil {
		return err
	}
	for _, c := range cases {
		src, err := c.Kernel()
		if err != nil {
			return err
		}
		path := filepath.Join(dir, strings.ToLower(c.Name)+"_gen.go")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	src, err := testmodels.Probes()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, testmodels.ProbeFile), src, 0o644)
}
