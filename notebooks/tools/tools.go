//go:build tools

// Package tools records the programs the notebooks need, so that go.mod pins
// their versions. It is never built.
package tools

import (
	_ "github.com/janpfeifer/gonb"
	_ "golang.org/x/tools/cmd/goimports"
)
