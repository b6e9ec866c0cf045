package tuner

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSeedSettings(t *testing.T) {
	data, err := os.ReadFile("models/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseSettings(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.ConnectionNames(), []string{"Fac2FSI", "Dep2FSI"}; !cmp.Equal(got, want) {
		t.Errorf("connections %v, want %v (file order)", got, want)
	}
	if s.Connection != "Dep2FSI" || s.CurrentName != "i" {
		t.Errorf("connection %q current %q", s.Connection, s.CurrentName)
	}
	dep, _ := s.Lookup("Dep2FSI")
	wantSpec := SpecSettings{PostCell: "FSI_Cell", VClampAmp: -55, SecX: 0.5, SecID: 0, LevelOfDetail: "GABA_A_STP"}
	if diff := cmp.Diff(wantSpec, dep.Spec); diff != "" {
		t.Errorf("Dep2FSI spec_settings (-want +got):\n%s", diff)
	}
	wantParams := []Param{{"initW", 20}, {"tau_r_GABAA", 0.9}, {"tau_d_GABAA", 15}, {"e_GABAA", -75}, {"Use", 0.4}, {"Dep", 190}, {"Fac", 0}}
	if diff := cmp.Diff(wantParams, dep.SynParams); diff != "" {
		t.Errorf("Dep2FSI spec_syn_param (-want +got):\n%s", diff)
	}
	g := s.General
	if !g.VClamp || g.RiseInterval != [2]float64{0.1, 0.9} || g.TStart != 500 || g.Celsius != 20 {
		t.Errorf("general settings %+v", g)
	}
}

func TestGeneralSettingsDefaults(t *testing.T) {
	s, err := ParseSettings([]byte(`{"conn_type_settings": {"A": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 0, "level_of_detail": "exp2syn"}, "spec_syn_param": {}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultGeneralSettings(), s.General); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if s.Connection != "A" {
		t.Errorf("connection defaults to the first: got %q", s.Connection)
	}
}

func TestSettingsErrors(t *testing.T) {
	conn := `"conn_type_settings": {"A": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 0, "level_of_detail": "exp2syn"}, "spec_syn_param": {"Use": 0.5}}}`
	tests := []struct {
		name, doc, key, msg string
	}{
		{"not an object", `[1]`, "", "must be a JSON object"},
		{"syntax", `{"general_settings": {`, "general_settings", "invalid JSON"},
		{"unknown top key", `{` + conn + `, "conection": "A"}`, "conection", "unknown key"},
		{"unknown general key", `{"general_settings": {"tstrat": 1}, ` + conn + `}`, "general_settings.tstrat", "unknown key"},
		{"wrong type", `{"general_settings": {"tstart": "500"}, ` + conn + `}`, "general_settings.tstart", `want a number, got the string "500"`},
		{"vclamp type", `{"general_settings": {"vclamp": 1}, ` + conn + `}`, "general_settings.vclamp", "true or false"},
		{"rise interval", `{"general_settings": {"rise_interval": [0.9, 0.1]}, ` + conn + `}`, "general_settings.rise_interval", "low < high"},
		{"dt", `{"general_settings": {"dt": 0}, ` + conn + `}`, "general_settings.dt", "positive"},
		{"no connections", `{"general_settings": {}}`, "conn_type_settings", "at least one connection"},
		{"unknown connection", `{` + conn + `, "connection": "B"}`, "connection", `connection "B" not found`},
		{"missing spec key", `{"conn_type_settings": {"A": {"spec_settings": {"post_cell": "C"}}}}`, "conn_type_settings.A.spec_settings.vclamp_amp", "missing"},
		{"sec_x range", `{"conn_type_settings": {"A": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 2, "sec_id": 0, "level_of_detail": "x"}}}}`, "conn_type_settings.A.spec_settings.sec_x", "[0, 1]"},
		{"sec_id fraction", `{"conn_type_settings": {"A": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 1.5, "level_of_detail": "x"}}}}`, "conn_type_settings.A.spec_settings.sec_id", "integer"},
		{"param type", `{"conn_type_settings": {"A": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 0, "level_of_detail": "x"}, "spec_syn_param": {"Use": "high"}}}}`, "conn_type_settings.A.spec_syn_param.Use", "want a number"},
		{"duplicate key", `{"connection": "A", "connection": "A", ` + conn + `}`, "connection", "duplicate key"},
		{"other vars type", `{` + conn + `, "other_vars_to_record": "record_Pr"}`, "other_vars_to_record", "list of strings"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSettings([]byte(tc.doc))
			var se *SettingsError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *SettingsError", err, err)
			}
			if se.Key != tc.key || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got key %q msg %q; want key %q msg containing %q", se.Key, se.Msg, tc.key, tc.msg)
			}
		})
	}
}

func TestJSONFolderUpdates(t *testing.T) {
	dir := t.TempDir()
	settings := `{"conn_type_settings": {
		"A": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 0, "level_of_detail": "x"}, "spec_syn_param": {"Use": 0.5, "Dep": 10}},
		"B": {"spec_settings": {"post_cell": "C", "vclamp_amp": -70, "sec_x": 0.5, "sec_id": 0, "level_of_detail": "x"}, "spec_syn_param": {"Use": 0.1}}},
		"json_folder_path": "params"}`
	if err := os.WriteFile(filepath.Join(dir, "s.json"), []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "params"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "params", "A.json"), []byte(`{"Dep": 99, "Fac": 7, "note": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSettings(filepath.Join(dir, "s.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Lookup("A")
	if diff := cmp.Diff([]Param{{"Use", 0.5}, {"Dep", 99}, {"Fac", 7}}, a.SynParams); diff != "" {
		t.Errorf("A params (-want +got):\n%s", diff)
	}
	joined := strings.Join(s.Warnings, "\n")
	if !strings.Contains(joined, "JSON file for B not found.") || !strings.Contains(joined, "note is not a number") {
		t.Errorf("warnings %q", s.Warnings)
	}
}

func TestLoadSettingsErrorNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(path, []byte(`{"general_settings": {"tdur": -1}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadSettings(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": general_settings.tdur: ") {
		t.Errorf("error %v should start with the file and key", err)
	}
}
