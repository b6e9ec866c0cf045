package kernel_test

import (
	"encoding/json"
	"fmt"

	"github.com/synaptune/synaptune/kernel"
)

// A subscription keeps only the newest unread message: a reader that was busy
// while three values arrived reads just the last one.
func ExampleSubscription() {
	var r kernel.Router
	sub := r.Subscribe("gain")
	defer sub.Close()
	for _, v := range []string{"1", "2", "3"} {
		r.Dispatch(kernel.Message{Address: "gain", Value: json.RawMessage(v)})
	}
	var gain int
	_ = (<-sub.C()).Decode(&gain)
	fmt.Println(gain, sub.Dropped())
	// Output: 3 2
}
