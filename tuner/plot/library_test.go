package plot

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestEChartsLibraryMissing(t *testing.T) {
	dir := t.TempDir()
	_, err := EChartsLibrary(dir)
	if !errors.Is(err, ErrEChartsMissing) {
		t.Fatalf("error %v, want ErrEChartsMissing", err)
	}
	for _, want := range []string{SetupCommand, filepath.Join(dir, "echarts-5.4.3", "echarts.min.js")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestEChartsLibraryCorrupted(t *testing.T) {
	dir := t.TempDir()
	path, err := EChartsPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("window.echarts = {};"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = EChartsLibrary(dir)
	if err == nil || errors.Is(err, ErrEChartsMissing) {
		t.Fatalf("error %v, want a hash error", err)
	}
	for _, want := range []string{"sha256", EChartsSHA256, SetupCommand} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestEChartsPathDefault(t *testing.T) {
	def, err := DefaultCacheDir()
	if err != nil {
		t.Skip("no user cache dir:", err)
	}
	got, err := EChartsPath("")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(def, "echarts-5.4.3", "echarts.min.js"); got != want {
		t.Errorf("EChartsPath(\"\") = %s, want %s", got, want)
	}
}

// tgz returns a gzip-compressed tar holding the given files.
func tgz(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestExtractFromTarGz(t *testing.T) {
	pkg := tgz(t, map[string][]byte{"package/package.json": []byte("{}"), "package/dist/echarts.min.js": []byte("lib")})
	got, err := extractFromTarGz(bytes.NewReader(pkg), echartsInTar)
	if err != nil || string(got) != "lib" {
		t.Errorf("extract: %q, %v", got, err)
	}
	if _, err := extractFromTarGz(bytes.NewReader(pkg), "package/dist/other.js"); err == nil || !strings.Contains(err.Error(), "no package/dist/other.js") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := extractFromTarGz(strings.NewReader("not gzip"), echartsInTar); err == nil {
		t.Error("not gzip: no error")
	}
}

// fakeNPM puts an npm on PATH whose `npm pack` leaves pkg in the current
// folder and counts its runs in the returned file.
func fakeNPM(t *testing.T, pkg []byte) (runs string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake npm is a shell script")
	}
	bin := t.TempDir()
	src := filepath.Join(bin, "pkg.tgz")
	if err := os.WriteFile(src, pkg, 0o644); err != nil {
		t.Fatal(err)
	}
	runs = filepath.Join(bin, "runs")
	script := "#!/bin/sh\necho run >> '" + runs + "'\ncp '" + src + "' ./echarts-5.4.3.tgz\necho echarts-5.4.3.tgz\n"
	if err := os.WriteFile(filepath.Join(bin, "npm"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return runs
}

func countRuns(t *testing.T, runs string) int {
	b, err := os.ReadFile(runs)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "run")
}

func TestInstallEChartsRejectsWrongPackage(t *testing.T) {
	runs := fakeNPM(t, tgz(t, map[string][]byte{echartsInTar: []byte("not echarts")}))
	dir := t.TempDir()
	_, err := InstallECharts(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), "sha256") {
		t.Fatalf("error %v, want a hash error", err)
	}
	if n := countRuns(t, runs); n != 1 {
		t.Errorf("npm ran %d times, want 1", n)
	}
	if _, err := EChartsLibrary(dir); !errors.Is(err, ErrEChartsMissing) {
		t.Errorf("a rejected package left a file behind: %v", err)
	}
}

// realLibrary returns the echarts library from the user's cache, or skips.
func realLibrary(t *testing.T) []byte {
	t.Helper()
	lib, err := EChartsLibrary("")
	if err != nil {
		t.Skipf("echarts not in the user cache (%v); run %s to test with it", err, SetupCommand)
	}
	return lib
}

func TestInstallECharts(t *testing.T) {
	lib := realLibrary(t)
	runs := fakeNPM(t, tgz(t, map[string][]byte{"package/package.json": []byte("{}"), echartsInTar: lib}))
	dir := t.TempDir()
	path, err := InstallECharts(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := EChartsLibrary(dir)
	if err != nil || !bytes.Equal(got, lib) {
		t.Fatalf("installed library: %d bytes, %v", len(got), err)
	}
	if want, _ := EChartsPath(dir); path != want {
		t.Errorf("installed at %s, want %s", path, want)
	}
	// Already installed: npm does not run again.
	if _, err := InstallECharts(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if n := countRuns(t, runs); n != 1 {
		t.Errorf("npm ran %d times, want 1", n)
	}
}

// TestLoaderWithRealLibrary loads the real echarts.min.js through the loader
// on a page that has require.js's define and CommonJS globals.
func TestLoaderWithRealLibrary(t *testing.T) {
	lib := realLibrary(t)
	r := runHarness(t, harnessStep{Do: "html", HTML: LoaderHTML(lib)})
	if r.ECharts != "object" || r.Version != EChartsVersion || r.DefineCalls != 0 || r.ModuleTouched {
		t.Errorf("window.echarts %s version %q; define called %d times; module touched %v",
			r.ECharts, r.Version, r.DefineCalls, r.ModuleTouched)
	}
}

func TestLoaderScript(t *testing.T) {
	s := LoaderScript([]byte("var x = '</script>'; // ends without a newline"))
	if strings.Contains(strings.ToLower(s), "</script") {
		t.Errorf("loader text can end its script element:\n%s", s)
	}
	if !strings.Contains(s, "(function (define, module, exports) {") {
		t.Errorf("loader does not shadow define, module and exports:\n%s", s)
	}
	if !strings.Contains(s, "// ends without a newline\n") {
		t.Errorf("a trailing line comment in the library would swallow the loader's code:\n%s", s)
	}
}
