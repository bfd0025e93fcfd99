package matcher

import "errors"

// ErrInvalidConfig is wrapped by Validate errors.
var ErrInvalidConfig = errors.New("matcher: invalid config")
