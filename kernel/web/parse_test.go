package web

import (
	"encoding/json"
	"testing"
)

func TestParseIncoming(t *testing.T) {
	tests := []struct {
		in, reason, address, value string
	}{
		{`{"kind":"comm","address":"w1/value","value":0.5}`, "", "w1/value", "0.5"},
		{`{"kind":"comm","address":"a","value":null}`, "", "a", "null"},
		{`{"kind":"comm","address":"a","value":{"x":[1,2]}}`, "", "a", `{"x":[1,2]}`},
		{`[]`, "malformed JSON", "", ""},
		{``, "malformed JSON", "", ""},
		{`{"kind":"comm","address":5,"value":1}`, "malformed JSON", "", ""},
		{`{"kind":"hello"}`, "unknown kind", "", ""},
		{`{"kind":"comm","address":"","value":1}`, "missing or overlong address", "", ""},
		{`{"kind":"comm","address":"a"}`, "missing value", "", ""},
	}
	for _, tt := range tests {
		m, reason := parseIncoming([]byte(tt.in))
		if reason != tt.reason || m.Address != tt.address || string(m.Value) != tt.value {
			t.Errorf("parseIncoming(%s) = %q %s, %q; want %q %s, %q", tt.in, m.Address, m.Value, reason, tt.address, tt.value, tt.reason)
		}
	}
}

// FuzzParseIncoming: no input panics, and an accepted message always has an
// address within the limit and a valid JSON value.
func FuzzParseIncoming(f *testing.F) {
	for _, s := range []string{
		`{"kind":"comm","address":"w1/value","value":0.5}`,
		`{"kind":"comm","address":"a","value":"\u003c/script\u003e"}`,
		`{"kind":"comm","address":"a","value":[1,{"b":null}]}`,
		`{"kind":"comm"}`, `null`, `"x"`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, reason := parseIncoming(data)
		if reason != "" {
			return
		}
		if m.Address == "" || len(m.Address) > maxAddressBytes {
			t.Errorf("accepted address %q", m.Address)
		}
		if !json.Valid(m.Value) {
			t.Errorf("accepted invalid value %q", m.Value)
		}
	})
}
