package plain_test

import (
	"os"

	"github.com/synaptune/synaptune/kernel/plain"
)

// Text goes to the writer; without a report directory HTML outputs are noted.
func Example() {
	fe, _ := plain.New(plain.Options{Out: os.Stdout})
	_ = fe.Print("Paired-pulse ratio: 1.23\n")
	// Output: Paired-pulse ratio: 1.23
}
