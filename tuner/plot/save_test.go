package plot

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveSynapticCurrent(t *testing.T) {
	tt, cur, _ := synthTrain(1)
	tr := Traces{Connection: "PN2FSI", T: tt, SynI: cur}
	dir := t.TempDir()
	for _, tc := range []struct {
		file  string
		magic []byte
	}{
		{"train.png", []byte("\x89PNG\r\n\x1a\n")},
		{"train.PNG", []byte("\x89PNG\r\n\x1a\n")},
		{"train.svg", []byte("<?xml")},
	} {
		path := filepath.Join(dir, tc.file)
		if err := SaveSynapticCurrent(path, tr, TrainWindow(100, 20, 970)); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", tc.file, len(b))
		if !bytes.HasPrefix(b, tc.magic) {
			t.Errorf("%s starts with %q, want %q", tc.file, b[:min(len(b), 8)], tc.magic)
		}
		if strings.HasSuffix(strings.ToLower(tc.file), ".png") {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			if s := img.Bounds().Size(); s.X != 800 || s.Y != 600 {
				t.Errorf("%s is %v pixels, want 800×600", tc.file, s)
			}
		} else {
			s := string(b)
			for _, want := range []string{"<svg", "Synaptic Current (pA)", "Time (ms)", "Connection: PN2FSI"} {
				if !strings.Contains(s, want) {
					t.Errorf("%s lacks %q", tc.file, want)
				}
			}
		}
	}
}

func TestSaveSynapticCurrentErrors(t *testing.T) {
	dir := t.TempDir()
	good := Traces{T: []float64{0, 1, 2}, SynI: []float64{0, -1, 0}}
	for _, tc := range []struct {
		name string
		path string
		tr   Traces
		w    Window
		want string
	}{
		{"unknown format", filepath.Join(dir, "a.jpg"), good, Window{0, 2}, `unknown image format ".jpg"`},
		{"no folder", filepath.Join(dir, "missing", "a.png"), good, Window{0, 2}, "no such file"},
		{"short current", filepath.Join(dir, "b.png"), Traces{T: []float64{0, 1}, SynI: []float64{1}}, Window{0, 2}, "1 values for 2 time points"},
		{"empty window", filepath.Join(dir, "c.svg"), good, Window{2, 1}, "empty window"},
	} {
		err := SaveSynapticCurrent(tc.path, tc.tr, tc.w)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to mention %q", tc.name, err, tc.want)
		}
		if _, statErr := os.Stat(tc.path); statErr == nil {
			t.Errorf("%s: a file was left at %s", tc.name, tc.path)
		}
	}
}

func BenchmarkSavePNG(b *testing.B) {
	tt, cur, _ := synthTrain(1)
	tr := Traces{T: tt, SynI: cur}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteSynapticCurrent(&buf, "png", tr, TrainWindow(100, 20, 970)); err != nil {
			b.Fatal(err)
		}
	}
}
