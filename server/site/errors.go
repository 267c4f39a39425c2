package site

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/earshot/earshot/server/feed"
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
	{feed.ErrBadURL, http.StatusBadRequest, "bad_url", "Check the address: it must be a full http:// or https:// feed URL."},
	{feed.ErrBlocked, http.StatusForbidden, "blocked_address", "This address points into a private network, which Earshot never fetches. Use the feed's public URL."},
	{feed.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large", "The feed is larger than Earshot accepts. Ask the podcaster for a paged or shorter feed."},
	{feed.ErrNotFeed, http.StatusUnprocessableEntity, "not_a_feed", "That address did not return a podcast feed. Look for the RSS link on the podcast's website."},
	{feed.ErrNotFound, http.StatusNotFound, "not_found", "That episode is not in the feed (any more). Open the show to pick another."},
	{feed.ErrTimeout, http.StatusGatewayTimeout, "timeout", "The feed's host took too long to answer. Try again in a minute."},
	{context.DeadlineExceeded, http.StatusGatewayTimeout, "timeout", "The feed's host took too long to answer. Try again in a minute."},
	{feed.ErrUpstream, http.StatusBadGateway, "upstream_error", "The feed's host answered with an error. Try again later."},
}

// classify turns err into the API error a client sees.
func classify(err error) apiError {
	for _, k := range errorKinds {
		if errors.Is(err, k.kind) {
			return apiError{Status: k.status, Code: k.code, Message: k.advice + " (" + err.Error() + ")"}
		}
	}
	return apiError{Status: http.StatusInternalServerError, Code: "internal", Message: "Something went wrong on the Earshot server. Try again later."}
}

// writeError answers with err as JSON.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(err)
	if e.Status >= 500 && e.Status != http.StatusBadGateway && e.Status != http.StatusGatewayTimeout {
		slog.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err)
	}
	writeJSON(w, r, e.Status, cacheNoStore, map[string]apiError{"error": e})
}
