// Package kernels holds the kernels package gen's tests generate for the
// models of package testmodels (go test ./engine/gen/ -run TestKernelsUpToDate
// -update rewrites them).
package kernels
