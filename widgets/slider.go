package widgets

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/synaptune/synaptune/kernel"
)

// FloatSliderConfig configures a FloatSlider.
type FloatSliderConfig struct {
	// Label describes the slider.
	Label string
	// Min and Max bound the value (Min <= Max).
	Min, Max float64
	// Step is the slider's increment; zero means (Max-Min)/100.
	Step float64
	// Value is the initial value, within [Min, Max].
	Value float64
	// Continuous sends values while the slider is dragged, not only when it
	// is released.
	Continuous bool
}

// FloatSlider is a slider for a float64 value.
type FloatSlider struct {
	valued[float64]
	cfg      FloatSliderConfig
	decimals int
}

// NewFloatSlider creates a float slider on fe. It is shown by Display or by a box.
func NewFloatSlider(fe kernel.Frontend, cfg FloatSliderConfig) (*FloatSlider, error) {
	for _, f := range []struct {
		name string
		x    float64
	}{{"Min", cfg.Min}, {"Max", cfg.Max}, {"Step", cfg.Step}, {"Value", cfg.Value}} {
		if math.IsNaN(f.x) || math.IsInf(f.x, 0) {
			return nil, fmt.Errorf("new float slider %q: %s is %v", cfg.Label, f.name, f.x)
		}
	}
	if cfg.Min > cfg.Max {
		return nil, fmt.Errorf("new float slider %q: Min %g > Max %g", cfg.Label, cfg.Min, cfg.Max)
	}
	if cfg.Step < 0 {
		return nil, fmt.Errorf("new float slider %q: negative Step %g", cfg.Label, cfg.Step)
	}
	if cfg.Step == 0 {
		cfg.Step = (cfg.Max - cfg.Min) / 100
		if cfg.Step == 0 {
			cfg.Step = 1
		}
	}
	if cfg.Value < cfg.Min || cfg.Value > cfg.Max {
		return nil, fmt.Errorf("new float slider %q: Value %g outside [%g, %g]", cfg.Label, cfg.Value, cfg.Min, cfg.Max)
	}
	s := &FloatSlider{cfg: cfg, decimals: decimals(cfg.Step)}
	if err := s.init(fe, "float slider"); err != nil {
		return nil, err
	}
	s.value = cfg.Value
	s.listen(func(m kernel.Message) (float64, bool) {
		f, ok := decodeFloat(m)
		return s.clamp(f), ok
	})
	return s, nil
}

// decimals returns how many decimals a readout needs to show multiples of step.
func decimals(step float64) int {
	text := strconv.FormatFloat(step, 'f', -1, 64)
	i := strings.IndexByte(text, '.')
	if i < 0 {
		return 0
	}
	return min(len(text)-i-1, 10)
}

func (s *FloatSlider) clamp(x float64) float64 { return min(max(x, s.cfg.Min), s.cfg.Max) }

// Min returns the lower bound.
func (s *FloatSlider) Min() float64 { return s.cfg.Min }

// Max returns the upper bound.
func (s *FloatSlider) Max() float64 { return s.cfg.Max }

// SetValue sets the value from Go (clamped to [Min, Max]) and moves the slider
// in the front end. It does not fire Changes or OnChange.
func (s *FloatSlider) SetValue(x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Errorf("float slider %q: cannot set %v", s.cfg.Label, x)
	}
	return s.store(s.clamp(x))
}

// HTML implements Widget.
func (s *FloatSlider) HTML() string {
	v := s.Value()
	return rangeHTML(&s.control, "floatslider", s.cfg.Label,
		strconv.FormatFloat(s.cfg.Min, 'g', -1, 64), strconv.FormatFloat(s.cfg.Max, 'g', -1, 64),
		strconv.FormatFloat(s.cfg.Step, 'g', -1, 64), strconv.FormatFloat(v, 'g', -1, 64),
		strconv.FormatFloat(v, 'f', s.decimals, 64), s.decimals, s.cfg.Continuous)
}

// rangeHTML renders a numeric <input type=range> with a readout.
func rangeHTML(c *control, kind, label, lo, hi, step, value, readout string, decimals int, continuous bool) string {
	id := c.ID()
	return c.rootOpen(kind) + c.labelHTML(label) +
		fmt.Sprintf(`<input id="%s-c" type="range" min="%s" max="%s" step="%s" value="%s"%s> <output id="%s-r">%s</output></div>`,
			id, lo, hi, step, value, c.disabledAttr(), id, html.EscapeString(readout)) +
		script(id, true,
			`var el=q("-c"),r=q("-r"),d=`, strconv.Itoa(decimals), `,cont=`, js(continuous), `;`,
			`var show=function(v){r.textContent=Number(v).toFixed(d)};`,
			`var val=function(){return +el.value};`,
			`el.addEventListener("input",function(){show(val());if(cont)send("/value",val())});`,
			`el.addEventListener("change",function(){send("/value",val())});`,
			`on("/value",function(v){el.value=v;show(v)});`)
}

// IntSliderConfig configures an IntSlider.
type IntSliderConfig struct {
	// Label describes the slider.
	Label string
	// Min and Max bound the value (Min <= Max).
	Min, Max int
	// Step is the slider's increment; zero means 1.
	Step int
	// Value is the initial value, within [Min, Max].
	Value int
	// Continuous sends values while the slider is dragged.
	Continuous bool
}

// IntSlider is a slider for an int value.
type IntSlider struct {
	valued[int]
	cfg IntSliderConfig
}

// NewIntSlider creates an integer slider on fe.
func NewIntSlider(fe kernel.Frontend, cfg IntSliderConfig) (*IntSlider, error) {
	if cfg.Min > cfg.Max {
		return nil, fmt.Errorf("new int slider %q: Min %d > Max %d", cfg.Label, cfg.Min, cfg.Max)
	}
	if cfg.Step < 0 {
		return nil, fmt.Errorf("new int slider %q: negative Step %d", cfg.Label, cfg.Step)
	}
	if cfg.Step == 0 {
		cfg.Step = 1
	}
	if cfg.Value < cfg.Min || cfg.Value > cfg.Max {
		return nil, fmt.Errorf("new int slider %q: Value %d outside [%d, %d]", cfg.Label, cfg.Value, cfg.Min, cfg.Max)
	}
	s := &IntSlider{cfg: cfg}
	if err := s.init(fe, "int slider"); err != nil {
		return nil, err
	}
	s.value = cfg.Value
	s.listen(func(m kernel.Message) (int, bool) {
		n, ok := decodeInt(m)
		return s.clamp(n), ok
	})
	return s, nil
}

func (s *IntSlider) clamp(n int) int { return min(max(n, s.cfg.Min), s.cfg.Max) }

// Min returns the lower bound.
func (s *IntSlider) Min() int { return s.cfg.Min }

// Max returns the upper bound.
func (s *IntSlider) Max() int { return s.cfg.Max }

// SetValue sets the value from Go (clamped to [Min, Max]) and moves the slider
// in the front end. It does not fire Changes or OnChange.
func (s *IntSlider) SetValue(n int) error { return s.store(s.clamp(n)) }

// HTML implements Widget.
func (s *IntSlider) HTML() string {
	v := strconv.Itoa(s.Value())
	return rangeHTML(&s.control, "intslider", s.cfg.Label, strconv.Itoa(s.cfg.Min), strconv.Itoa(s.cfg.Max),
		strconv.Itoa(s.cfg.Step), v, v, 0, s.cfg.Continuous)
}
