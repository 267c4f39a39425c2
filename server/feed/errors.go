package feed

import (
	"errors"

	"github.com/earshot/earshot/server/feed/fetch"
)

// Kinds of failure, for errors.Is. The HTTP layer maps each to one status
// (server/site/errors.go); everything the service returns wraps one of them
// (or is a context error). The fetch kinds are fetch's own values, not
// copies: a failed fetch is already a failed feed, with one vocabulary for
// both; this package adds what only a feed can be.
var (
	ErrBadURL   = fetch.ErrBadURL
	ErrBlocked  = fetch.ErrBlocked
	ErrTooLarge = fetch.ErrTooLarge
	ErrUpstream = fetch.ErrUpstream
	ErrTimeout  = fetch.ErrTimeout
	ErrNotFeed  = errors.New("not a podcast feed")
	ErrNotFound = errors.New("no such episode")
)
