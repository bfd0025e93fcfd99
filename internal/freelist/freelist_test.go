package freelist

import (
	"runtime"
	"testing"
)

func TestListSurvivesGC(t *testing.T) {
	made := 0
	l := New(2, func() *[]byte { made++; b := make([]byte, 1<<20); return &b })
	a := l.Get()
	l.Put(a)
	runtime.GC()
	if b := l.Get(); b != a || made != 1 {
		t.Fatalf("value not kept across GC (made %d)", made)
	}
	l.Put(l.Get())
	l.Put(l.new())
	l.Put(l.new()) // full: dropped
	if len(l.free) != 2 {
		t.Fatalf("%d idle values, want 2", len(l.free))
	}
}
