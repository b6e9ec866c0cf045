package interactive

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/synaptune/synaptune/tuner"
)

// orderedObject writes a JSON object with its keys in the order added.
type orderedObject struct {
	b     bytes.Buffer
	err   error
	count int
}

func (o *orderedObject) add(key string, value any) {
	if o.err != nil {
		return
	}
	k, err := json.Marshal(key)
	if err != nil {
		o.err = err
		return
	}
	var v []byte
	if raw, ok := value.(json.RawMessage); ok {
		v = raw
	} else if v, err = json.Marshal(value); err != nil {
		o.err = fmt.Errorf("settings JSON: %s: %w", key, err)
		return
	}
	if o.count == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	o.count++
	o.b.Write(k)
	o.b.WriteByte(':')
	o.b.Write(v)
}

func (o *orderedObject) bytes() (json.RawMessage, error) {
	if o.err != nil {
		return nil, o.err
	}
	if o.count == 0 {
		return json.RawMessage("{}"), nil
	}
	return append(o.b.Bytes(), '}'), nil
}

// SettingsJSON writes s as a settings document with bmtool's keys, in the
// order bmtool's demo uses, that tuner.ParseSettings reads back to the same
// settings: general_settings, conn_type_settings (spec_settings and
// spec_syn_param of each connection, in file order), connection,
// current_name, other_vars_to_record, slider_vars, and the model folders when
// set. json_folder_path is left out: its values are already in
// spec_syn_param.
func SettingsJSON(s *tuner.Settings) ([]byte, error) {
	g := s.General
	var general orderedObject
	general.add("vclamp", g.VClamp)
	general.add("rise_interval", g.RiseInterval)
	general.add("tstart", g.TStart)
	general.add("tdur", g.TDur)
	general.add("threshold", g.Threshold)
	general.add("delay", g.Delay)
	general.add("weight", g.Weight)
	general.add("dt", g.Dt)
	general.add("celsius", g.Celsius)

	var conns orderedObject
	for _, c := range s.Connections {
		var spec, params, conn orderedObject
		spec.add("post_cell", c.Spec.PostCell)
		spec.add("vclamp_amp", c.Spec.VClampAmp)
		spec.add("sec_x", c.Spec.SecX)
		spec.add("sec_id", c.Spec.SecID)
		spec.add("level_of_detail", c.Spec.LevelOfDetail)
		for _, p := range c.SynParams {
			params.add(p.Name, p.Value)
		}
		sp, err := spec.bytes()
		if err != nil {
			return nil, err
		}
		pp, err := params.bytes()
		if err != nil {
			return nil, err
		}
		conn.add("spec_settings", sp)
		conn.add("spec_syn_param", pp)
		cb, err := conn.bytes()
		if err != nil {
			return nil, err
		}
		conns.add(c.Name, cb)
	}
	gb, err := general.bytes()
	if err != nil {
		return nil, err
	}
	cb, err := conns.bytes()
	if err != nil {
		return nil, err
	}
	var doc orderedObject
	doc.add("general_settings", gb)
	doc.add("conn_type_settings", cb)
	doc.add("connection", s.Connection)
	doc.add("current_name", s.CurrentName)
	doc.add("other_vars_to_record", nonNil(s.OtherVarsToRecord))
	doc.add("slider_vars", nonNil(s.SliderVars))
	if s.MechanismsDir != "" {
		doc.add("mechanisms_dir", s.MechanismsDir)
	}
	if s.TemplatesFile != "" {
		doc.add("templates_dir", s.TemplatesFile)
	}
	raw, err := doc.bytes()
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, fmt.Errorf("settings JSON: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
