package site

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/earshot/earshot/server/feed"
	"github.com/earshot/earshot/server/feed/fetch"
	"github.com/earshot/earshot/server/search"
)

// apiError is the JSON error body: {"error":{"code","message"}}.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

var errInternal = errors.New("internal error")

// errorKinds maps each kind of failure to its status, code and the advice a
// user gets. This is the one place where errors become HTTP statuses.
var errorKinds = []struct {
	kind   error
	status int
	code   string
	advice string
}{
	{search.ErrEmptyQuery, http.StatusBadRequest, "empty_query", "Type a word to search for."},
	{search.ErrLongQuery, http.StatusBadRequest, "query_too_long", "That search is too long. Use a few words, at most 200 characters."},
	{feed.ErrBadURL, http.StatusBadRequest, "bad_url", "Check the address: it must be a full http:// or https:// feed URL."},
	{feed.ErrBlocked, http.StatusForbidden, "blocked_address", "This address points into a private network, which Earshot never fetches. Use the feed's public URL."},
	{feed.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large", "The feed is larger than Earshot accepts. Ask the podcaster for a paged or shorter feed."},
	{feed.ErrNotFeed, http.StatusUnprocessableEntity, "not_a_feed", "That address did not return a podcast feed. Look for the RSS link on the podcast's website."},
	{feed.ErrNotFound, http.StatusNotFound, "not_found", "That episode is not in the feed (any more). Open the show to pick another."},
	{feed.ErrTimeout, http.StatusGatewayTimeout, "timeout", "The feed's host took too long to answer. Try again in a minute."},
	{context.DeadlineExceeded, http.StatusGatewayTimeout, "timeout", "The feed's host took too long to answer. Try again in a minute."},
	{feed.ErrUpstream, http.StatusBadGateway, "upstream_error", "The feed's host answered with an error. Try again later."},
}

// classify turns err into the error a client sees: a stable code and a
// sentence that says what to do. The error itself never reaches the client:
// its text can name internal addresses (the resolver's, or what a private
// host name resolves to), file paths or parser internals. logFailure keeps
// it for the operator. The one detail added is the HTTP status a feed's
// host answered with, which the listener could see for themselves.
func classify(err error) apiError {
	for _, k := range errorKinds {
		if errors.Is(err, k.kind) {
			msg := k.advice
			if fe, ok := errors.AsType[*fetch.Error](err); ok && k.kind == feed.ErrUpstream && fe.StatusCode >= 300 {
				msg += " (The host answered HTTP " + strconv.Itoa(fe.StatusCode) + ".)"
			}
			return apiError{Status: k.status, Code: k.code, Message: msg}
		}
	}
	return apiError{Status: http.StatusInternalServerError, Code: "internal", Message: "Something went wrong on the Earshot server. Try again later."}
}

// logFailure records why a request failed, with the detail classify keeps
// from the client: at debug level for mistakes in the request, info for
// refusals and failing hosts, error for Earshot's own faults.
func logFailure(ctx context.Context, path string, err error, e apiError) {
	level := slog.LevelInfo
	switch {
	case e.Status == http.StatusBadRequest || e.Status == http.StatusNotFound:
		level = slog.LevelDebug
	case e.Status >= 500 && e.Status != http.StatusBadGateway && e.Status != http.StatusGatewayTimeout:
		level = slog.LevelError
	}
	slog.Log(ctx, level, "request failed", "path", path, "code", e.Code, "err", err)
}

// writeError answers with err as JSON.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(err)
	logFailure(r.Context(), r.URL.Path, err, e)
	writeJSON(w, r, e.Status, cacheNoStore, map[string]apiError{"error": e})
}
