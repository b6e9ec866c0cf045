package tuner

import (
	"fmt"
	"math"
)

// VClamp reports whether the metrics are taken under voltage clamp
// (general_settings.vclamp).
func (t *Tuner) VClamp() bool { return t.settings.General.VClamp }

// SetVClamp switches general_settings.vclamp for the following simulations,
// as the Voltage Clamp toggle of bmtool's interactive tuner does. The clamp
// itself is always in place; the switch chooses the traces the metrics and
// figures use.
func (t *Tuner) SetVClamp(on bool) { t.settings.General.VClamp = on }

// VClampAmp returns the active connection's clamp level
// (spec_settings.vclamp_amp, mV).
func (t *Tuner) VClampAmp() float64 { return t.cur.conn.Spec.VClampAmp }

// SetVClampAmp sets the active connection's clamp level (mV) for the
// following simulations, as the V_clamp box of bmtool's interactive tuner
// does; Settings reflects it.
func (t *Tuner) SetVClampAmp(mV float64) error {
	if math.IsNaN(mV) || math.IsInf(mV, 0) {
		return fmt.Errorf("connection %s: vclamp_amp must be finite, got %v", t.cur.conn.Name, mV)
	}
	t.cur.conn.Spec.VClampAmp = mV
	if c, err := t.settings.Lookup(t.cur.conn.Name); err == nil {
		c.Spec.VClampAmp = mV
	}
	return nil
}
