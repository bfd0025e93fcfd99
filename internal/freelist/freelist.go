// Package freelist keeps large reusable buffers across garbage
// collections, which sync.Pool does not: a scratch space of megabytes that
// is dropped at every GC costs more to allocate and zero again than the
// work it serves.
package freelist

// List holds up to a fixed number of idle values. It is safe for
// concurrent use.
type List[T any] struct {
	free chan T
	new  func() T
}

// New returns a list that keeps at most n idle values and makes new ones
// with newValue.
func New[T any](n int, newValue func() T) *List[T] {
	return &List[T]{free: make(chan T, n), new: newValue}
}

// Get returns an idle value, or a new one.
func (l *List[T]) Get() T {
	select {
	case v := <-l.free:
		return v
	default:
		return l.new()
	}
}

// Put returns v to the list, or drops it when the list is full.
func (l *List[T]) Put(v T) {
	select {
	case l.free <- v:
	default:
	}
}
