package gonb_test

import (
	"context"
	"fmt"
	"time"

	"github.com/synaptune/synaptune/kernel/gonb"
)

// Under a headless run (SYNAPTUNE_HEADLESS=1, e.g. nbconvert in CI) the
// Frontend never waits for a browser: code checks Connected and takes its
// static path. In a cell, use gonb.NewGoNB (file gonbui.go) instead of the fake.
func Example() {
	nb := newFake(true, false)
	fe := gonb.New(nb, gonb.Options{Getenv: env(map[string]string{"SYNAPTUNE_HEADLESS": "1"}), Logger: quiet()})
	defer fe.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if !fe.Connected(ctx) { // answers at once
		_, _ = fe.DisplayHTML("<p>static figure for the default parameters</p>")
	}
	fmt.Println(fe.Live(), len(nb.blocks))
	// Output: false 1
}
