package memory_test

import (
	"fmt"

	"github.com/synaptune/synaptune/kernel/memory"
)

// A test plays the browser: it injects a comm message and reads what Go sent.
func Example() {
	fe := memory.New()
	sub := fe.Subscribe("speed")
	defer sub.Close()

	_, _ = fe.Inject("speed", 2.5)
	var v float64
	_ = (<-sub.C()).Decode(&v)
	_ = fe.Send("speed/echo", v*2)

	echo, _ := fe.LastSent("speed/echo")
	fmt.Println(v, string(echo))
	// Output: 2.5 5
}
