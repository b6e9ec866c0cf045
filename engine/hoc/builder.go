package hoc

// SectionID identifies a section created through a Builder. The Builder
// chooses the values.
type SectionID int

// PointID identifies a point process created through a Builder.
type PointID int

// NameKind tells the interpreter what a name that HOC code did not declare
// means to the cell model.
type NameKind int

const (
	// NameUnknown: the model does not know the name.
	NameUnknown NameKind = iota
	// NameMechanism: a density mechanism or ion that `insert` accepts (pas, hh, na_ion).
	NameMechanism
	// NamePointProcess: a point process class for `new Name(x)` (IClamp, Exp2Syn).
	NamePointProcess
	// NameRangeVar: a per-segment variable (diam, cm, v, ena, gnabar_hh).
	NameRangeVar
	// NameSectionProp: a per-section variable (nseg, L, Ra, rallbranch).
	NameSectionProp
	// NameGlobal: a model-wide scalar (celsius, dt, t, GLOBAL mechanism variables).
	NameGlobal
)

// String names the kind.
func (k NameKind) String() string {
	switch k {
	case NameMechanism:
		return "mechanism"
	case NamePointProcess:
		return "point process"
	case NameRangeVar:
		return "range variable"
	case NameSectionProp:
		return "section variable"
	case NameGlobal:
		return "global variable"
	}
	return "unknown name"
}

// Builder is what the interpreter needs from a cell model. The interpreter
// keeps section names, the order of sections and SectionLists itself; the
// Builder keeps everything physical. Every method returns an error for
// bad input (unknown mechanism, x outside [0, 1], nseg < 1, ...); the
// interpreter adds file:line:col.
type Builder interface {
	// Lookup says what an undeclared name means.
	Lookup(name string) NameKind

	// NewSection creates an unconnected section with NEURON's defaults
	// (nseg 1, L 100, diam 500, Ra 35.4, cm 1). name is the full NEURON
	// name, e.g. "FSI_Cell[0].dend[2]".
	NewSection(name string) (SectionID, error)
	// DeleteSection removes a section (HOC re-creates an array this way).
	DeleteSection(sec SectionID) error
	// Connect attaches end childEnd (0 or 1) of child to position parentX
	// of parent, replacing any previous parent.
	Connect(child SectionID, childEnd float64, parent SectionID, parentX float64) error
	// Parent reports the parent connection; ok is false for a root.
	Parent(sec SectionID) (parent SectionID, parentX, childEnd float64, ok bool)

	// Insert and Uninsert add and remove a density mechanism.
	Insert(sec SectionID, mech string) error
	Uninsert(sec SectionID, mech string) error

	// Set assigns a range variable in every segment of sec, or a section
	// variable (nseg, L, Ra) of sec.
	Set(sec SectionID, name string, value float64) error
	// SetAt assigns a range variable in the segment that contains x.
	SetAt(sec SectionID, name string, x, value float64) error
	// Get reads a range variable at x or a section variable (x ignored).
	// The interpreter also asks for "area" (µm²) and "ri" (MΩ) of the
	// segment containing x to implement area(x) and ri(x).
	Get(sec SectionID, name string, x float64) (float64, error)

	// Pt3dClear, Pt3dAdd and DefineShape manage 3-d points.
	Pt3dClear(sec SectionID) error
	Pt3dAdd(sec SectionID, x, y, z, diam float64) error
	DefineShape() error

	// NewPointProcess places a point process at x of sec.
	NewPointProcess(class string, sec SectionID, x float64) (PointID, error)
	// SetPoint and GetPoint access a point process parameter.
	SetPoint(p PointID, name string, value float64) error
	GetPoint(p PointID, name string) (float64, error)

	// SetGlobal and GetGlobal access a model-wide scalar.
	SetGlobal(name string, value float64) error
	GetGlobal(name string) (float64, error)
}

// MembraneChecker is an optional Builder extension for ismembrane(name):
// it reports whether a mechanism or ion is present in a section.
type MembraneChecker interface {
	HasMechanism(sec SectionID, mech string) (bool, error)
}
