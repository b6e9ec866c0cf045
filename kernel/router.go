package kernel

import (
	"sync"
	"sync/atomic"
)

// Router delivers incoming comm messages to the subscriptions and handlers of
// their address. Front-end implementations embed one and call Dispatch for each
// message that arrives from the front end. The zero value is ready to use.
type Router struct {
	mu       sync.Mutex
	subs     map[string][]*Subscription
	handlers map[string][]*handler
}

type handler struct {
	fn func(Message)
}

// Subscribe returns a subscription to address with latest-only delivery.
func (r *Router) Subscribe(address string) *Subscription {
	s := &Subscription{address: address, c: make(chan Message, 1), router: r}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.subs == nil {
		r.subs = make(map[string][]*Subscription)
	}
	r.subs[address] = append(r.subs[address], s)
	return s
}

// Handle calls fn synchronously for each message dispatched to address, until
// the returned stop function is called.
func (r *Router) Handle(address string, fn func(Message)) (stop func()) {
	h := &handler{fn: fn}
	r.mu.Lock()
	if r.handlers == nil {
		r.handlers = make(map[string][]*handler)
	}
	r.handlers[address] = append(r.handlers[address], h)
	r.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.handlers[address] = without(r.handlers[address], h)
			if len(r.handlers[address]) == 0 {
				delete(r.handlers, address)
			}
		})
	}
}

// Dispatch delivers m: first to the handlers of its address, in the order they
// were registered, then to its subscriptions. It reports whether anyone was
// listening.
func (r *Router) Dispatch(m Message) bool {
	r.mu.Lock()
	hs := append([]*handler(nil), r.handlers[m.Address]...)
	ss := append([]*Subscription(nil), r.subs[m.Address]...)
	r.mu.Unlock()
	for _, h := range hs {
		h.fn(m)
	}
	for _, s := range ss {
		s.deliver(m)
	}
	return len(hs)+len(ss) > 0
}

func (r *Router) remove(s *Subscription) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.subs[s.address] = without(r.subs[s.address], s)
	if len(r.subs[s.address]) == 0 {
		delete(r.subs, s.address)
	}
}

func without[T comparable](list []T, x T) []T {
	out := list[:0:0]
	for _, y := range list {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

// Subscription receives the messages sent by the front end to one address.
// It holds at most one unread message: a newer message replaces an unread
// older one, so a slow reader always gets the newest value.
type Subscription struct {
	address string
	router  *Router

	mu      sync.Mutex // serialises deliver and Close
	c       chan Message
	closed  bool
	dropped atomic.Int64
}

// Address returns the subscribed address.
func (s *Subscription) Address() string { return s.address }

// C returns the channel of messages. It is closed by Close.
func (s *Subscription) C() <-chan Message { return s.c }

// Dropped returns how many messages were replaced by a newer one before they
// were read.
func (s *Subscription) Dropped() int64 { return s.dropped.Load() }

// Close unsubscribes and closes the channel. It is safe to call more than once.
func (s *Subscription) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.c)
	s.mu.Unlock()
	s.router.remove(s)
}

func (s *Subscription) deliver(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	select {
	case <-s.c:
		s.dropped.Add(1)
	default:
	}
	// Only deliver (under s.mu) adds to the channel, and it was just emptied,
	// so this send never blocks.
	s.c <- m
}
