package notebook_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/synaptune/synaptune/kernel/memory"
	"github.com/synaptune/synaptune/tuner/notebook"
)

// In a GoNB cell the zero Options draw in the cell; here an in-memory front
// end and a stand-in library take their place.
func ExampleSeed() {
	fe := memory.New()
	t, err := notebook.Seed("Dep2FSI", notebook.Options{Frontend: fe, ECharts: []byte("/* echarts */")})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := t.SingleEvent(); err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(fe.Printed(), "\n") {
		if strings.HasPrefix(line, "('amp'") || strings.HasPrefix(line, "Current") {
			fmt.Println(line)
		}
	}
	// Output:
	// ('amp', 0.16000855570656114)
	// Current Integral in pA*ms: -15777.35
}
