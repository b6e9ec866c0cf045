package tuner

import (
	"fmt"
	"math"
	"testing"
)

// TestShortcutsAreExact runs the seed's protocols with the engine's
// shortcuts (skipping steady steps, partly frozen steps, memoised NMODL
// routines) and without
// them, for both connections, with and without the voltage clamp, in
// bmtool's and the corrected protocol (whose current-clamp runs leave the
// cell free), and compares every recorded sample bit for bit.
func TestShortcutsAreExact(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 32 protocols twice")
	}
	for _, conn := range []string{"Dep2FSI", "Fac2FSI"} {
		for _, vclamp := range []bool{true, false} {
			for _, v := range []Variant{Bmtool, Corrected} {
				tu := seedTunerVariant(t, conn, vclamp, v)
				train50, err := tu.trainStimulus(50, 250)
				if err != nil {
					t.Fatal(err)
				}
				train5, err := tu.trainStimulus(5, 125)
				if err != nil {
					t.Fatal(err)
				}
				train2, err := tu.trainStimulus(2, 250)
				if err != nil {
					t.Fatal(err)
				}
				for name, st := range map[string]stimulus{"single event": tu.singleEventStimulus(), "50 Hz": train50, "5 Hz": train5, "2 Hz": train2} {
					t.Run(fmt.Sprintf("%s/vclamp=%v/%v/%s", conn, vclamp, v, name), func(t *testing.T) {
						extra := tu.settings.OtherVarsToRecord
						tu.cur.everyStep = true
						want, err := tu.cur.run(st, tu.paramsCopy(), tu.settings.CurrentName, extra)
						tu.cur.everyStep = false
						if err != nil {
							t.Fatal(err)
						}
						got, err := tu.cur.run(st, tu.paramsCopy(), tu.settings.CurrentName, extra)
						if err != nil {
							t.Fatal(err)
						}
						if want.skipped != 0 || got.skipped == 0 {
							t.Errorf("%d steps skipped without shortcuts, %d with", want.skipped, got.skipped)
						}
						// Dep2FSI's synapse is on the clamped soma, where it
						// decays alone for most of the time between 2 Hz
						// pulses (Fac2FSI's, on the dendrite, moves the
						// dendrite's voltage until it is steady)
						if want.frozen != 0 || (conn == "Dep2FSI" && vclamp && name == "2 Hz" && got.frozen == 0) {
							t.Errorf("%d steps partly frozen without shortcuts, %d with", want.frozen, got.frozen)
						}
						sameRecordings(t, got, want)
					})
				}
			}
		}
	}
}

// TestFrozenStepsWithCompiledMechanisms runs the 2 Hz train of Dep2FSI
// under the clamp with the embedded models as compiled NMODL closures (the
// way a user's own .mod files run: memoised routines, additions through
// Env), with and without the engine's shortcuts, and compares every
// sample; the partly frozen steps must have been taken.
func TestFrozenStepsWithCompiledMechanisms(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a 2 Hz train twice")
	}
	closures, err := embedded(false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := SeedSettings()
	if err != nil {
		t.Fatal(err)
	}
	s.Connection = "Dep2FSI"
	tu, err := New(s, closures)
	if err != nil {
		t.Fatal(err)
	}
	st, err := tu.trainStimulus(2, 250)
	if err != nil {
		t.Fatal(err)
	}
	var recs [2]*recording
	for i, every := range []bool{true, false} {
		tu.cur.everyStep = every
		if recs[i], err = tu.cur.run(st, tu.paramsCopy(), tu.settings.CurrentName, tu.settings.OtherVarsToRecord); err != nil {
			t.Fatal(err)
		}
	}
	want, got := recs[0], recs[1]
	if want.frozen != 0 || got.frozen == 0 {
		t.Errorf("%d steps partly frozen without shortcuts, %d with", want.frozen, got.frozen)
	}
	sameRecordings(t, got, want)
	t.Logf("%d of %d steps partly frozen, %d skipped", got.frozen, len(got.T)-1, got.skipped)
}

// sameRecordings fails the test unless every trace of got (with the
// shortcuts) equals want's (without) bit for bit.
func sameRecordings(t *testing.T, got, want *recording) {
	t.Helper()
	traces := map[string][2][]float64{"t": {got.T, want.T}, "syn": {got.Syn, want.Syn},
		"clamp": {got.Clamp, want.Clamp}, "soma v": {got.SomaV, want.SomaV}, "spikes": {got.Spikes, want.Spikes}}
	for k := range want.Extra {
		traces[k] = [2][]float64{got.Extra[k], want.Extra[k]}
	}
	for tr, gw := range traces {
		g, w := gw[0], gw[1]
		if len(g) != len(w) {
			t.Fatalf("%s: %d samples with shortcuts, %d without", tr, len(g), len(w))
		}
		for i := range w {
			if math.Float64bits(g[i]) != math.Float64bits(w[i]) {
				t.Fatalf("%s: sample %d (t=%g) is %v with shortcuts, %v without", tr, i, want.T[i], g[i], w[i])
			}
		}
	}
}
