package widgets

import (
	"sync"

	"github.com/synaptune/synaptune/kernel"
)

// valued is the shared core of widgets that hold a value synchronised both ways
// on the address "<id>/value".
type valued[T comparable] struct {
	control
	value  T
	events *events[T]
	// dispatch keeps the stored value and the emitted events in the same order
	// when messages arrive from several goroutines.
	dispatch sync.Mutex
}

// listen registers the handler for values from the front end. accept decodes
// and validates a message; rejected messages are ignored.
func (v *valued[T]) listen(accept func(kernel.Message) (T, bool)) {
	v.events = newEvents[T]()
	v.handle(suffixValue, func(m kernel.Message) {
		x, ok := accept(m)
		if !ok {
			return
		}
		v.dispatch.Lock()
		defer v.dispatch.Unlock()
		v.mu.Lock()
		changed := v.value != x
		v.value = x
		v.mu.Unlock()
		if changed {
			v.events.emit(x)
		}
	})
}

// Value returns the current value, whether it was last set in Go or in the
// front end.
func (v *valued[T]) Value() T {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.value
}

// Changes returns the channel of values the user sets in the front end
// (values set from Go with SetValue are not reported). Delivery is latest-only:
// the channel holds at most one value, and a newer value replaces an unread
// one, so a busy reader sees only the newest value when it next reads. The
// channel is closed by Close.
func (v *valued[T]) Changes() <-chan T { return v.events.c }

// OnChange registers fn to be called with each value the user sets in the
// front end. fn runs on the goroutine that delivers comm messages and must
// return quickly (for example show or hide another widget); do slow work by
// reading Changes instead.
func (v *valued[T]) OnChange(fn func(T)) { v.events.on(fn) }

// Superseded returns how many changes were replaced in the Changes channel by
// a newer one before they were read.
func (v *valued[T]) Superseded() int64 { return v.events.dropped.Load() }

// Close implements Widget.
func (v *valued[T]) Close() {
	v.stopHandlers()
	v.events.close()
}

func (v *valued[T]) store(x T) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.value = x
	return v.send(suffixValue, x)
}
