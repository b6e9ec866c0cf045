package engine

import "container/heap"

type eventKind uint8

const (
	netconEvent eventKind = iota
	selfEvent
)

// event is one entry of the event queue.
type event struct {
	t     float64
	seq   uint64
	kind  eventKind
	nc    int // netconEvent: NetCon index
	block int // selfEvent: block and instance
	inst  int
	flag  float64
	args  []float64
}

// eventHeap orders events by time, ties in insertion order.
type eventHeap []event

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(i, j int) bool {
	if h[i].t != h[j].t {
		return h[i].t < h[j].t
	}
	return h[i].seq < h[j].seq
}
func (h eventHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *eventHeap) Push(x any)   { *h = append(*h, x.(event)) }
func (h *eventHeap) Pop() any {
	old := *h
	n := len(old)
	e := old[n-1]
	*h = old[:n-1]
	return e
}

// eventQueue is a priority queue of events.
type eventQueue struct {
	h   eventHeap
	seq uint64
}

func (q *eventQueue) push(e event) {
	q.seq++
	e.seq = q.seq
	heap.Push(&q.h, e)
}

// popDue removes and returns the earliest event if its time is <= tm.
func (q *eventQueue) popDue(tm float64) (event, bool) {
	if len(q.h) == 0 || q.h[0].t > tm {
		return event{}, false
	}
	return heap.Pop(&q.h).(event), true
}

func (q *eventQueue) clear() {
	q.h = q.h[:0]
	q.seq = 0
}
