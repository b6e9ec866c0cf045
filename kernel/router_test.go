package kernel_test

import (
	"encoding/json"
	"strconv"
	"sync"
	"testing"

	"github.com/synaptune/synaptune/kernel"
)

func msg(address string, n int) kernel.Message {
	return kernel.Message{Address: address, Value: json.RawMessage(strconv.Itoa(n))}
}

// A busy subscriber that receives 1,000 rapid messages processes only the
// first (which made it busy) and the last one.
func TestSubscriptionLatestOnly(t *testing.T) {
	var r kernel.Router
	sub := r.Subscribe("slider")
	defer sub.Close()

	busy := make(chan struct{})
	release := make(chan struct{})
	var processed []int
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m := range sub.C() {
			var v int
			if err := m.Decode(&v); err != nil {
				t.Errorf("decode: %v", err)
				return
			}
			processed = append(processed, v)
			if len(processed) == 1 {
				close(busy)
				<-release // simulate a long simulation
			}
			if v == 1000 {
				return
			}
		}
	}()

	r.Dispatch(msg("slider", 1))
	<-busy
	for i := 2; i <= 1000; i++ {
		r.Dispatch(msg("slider", i))
	}
	close(release)
	<-done

	if len(processed) != 2 || processed[0] != 1 || processed[1] != 1000 {
		t.Errorf("processed %v, want [1 1000]", processed)
	}
	if got := sub.Dropped(); got != 998 {
		t.Errorf("Dropped() = %d, want 998", got)
	}
}

// Concurrent dispatchers and a reader never deadlock or race, and the reader's
// last value is the last one sent.
func TestSubscriptionConcurrentDispatch(t *testing.T) {
	var r kernel.Router
	sub := r.Subscribe("a")
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 250; i++ {
				r.Dispatch(msg("a", i))
			}
		}()
	}
	reads := 0
	stop := make(chan struct{})
	go func() { wg.Wait(); close(stop) }()
loop:
	for {
		select {
		case <-sub.C():
			reads++
		case <-stop:
			break loop
		}
	}
	r.Dispatch(msg("a", 4242))
	m := <-sub.C()
	if string(m.Value) != "4242" {
		t.Errorf("last value %s, want 4242", m.Value)
	}
	if total := int64(reads) + sub.Dropped(); total > 1000 {
		t.Errorf("reads+dropped = %d, more than the 1000 sent", total)
	}
	sub.Close()
	sub.Close() // idempotent
	if _, ok := <-sub.C(); ok {
		t.Error("channel still open after Close")
	}
	if r.Dispatch(msg("a", 1)) {
		t.Error("Dispatch reported a listener after Close")
	}
}

func TestHandleOrderAndStop(t *testing.T) {
	var r kernel.Router
	var got []string
	stop1 := r.Handle("x", func(m kernel.Message) { got = append(got, "h1:"+string(m.Value)) })
	stop2 := r.Handle("x", func(m kernel.Message) { got = append(got, "h2:"+string(m.Value)) })
	r.Handle("y", func(m kernel.Message) { got = append(got, "y:"+string(m.Value)) })

	r.Dispatch(msg("x", 1))
	stop1()
	stop1() // idempotent
	r.Dispatch(msg("x", 2))
	stop2()
	if r.Dispatch(msg("x", 3)) {
		t.Error("Dispatch reported a listener after both handlers stopped")
	}
	r.Dispatch(msg("y", 4))

	want := []string{"h1:1", "h2:1", "h2:2", "y:4"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestMessageDecodeError(t *testing.T) {
	m := kernel.Message{Address: "w1/value", Value: json.RawMessage(`"abc"`)}
	var f float64
	err := m.Decode(&f)
	if err == nil {
		t.Fatal("no error decoding a string into float64")
	}
	if want := `"w1/value"`; !contains(err.Error(), want) {
		t.Errorf("error %q does not name the address %s", err, want)
	}
}

func TestIDsUnique(t *testing.T) {
	g := kernel.NewIDsWithBase("b")
	if a, b := g.New("w"), g.New("w"); a != "wb-1" || b != "wb-2" {
		t.Errorf("ids %q %q, want wb-1 wb-2", a, b)
	}
	r1, r2 := kernel.NewIDs().New("w"), kernel.NewIDs().New("w")
	if r1 == r2 {
		t.Errorf("two random ID sources gave the same first id %q", r1)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// BenchmarkDispatch measures delivering one message to a handler and a subscription.
func BenchmarkDispatch(b *testing.B) {
	var r kernel.Router
	sub := r.Subscribe("a")
	defer sub.Close()
	n := 0
	r.Handle("a", func(kernel.Message) { n++ })
	m := msg("a", 1)
	for b.Loop() {
		r.Dispatch(m)
	}
}
