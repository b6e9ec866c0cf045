// Package nodetest runs the project's browser-side scripts in Node.js from
// Go tests, against the fake pages kept in each package's testdata.
package nodetest
