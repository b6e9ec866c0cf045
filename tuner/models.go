package tuner

import (
	"crypto/sha256"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/synaptune/synaptune/engine"
	"github.com/synaptune/synaptune/engine/hoc"
	"github.com/synaptune/synaptune/engine/nmodl"
)

// native_gen.go holds Go versions of the embedded channels' BREAKPOINT and
// SOLVE (nmodl.Mechanism.NativeGo); regenerate it when a .mod file changes:
//
//go:generate go test -run TestNativeUpToDate . -update

// embeddedModels holds the project's own mechanisms and templates.
//
//go:embed models/*.mod models/*.hoc models/seed.json
var embeddedModels embed.FS

// SeedSettings returns the settings of bmtool's synapse-tuner demo (the
// Fac2FSI and Dep2FSI connections onto FSI_Cell), as embedded.
func SeedSettings() (*Settings, error) {
	data, err := embeddedModels.ReadFile("models/seed.json")
	if err != nil {
		return nil, err
	}
	return ParseSettings(data)
}

// Models are mechanisms and cell templates: a CellFactory backed by the
// NMODL compiler and the HOC interpreter.
type Models struct {
	reg       *engine.Registry
	hocName   string
	hocSrc    string
	hocRoot   string // folder load_file may read below ("" for embedded files)
	templates []string
	mechs     []*nmodl.Mechanism
}

// EmbeddedModels returns the project's own models: leak, nainter,
// kdrinter, GABA_A_STP, AMPA_NMDA_STP and Exp2Syn_STP, and the FSI_Cell
// template.
func EmbeddedModels() (*Models, error) {
	return embedded(true)
}

// embedded loads the embedded models, with the native versions of the
// mechanisms that have one (native_gen.go) unless native is false.
func embedded(native bool) (*Models, error) {
	reg := engine.Builtins()
	mechs, err := nmodl.LoadFS(embeddedModels, "models", reg)
	if err != nil {
		return nil, fmt.Errorf("embedded models: %w", err)
	}
	if native {
		if err := useNative(reg, mechs, embeddedModels.ReadFile); err != nil {
			return nil, err
		}
	}
	src, err := embeddedModels.ReadFile("models/templates.hoc")
	if err != nil {
		return nil, err
	}
	m := &Models{reg: reg, hocName: "models/templates.hoc", hocSrc: string(src), mechs: mechs}
	if err := m.scanTemplates(); err != nil {
		return nil, err
	}
	return m, nil
}

// LoadModels compiles every .mod file of mechanismsDir and reads the
// templates of templatesFile, as bmtool's mechanisms_dir and templates_dir.
// An empty argument takes the embedded models for that part.
func LoadModels(mechanismsDir, templatesFile string) (*Models, error) {
	if mechanismsDir == "" && templatesFile == "" {
		return EmbeddedModels()
	}
	emb, err := EmbeddedModels()
	if err != nil {
		return nil, err
	}
	m := &Models{reg: emb.reg, hocName: emb.hocName, hocSrc: emb.hocSrc, mechs: emb.mechs}
	if mechanismsDir != "" {
		reg := engine.Builtins()
		mechs, err := nmodl.LoadDir(mechanismsDir, reg)
		if err != nil {
			return nil, fmt.Errorf("mechanisms_dir: %w", err)
		}
		if err := useNative(reg, mechs, os.ReadFile); err != nil {
			return nil, err
		}
		m.reg, m.mechs = reg, mechs
	}
	if templatesFile != "" {
		src, err := os.ReadFile(templatesFile)
		if err != nil {
			return nil, fmt.Errorf("templates_dir: %w", err)
		}
		m.hocName, m.hocSrc, m.hocRoot = templatesFile, string(src), filepath.Dir(templatesFile)
	}
	if err := m.scanTemplates(); err != nil {
		return nil, err
	}
	return m, nil
}

// useNative replaces in reg every mechanism whose .mod source is, byte for
// byte, one that native_gen.go was generated from by that native version:
// the same numbers, computed without the compiled closures.
func useNative(reg *engine.Registry, mechs []*nmodl.Mechanism, read func(string) ([]byte, error)) error {
	native := nativeMechanisms()
	for _, m := range mechs {
		data, err := read(m.File())
		if err != nil {
			return err
		}
		if wrap, ok := native[fmt.Sprintf("%x", sha256.Sum256(data))]; ok {
			if err := reg.Replace(wrap(m)); err != nil {
				return err
			}
		}
	}
	return nil
}

// interpreter loads the template file into a fresh interpreter building
// into model.
func (m *Models) interpreter(model *engine.Model) (*hoc.Interpreter, *hoc.EngineBuilder, error) {
	b := hoc.NewEngineBuilder(model)
	var opts []hoc.Option
	if m.hocRoot != "" {
		opts = append(opts, hoc.WithRoot(m.hocRoot))
	}
	in := hoc.New(b, opts...)
	if err := in.Exec(m.hocName, m.hocSrc); err != nil {
		return nil, nil, err
	}
	return in, b, nil
}

func (m *Models) scanTemplates() error {
	in, _, err := m.interpreter(engine.NewModel(m.reg))
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	m.templates = in.Templates()
	sort.Strings(m.templates)
	return nil
}

// Registry returns the mechanisms.
func (m *Models) Registry() *engine.Registry { return m.reg }

// Templates lists the cell templates.
func (m *Models) Templates() []string { return append([]string(nil), m.templates...) }

// Mechanisms lists the mechanisms compiled from .mod files.
func (m *Models) Mechanisms() []*nmodl.Mechanism { return append([]*nmodl.Mechanism(nil), m.mechs...) }

// NewCell instantiates template in model: the sections of its public `all`
// SectionList in order, and its soma (the `soma` public section or array).
func (m *Models) NewCell(model *engine.Model, template string) (*Cell, error) {
	in, b, err := m.interpreter(model)
	if err != nil {
		return nil, err
	}
	found := false
	for _, t := range m.templates {
		if t == template {
			found = true
		}
	}
	if !found {
		return nil, fmt.Errorf("unknown template %q in %s (have %v)", template, m.hocName, m.templates)
	}
	obj, err := in.NewObject(template)
	if err != nil {
		return nil, err
	}
	all, err := obj.SectionList("all")
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", template, err)
	}
	cell := &Cell{}
	for _, s := range all {
		es, err := b.Section(s.ID)
		if err != nil {
			return nil, err
		}
		cell.All = append(cell.All, es)
	}
	for i := 0; ; i++ {
		s, err := obj.Section("soma", i)
		if err != nil {
			break
		}
		es, err := b.Section(s.ID)
		if err != nil {
			return nil, err
		}
		cell.Soma = append(cell.Soma, es)
	}
	if len(cell.Soma) == 0 {
		return nil, fmt.Errorf("template %s has no public soma", template)
	}
	return cell, nil
}
