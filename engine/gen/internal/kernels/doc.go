// Package kernels holds the kernels that package gen's tests compare with
// the engine, generated for the models of package testmodels.
package kernels

//go:generate go run ../genkernels
