package tuner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// GeneralSettings are bmtool's general_settings: the protocol shared by all
// connections. Zero-valued fields of a decoded file take bmtool's defaults.
type GeneralSettings struct {
	// VClamp selects voltage clamp (true) or current clamp for the metrics.
	VClamp bool `json:"vclamp"`
	// RiseInterval is the pair of fractions of the peak between which the
	// rise time is measured, e.g. [0.1, 0.9].
	RiseInterval [2]float64 `json:"rise_interval"`
	// TStart is the time of the single event and of the first train pulse (ms).
	TStart float64 `json:"tstart"`
	// TDur is the duration recorded after TStart for a single event (ms).
	TDur float64 `json:"tdur"`
	// Threshold is the NetCon threshold (mV); inert for NetStim sources.
	Threshold float64 `json:"threshold"`
	// Delay is the NetCon delay (ms).
	Delay float64 `json:"delay"`
	// Weight is the NetCon weight.
	Weight float64 `json:"weight"`
	// Dt is the time step (ms).
	Dt float64 `json:"dt"`
	// Celsius is the temperature (°C).
	Celsius float64 `json:"celsius"`
}

// DefaultGeneralSettings returns bmtool's DEFAULT_GENERAL_SETTINGS.
func DefaultGeneralSettings() GeneralSettings {
	return GeneralSettings{VClamp: false, RiseInterval: [2]float64{0.1, 0.9}, TStart: 500, TDur: 100,
		Threshold: -15, Delay: 1.3, Weight: 1, Dt: 0.025, Celsius: 20}
}

// SpecSettings are a connection's spec_settings: where and what the synapse is.
type SpecSettings struct {
	// PostCell is the template name of the post-synaptic cell, e.g. "FSI_Cell".
	PostCell string `json:"post_cell"`
	// VClampAmp is the clamp level (mV).
	VClampAmp float64 `json:"vclamp_amp"`
	// SecX is the position of the synapse on its section.
	SecX float64 `json:"sec_x"`
	// SecID is the index of the section in the cell's `all` SectionList.
	SecID int `json:"sec_id"`
	// LevelOfDetail is the synapse mechanism, e.g. "GABA_A_STP" or "exp2syn".
	LevelOfDetail string `json:"level_of_detail"`
}

// Param is one synaptic parameter of spec_syn_param, in file order.
type Param struct {
	Name  string
	Value float64
}

// Connection is one entry of conn_type_settings.
type Connection struct {
	// Name is the connection's key, e.g. "Dep2FSI".
	Name string
	// Spec holds spec_settings.
	Spec SpecSettings
	// SynParams holds spec_syn_param in file order.
	SynParams []Param
}

// Param returns the value of a synaptic parameter.
func (c *Connection) Param(name string) (float64, bool) {
	for _, p := range c.SynParams {
		if p.Name == name {
			return p.Value, true
		}
	}
	return 0, false
}

// SetParam sets or adds a synaptic parameter.
func (c *Connection) SetParam(name string, v float64) {
	for i := range c.SynParams {
		if c.SynParams[i].Name == name {
			c.SynParams[i].Value = v
			return
		}
	}
	c.SynParams = append(c.SynParams, Param{name, v})
}

// Settings is everything bmtool's SynapseTuner takes, as one document.
type Settings struct {
	// General holds general_settings.
	General GeneralSettings
	// Connections holds conn_type_settings in file order.
	Connections []Connection
	// Connection names the active connection (bmtool's `connection`).
	Connection string
	// CurrentName is the synaptic current variable recorded (default "i").
	CurrentName string
	// OtherVarsToRecord lists more synapse variables to record.
	OtherVarsToRecord []string
	// SliderVars lists the synapse variables the interactive tuner offers
	// sliders for; empty means every numeric spec_syn_param entry.
	SliderVars []string
	// MechanismsDir is a folder of .mod files; empty means the embedded models.
	MechanismsDir string
	// TemplatesFile is a .hoc file of cell templates; empty means the embedded ones.
	TemplatesFile string
	// JSONFolder is bmtool's json_folder_path: <connection>.json files whose
	// entries update spec_syn_param.
	JSONFolder string

	// Warnings collects what bmtool would print as warnings (a parameter the
	// synapse does not have, a missing <connection>.json, ...).
	Warnings []string
}

// Lookup returns the connection with the given name.
func (s *Settings) Lookup(name string) (*Connection, error) {
	for i := range s.Connections {
		if s.Connections[i].Name == name {
			return &s.Connections[i], nil
		}
	}
	return nil, fmt.Errorf("connection %q not found in conn_type_settings (have %s)", name, strings.Join(s.ConnectionNames(), ", "))
}

// ConnectionNames returns the connection names in file order.
func (s *Settings) ConnectionNames() []string {
	out := make([]string, len(s.Connections))
	for i, c := range s.Connections {
		out[i] = c.Name
	}
	return out
}

// Clone returns a deep copy.
func (s *Settings) Clone() *Settings {
	c := *s
	c.Connections = make([]Connection, len(s.Connections))
	for i, conn := range s.Connections {
		conn.SynParams = append([]Param(nil), conn.SynParams...)
		c.Connections[i] = conn
	}
	c.OtherVarsToRecord = append([]string(nil), s.OtherVarsToRecord...)
	c.SliderVars = append([]string(nil), s.SliderVars...)
	c.Warnings = append([]string(nil), s.Warnings...)
	return &c
}

// SettingsError is a problem with a settings document, located by its key
// path (e.g. "conn_type_settings.Dep2FSI.spec_settings.sec_x").
type SettingsError struct {
	File string // the file, if the settings came from one
	Key  string // dotted key path
	Msg  string
}

// Error formats the problem as "file: key: reason".
func (e *SettingsError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// LoadSettings reads a settings JSON file (the seed demo's dictionaries as
// one object: general_settings, conn_type_settings, connection, ...).
func LoadSettings(path string) (*Settings, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	s, err := ParseSettings(data)
	if err != nil {
		var se *SettingsError
		if errors.As(err, &se) {
			se.File = path
			return nil, se
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	base := filepath.Dir(path)
	for _, p := range []*string{&s.MechanismsDir, &s.TemplatesFile, &s.JSONFolder} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	if s.JSONFolder != "" {
		if err := s.UpdateFromJSONFolder(s.JSONFolder); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// ParseSettings decodes and checks a settings document. Unknown keys, wrong
// types, missing required keys and an unknown connection are errors naming
// the key.
func ParseSettings(data []byte) (*Settings, error) {
	root, err := decodeOrdered(data)
	if err != nil {
		return nil, err
	}
	obj, ok := root.(*orderedObject)
	if !ok {
		return nil, &SettingsError{Msg: "the settings must be a JSON object"}
	}
	s := &Settings{General: DefaultGeneralSettings(), CurrentName: "i"}
	known := []string{"general_settings", "conn_type_settings", "connection", "current_name",
		"other_vars_to_record", "slider_vars", "mechanisms_dir", "templates_dir", "json_folder_path"}
	for _, kv := range obj.items {
		switch kv.key {
		case "general_settings":
			if err := parseGeneral(kv.value, &s.General); err != nil {
				return nil, err
			}
		case "conn_type_settings":
			if err := parseConnections(kv.value, s); err != nil {
				return nil, err
			}
		case "connection":
			if s.Connection, err = asString(kv.value, "connection"); err != nil {
				return nil, err
			}
		case "current_name":
			if s.CurrentName, err = asString(kv.value, "current_name"); err != nil {
				return nil, err
			}
		case "other_vars_to_record":
			if s.OtherVarsToRecord, err = asStrings(kv.value, "other_vars_to_record"); err != nil {
				return nil, err
			}
		case "slider_vars":
			if s.SliderVars, err = asStrings(kv.value, "slider_vars"); err != nil {
				return nil, err
			}
		case "mechanisms_dir":
			if s.MechanismsDir, err = asString(kv.value, "mechanisms_dir"); err != nil {
				return nil, err
			}
		case "templates_dir":
			if s.TemplatesFile, err = asString(kv.value, "templates_dir"); err != nil {
				return nil, err
			}
		case "json_folder_path":
			if s.JSONFolder, err = asString(kv.value, "json_folder_path"); err != nil {
				return nil, err
			}
		default:
			return nil, unknownKey(kv.key, kv.key, known)
		}
	}
	if len(s.Connections) == 0 {
		return nil, &SettingsError{Key: "conn_type_settings", Msg: "missing or empty: at least one connection is needed"}
	}
	if s.Connection == "" {
		s.Connection = s.Connections[0].Name
	}
	if _, err := s.Lookup(s.Connection); err != nil {
		return nil, &SettingsError{Key: "connection", Msg: err.Error()}
	}
	if s.CurrentName == "" {
		return nil, &SettingsError{Key: "current_name", Msg: "must not be empty"}
	}
	return s, nil
}

// UpdateFromJSONFolder updates each connection's spec_syn_param from
// <folder>/<connection>.json when that file exists, as bmtool's
// json_folder_path; a missing file is a warning.
func (s *Settings) UpdateFromJSONFolder(folder string) error {
	for i := range s.Connections {
		c := &s.Connections[i]
		path := filepath.Join(folder, c.Name+".json")
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			s.Warnings = append(s.Warnings, fmt.Sprintf("JSON file for %s not found.", c.Name))
			continue
		}
		if err != nil {
			return fmt.Errorf("json_folder_path: %w", err)
		}
		v, err := decodeOrdered(data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		obj, ok := v.(*orderedObject)
		if !ok {
			return &SettingsError{File: path, Msg: "must be a JSON object of synaptic parameters"}
		}
		for _, kv := range obj.items {
			f, ok := kv.value.(float64)
			if !ok {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %s is not a number; ignored", path, kv.key))
				continue
			}
			c.SetParam(kv.key, f)
		}
	}
	return nil
}

func parseGeneral(v any, g *GeneralSettings) error {
	obj, ok := v.(*orderedObject)
	if !ok {
		return &SettingsError{Key: "general_settings", Msg: "must be an object"}
	}
	known := []string{"vclamp", "rise_interval", "tstart", "tdur", "threshold", "delay", "weight", "dt", "celsius"}
	for _, kv := range obj.items {
		key := "general_settings." + kv.key
		var err error
		switch kv.key {
		case "vclamp":
			b, ok := kv.value.(bool)
			if !ok {
				return typeError(key, "true or false", kv.value)
			}
			g.VClamp = b
		case "rise_interval":
			arr, ok := kv.value.([]any)
			if !ok || len(arr) != 2 {
				return &SettingsError{Key: key, Msg: "must be a pair of fractions, e.g. [0.1, 0.9]"}
			}
			for i := range arr {
				f, ok := arr[i].(float64)
				if !ok {
					return typeError(fmt.Sprintf("%s[%d]", key, i), "a number", arr[i])
				}
				g.RiseInterval[i] = f
			}
			if !(g.RiseInterval[0] >= 0 && g.RiseInterval[0] < g.RiseInterval[1] && g.RiseInterval[1] <= 1) {
				return &SettingsError{Key: key, Msg: fmt.Sprintf("needs 0 <= low < high <= 1, got %v", g.RiseInterval)}
			}
		case "tstart":
			g.TStart, err = asNumber(kv.value, key)
		case "tdur":
			g.TDur, err = asNumber(kv.value, key)
		case "threshold":
			g.Threshold, err = asNumber(kv.value, key)
		case "delay":
			g.Delay, err = asNumber(kv.value, key)
		case "weight":
			g.Weight, err = asNumber(kv.value, key)
		case "dt":
			g.Dt, err = asNumber(kv.value, key)
		case "celsius":
			g.Celsius, err = asNumber(kv.value, key)
		default:
			return unknownKey(key, kv.key, known)
		}
		if err != nil {
			return err
		}
	}
	switch {
	case !(g.Dt > 0):
		return &SettingsError{Key: "general_settings.dt", Msg: fmt.Sprintf("must be positive, got %v", g.Dt)}
	case g.TStart < 0:
		return &SettingsError{Key: "general_settings.tstart", Msg: fmt.Sprintf("must not be negative, got %v", g.TStart)}
	case !(g.TDur > 0):
		return &SettingsError{Key: "general_settings.tdur", Msg: fmt.Sprintf("must be positive, got %v", g.TDur)}
	case g.Delay < 0:
		return &SettingsError{Key: "general_settings.delay", Msg: fmt.Sprintf("must not be negative, got %v", g.Delay)}
	}
	return nil
}

func parseConnections(v any, s *Settings) error {
	obj, ok := v.(*orderedObject)
	if !ok {
		return &SettingsError{Key: "conn_type_settings", Msg: "must be an object of connections"}
	}
	for _, kv := range obj.items {
		base := "conn_type_settings." + kv.key
		cobj, ok := kv.value.(*orderedObject)
		if !ok {
			return &SettingsError{Key: base, Msg: "must be an object with spec_settings and spec_syn_param"}
		}
		c := Connection{Name: kv.key}
		var haveSpec bool
		for _, part := range cobj.items {
			switch part.key {
			case "spec_settings":
				if err := parseSpec(part.value, base+".spec_settings", &c.Spec); err != nil {
					return err
				}
				haveSpec = true
			case "spec_syn_param":
				pobj, ok := part.value.(*orderedObject)
				if !ok {
					return &SettingsError{Key: base + ".spec_syn_param", Msg: "must be an object of parameter values"}
				}
				for _, p := range pobj.items {
					f, ok := p.value.(float64)
					if !ok {
						return typeError(base+".spec_syn_param."+p.key, "a number", p.value)
					}
					c.SynParams = append(c.SynParams, Param{p.key, f})
				}
			default:
				return unknownKey(base+"."+part.key, part.key, []string{"spec_settings", "spec_syn_param"})
			}
		}
		if !haveSpec {
			return &SettingsError{Key: base + ".spec_settings", Msg: "missing"}
		}
		s.Connections = append(s.Connections, c)
	}
	return nil
}

func parseSpec(v any, base string, sp *SpecSettings) error {
	obj, ok := v.(*orderedObject)
	if !ok {
		return &SettingsError{Key: base, Msg: "must be an object"}
	}
	known := []string{"post_cell", "vclamp_amp", "sec_x", "sec_id", "level_of_detail"}
	seen := map[string]bool{}
	for _, kv := range obj.items {
		key := base + "." + kv.key
		var err error
		switch kv.key {
		case "post_cell":
			sp.PostCell, err = asString(kv.value, key)
		case "vclamp_amp":
			sp.VClampAmp, err = asNumber(kv.value, key)
		case "sec_x":
			sp.SecX, err = asNumber(kv.value, key)
			if err == nil && !(sp.SecX >= 0 && sp.SecX <= 1) {
				err = &SettingsError{Key: key, Msg: fmt.Sprintf("must be in [0, 1], got %v", sp.SecX)}
			}
		case "sec_id":
			var f float64
			f, err = asNumber(kv.value, key)
			if err == nil && (f != math.Trunc(f) || f < 0) {
				err = &SettingsError{Key: key, Msg: fmt.Sprintf("must be a non-negative integer, got %v", f)}
			}
			sp.SecID = int(f)
		case "level_of_detail":
			sp.LevelOfDetail, err = asString(kv.value, key)
		default:
			// bmtool ignores other spec_settings keys (e.g. level_of_detail
			// companions written by BMTK); keep that, but not silently.
			return unknownKey(key, kv.key, known)
		}
		if err != nil {
			return err
		}
		seen[kv.key] = true
	}
	for _, k := range known {
		if !seen[k] {
			return &SettingsError{Key: base + "." + k, Msg: "missing"}
		}
	}
	return nil
}

func asNumber(v any, key string) (float64, error) {
	f, ok := v.(float64)
	if !ok {
		return 0, typeError(key, "a number", v)
	}
	return f, nil
}

func asString(v any, key string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", typeError(key, "a string", v)
	}
	return s, nil
}

func asStrings(v any, key string) ([]string, error) {
	arr, ok := v.([]any)
	if !ok {
		return nil, typeError(key, "a list of strings", v)
	}
	out := make([]string, len(arr))
	for i, x := range arr {
		s, ok := x.(string)
		if !ok {
			return nil, typeError(fmt.Sprintf("%s[%d]", key, i), "a string", x)
		}
		out[i] = s
	}
	return out, nil
}

func typeError(key, want string, got any) error {
	return &SettingsError{Key: key, Msg: fmt.Sprintf("want %s, got %s", want, describeJSON(got))}
}

func describeJSON(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case string:
		return fmt.Sprintf("the string %q", x)
	case []any:
		return "a list"
	case *orderedObject:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func unknownKey(path, key string, known []string) error {
	k := append([]string(nil), known...)
	sort.Strings(k)
	msg := fmt.Sprintf("unknown key %q (known keys: %s)", key, strings.Join(k, ", "))
	return &SettingsError{Key: path, Msg: msg}
}

// orderedObject is a JSON object that keeps its keys in file order.
type orderedObject struct {
	items []orderedItem
}

type orderedItem struct {
	key   string
	value any
}

// decodeOrdered decodes JSON into float64, string, bool, nil, []any and
// *orderedObject values, rejecting duplicate keys.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, "")
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &SettingsError{Msg: "unexpected data after the JSON value"}
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, path string) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonSyntax(dec, path, err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := &orderedObject{}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, jsonSyntax(dec, path, err)
				}
				key := kt.(string)
				child := key
				if path != "" {
					child = path + "." + key
				}
				if seen[key] {
					return nil, &SettingsError{Key: child, Msg: "duplicate key"}
				}
				seen[key] = true
				val, err := decodeValue(dec, child)
				if err != nil {
					return nil, err
				}
				obj.items = append(obj.items, orderedItem{key, val})
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonSyntax(dec, path, err)
			}
			return obj, nil
		case '[':
			var arr []any
			for i := 0; dec.More(); i++ {
				val, err := decodeValue(dec, fmt.Sprintf("%s[%d]", path, i))
				if err != nil {
					return nil, err
				}
				arr = append(arr, val)
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonSyntax(dec, path, err)
			}
			if arr == nil {
				arr = []any{}
			}
			return arr, nil
		}
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return nil, &SettingsError{Key: path, Msg: fmt.Sprintf("bad number %s", t)}
		}
		return f, nil
	case string, bool, nil:
		return t, nil
	}
	return nil, &SettingsError{Key: path, Msg: fmt.Sprintf("unexpected token %v", tok)}
}

func jsonSyntax(dec *json.Decoder, path string, err error) error {
	return &SettingsError{Key: path, Msg: fmt.Sprintf("invalid JSON near byte %d: %v", dec.InputOffset(), err)}
}
