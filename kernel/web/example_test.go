package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/synaptune/synaptune/kernel/web"
	"github.com/synaptune/synaptune/widgets"
)

// A local page with one slider; Serve runs until the context is cancelled
// (for example on Ctrl-C with signal.NotifyContext).
func Example() {
	srv, err := web.New(web.Options{Title: "demo", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fmt.Println(err)
		return
	}
	slider, _ := widgets.NewFloatSlider(srv, widgets.FloatSliderConfig{Label: "gain", Min: 0, Max: 2, Value: 1})
	_, _ = widgets.Display(srv, slider)

	fmt.Println(strings.HasPrefix(srv.URL(), "http://127.0.0.1:"), strings.Contains(srv.URL(), "?token="))

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a real program cancels on Ctrl-C instead
	fmt.Println(srv.Serve(ctx))
	// Output:
	// true true
	// <nil>
}
