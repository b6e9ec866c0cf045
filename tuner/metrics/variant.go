package metrics

import (
	"errors"
	"fmt"
	"math"
)

// Variant selects bmtool's arithmetic or the corrected one.
type Variant int

const (
	// Bmtool reproduces bmtool's figures, quirks included. It is the zero value.
	Bmtool Variant = iota
	// Corrected measures the half width between the two half-amplitude
	// crossings, takes baseline and sign from the trace they are applied to,
	// and uses the configured rise interval and time step everywhere.
	Corrected
)

// String names the variant.
func (v Variant) String() string {
	switch v {
	case Bmtool:
		return "bmtool"
	case Corrected:
		return "corrected"
	}
	return fmt.Sprintf("Variant(%d)", int(v))
}

func (v Variant) check() error {
	if v != Bmtool && v != Corrected {
		return fmt.Errorf("%w: %d", ErrUnknownVariant, int(v))
	}
	return nil
}

// RiseInterval gives the fractions of the peak between which the rise time
// is measured, e.g. {0.2, 0.8} for the 20–80 % rise time.
type RiseInterval struct {
	Lo, Hi float64
}

// BmtoolModuleDt is the time step (ms) bmtool's _get_syn_prop falls back to
// when called without one: NEURON's h.dt when bmtool.synapses was imported,
// which is NEURON's default 0.025 ms unless h.dt was changed before the
// import. The synaptic table and the optimizer call it that way.
const BmtoolModuleDt = 0.025

// BmtoolDefaultRiseInterval is the rise interval (20–80 %) bmtool's
// _get_syn_prop uses when called without one, as the synaptic table and the
// optimizer do.
func BmtoolDefaultRiseInterval() RiseInterval { return RiseInterval{Lo: 0.2, Hi: 0.8} }

// BmtoolGeneralRiseInterval is the rise interval (10–90 %) of bmtool's
// DEFAULT_GENERAL_SETTINGS, used by SingleEvent when the settings give none.
func BmtoolGeneralRiseInterval() RiseInterval { return RiseInterval{Lo: 0.1, Hi: 0.9} }

// Errors returned (wrapped, with context) by this package.
var (
	ErrEmptyTrace     = errors.New("empty trace")
	ErrNonFinite      = errors.New("trace holds NaN or infinite samples")
	ErrBadSetting     = errors.New("bad setting")
	ErrUnknownVariant = errors.New("unknown metrics variant")
	ErrNoSpike        = errors.New("no spike times")
	ErrSpikeOutside   = errors.New("spike time outside the trace")
	ErrFlatResponse   = errors.New("response is flat after the spike (sign 0)")
	ErrNoPeak         = errors.New("no local maximum after the spike")
	ErrNoCrossing     = errors.New("response never crosses the threshold before its peak")
	ErrFitFailed      = errors.New("exponential decay fit failed")
	ErrEmptyWindow    = errors.New("empty response window")
	ErrNoAmplitudes   = errors.New("no response amplitudes")
	ErrUnknownMetric  = errors.New("unknown metric name")
)

func checkDt(dt float64) error {
	if !(dt > 0) || math.IsInf(dt, 1) {
		return fmt.Errorf("%w: dt %v ms must be positive and finite", ErrBadSetting, dt)
	}
	return nil
}

func checkFinite(name string, x []float64) error {
	if len(x) == 0 {
		return fmt.Errorf("%s: %w", name, ErrEmptyTrace)
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: %w (sample %d is %v)", name, ErrNonFinite, i, v)
		}
	}
	return nil
}

func (r RiseInterval) check() error {
	if math.IsNaN(r.Lo) || math.IsNaN(r.Hi) || math.IsInf(r.Lo, 0) || math.IsInf(r.Hi, 0) {
		return fmt.Errorf("%w: rise interval (%v, %v) must be finite", ErrBadSetting, r.Lo, r.Hi)
	}
	return nil
}
