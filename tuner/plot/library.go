package plot

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The echarts library synaptune uses: go-echarts v2.6.7 targets this version.
const (
	// EChartsVersion is the npm version of the echarts package.
	EChartsVersion = "5.4.3"
	// EChartsSHA256 is the sha256 of dist/echarts.min.js in that package.
	EChartsSHA256 = "1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19"
	// SetupCommand is the command that puts the library into the cache.
	SetupCommand = "go run ./cmd/synaptune setup-echarts"

	echartsPackage = "echarts@" + EChartsVersion
	echartsFile    = "echarts.min.js"
	echartsInTar   = "package/dist/echarts.min.js"
)

// ErrEChartsMissing is returned (wrapped) by EChartsLibrary when the library
// is not in the cache.
var ErrEChartsMissing = errors.New("echarts library not installed")

// DefaultCacheDir is synaptune's cache folder: "synaptune" under the user's
// cache directory (os.UserCacheDir, e.g. ~/.cache/synaptune on Linux).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("plot: finding the cache folder: %w", err)
	}
	return filepath.Join(dir, "synaptune"), nil
}

// EChartsPath is where the library lives under cacheDir:
// <cacheDir>/echarts-5.4.3/echarts.min.js. An empty cacheDir means
// DefaultCacheDir.
func EChartsPath(cacheDir string) (string, error) {
	if cacheDir == "" {
		d, err := DefaultCacheDir()
		if err != nil {
			return "", err
		}
		cacheDir = d
	}
	return filepath.Join(cacheDir, "echarts-"+EChartsVersion, echartsFile), nil
}

// EChartsLibrary reads echarts.min.js from the cache under cacheDir (empty:
// DefaultCacheDir) and checks its sha256. A missing file gives an error
// wrapping ErrEChartsMissing that names SetupCommand; a file with the wrong
// content gives a hash error.
func EChartsLibrary(cacheDir string) ([]byte, error) {
	path, err := EChartsPath(cacheDir)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("plot: %w: %s does not exist; run `%s` (it fetches npm %s with npm pack)", ErrEChartsMissing, path, SetupCommand, echartsPackage)
	}
	if err != nil {
		return nil, fmt.Errorf("plot: reading the echarts library: %w", err)
	}
	if err := checkHash(b); err != nil {
		return nil, fmt.Errorf("plot: %s: %w; delete it and run `%s`", path, err, SetupCommand)
	}
	return b, nil
}

func checkHash(b []byte) error {
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		return fmt.Errorf("sha256 %s, want %s (npm %s, dist/%s)", got, EChartsSHA256, echartsPackage, echartsFile)
	}
	return nil
}

// InstallECharts puts the echarts library into the cache under cacheDir
// (empty: DefaultCacheDir): it runs `npm pack echarts@5.4.3` in a temporary
// folder, takes dist/echarts.min.js out of the package, checks its sha256
// and writes it. A library already in place with the right hash is kept and
// npm is not run. It returns the library's path.
func InstallECharts(ctx context.Context, cacheDir string) (string, error) {
	path, err := EChartsPath(cacheDir)
	if err != nil {
		return "", err
	}
	if b, err := os.ReadFile(path); err == nil && checkHash(b) == nil {
		return path, nil
	}
	tmp, err := os.MkdirTemp("", "synaptune-echarts-")
	if err != nil {
		return "", fmt.Errorf("plot: install echarts: %w", err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, "npm", "pack", "--silent", echartsPackage)
	cmd.Dir = tmp
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("plot: install echarts: npm pack %s: %w: %s", echartsPackage, err, strings.TrimSpace(stderr.String()))
	}
	tgz, _ := filepath.Glob(filepath.Join(tmp, "*.tgz"))
	if len(tgz) != 1 {
		return "", fmt.Errorf("plot: install echarts: npm pack left %d .tgz files (output %q)", len(tgz), strings.TrimSpace(string(out)))
	}
	name := filepath.Base(tgz[0])
	f, err := os.Open(tgz[0])
	if err != nil {
		return "", fmt.Errorf("plot: install echarts: %w", err)
	}
	defer f.Close()
	lib, err := extractFromTarGz(f, echartsInTar)
	if err != nil {
		return "", fmt.Errorf("plot: install echarts: %s: %w", name, err)
	}
	if err := checkHash(lib); err != nil {
		return "", fmt.Errorf("plot: install echarts: %s: %w", name, err)
	}
	if err := writeAtomically(path, lib); err != nil {
		return "", fmt.Errorf("plot: install echarts: %w", err)
	}
	return path, nil
}

// extractFromTarGz returns the content of the regular file want in a
// gzip-compressed tar stream.
func extractFromTarGz(r io.Reader, want string) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("no %s in the package", want)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == want && h.Typeflag == tar.TypeReg {
			const limit = 16 << 20
			b, err := io.ReadAll(io.LimitReader(tr, limit+1))
			if err != nil {
				return nil, err
			}
			if len(b) > limit {
				return nil, fmt.Errorf("%s is larger than %d bytes", want, limit)
			}
			return b, nil
		}
	}
}

// writeAtomically writes b to path through a temporary file in the same
// folder, so a reader never sees a partial file.
func writeAtomically(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".echarts-*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// LoaderScript returns JavaScript that defines window.echarts from the
// library text lib (from EChartsLibrary) unless it is already defined, and
// then draws every figure that was shown before the library arrived. The
// library runs with define, module and exports shadowed as undefined, so it
// sets the global echarts even where require.js is present (classic Jupyter
// notebooks). The text is safe inside a <script> element.
func LoaderScript(lib []byte) string {
	// The newline ends a possible trailing line comment in the library.
	return strings.Replace(loaderJS, "__LIBRARY__", escapeScript(string(lib))+"\n", 1)
}

// LoaderHTML is LoaderScript inside a <script> element.
func LoaderHTML(lib []byte) string {
	return "<script>\n" + LoaderScript(lib) + "</script>\n"
}
