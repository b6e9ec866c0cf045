package widgets

import (
	"slices"
	"sync"
	"sync/atomic"
)

// events fans a widget's changes out to a latest-only channel and to callbacks.
type events[T any] struct {
	mu        sync.Mutex
	c         chan T
	closed    bool
	callbacks []func(T)
	dropped   atomic.Int64
}

func newEvents[T any]() *events[T] {
	return &events[T]{c: make(chan T, 1)}
}

func (e *events[T]) emit(v T) {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	select {
	case <-e.c:
		e.dropped.Add(1)
	default:
	}
	e.c <- v // never blocks: only emit (under e.mu) fills the channel, and it was just emptied
	callbacks := slices.Clone(e.callbacks)
	e.mu.Unlock()
	for _, fn := range callbacks {
		fn(v)
	}
}

func (e *events[T]) on(fn func(T)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.callbacks = append(e.callbacks, fn)
}

func (e *events[T]) close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.closed {
		e.closed = true
		close(e.c)
	}
}
