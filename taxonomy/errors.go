package taxonomy

import (
	"errors"
	"fmt"
)

// Sentinel errors. Errors returned by this package and its loaders wrap one
// of them.
var (
	// ErrInvalid reports bad input: a malformed file, an unknown kind, a
	// label without text.
	ErrInvalid = errors.New("invalid taxonomy data")
	// ErrNotFound reports an unknown concept ID.
	ErrNotFound = errors.New("concept not found")
)

// ParseError locates bad input in a file. Line and Column count from 1;
// Column is 0 when the whole line is at fault.
type ParseError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// Is makes every ParseError match [ErrInvalid].
func (e *ParseError) Is(target error) bool { return target == ErrInvalid }
