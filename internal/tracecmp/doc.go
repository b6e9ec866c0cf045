// Package tracecmp compares simulated traces with reference traces (NEURON
// goldens) sample by sample, for the project's tests.
package tracecmp
