package feed

import "errors"

// Kinds of failure, for errors.Is. The HTTP layer maps each to one status
// (server/site/errors.go); everything the service returns wraps one of them
// (or is a context error).
var (
	ErrBadURL   = errors.New("not a valid feed URL")
	ErrBlocked  = errors.New("address not allowed")
	ErrTooLarge = errors.New("too large")
	ErrNotFeed  = errors.New("not a podcast feed")
	ErrUpstream = errors.New("the feed host failed")
	ErrTimeout  = errors.New("the feed host took too long")
	ErrNotFound = errors.New("no such episode")
)
