package app

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/library"
)

// Error is a failure the interface shows a listener: a code of Earshot's
// one error vocabulary (the API's codes, README "Errors from the API", plus
// a few the browser meets by itself) and, for the upstream_error code, the
// HTTP status the feed's host answered. What the listener reads is the
// code's sentence from the string table, in the UI language: never a Go
// error's text, which can name internal addresses or parser internals.
type Error struct {
	Code string
	// Message is the server's English sentence for the code, shown only
	// when the table has no sentence for the code (a newer server).
	Message string
	// HostStatus is what the feed's host answered (upstream_error), 0 when
	// unknown.
	HostStatus int
}

// Codes the browser meets without the server having said so.
const (
	codeOffline       = "offline"        // the Earshot server could not be reached
	codeBadAnswer     = "bad_answer"     // its answer was not understood
	codeStaticMissing = "static_missing" // a static export lacks a data file
	codeNoEpisodes    = "no_episodes"
	codeLibraryNewer  = "library_newer"
	codeLibraryBroken = "library_corrupt"
	codeDownloadNoAPI = "dl_unsupported"
	codeDownloadCORS  = "dl_cors"
	codeDownloadHTTP  = "dl_http" // HostStatus is the host's answer
	codeDownloadSpace = "dl_space"
	// A static export's search answers with the API's codes.
	codeEmptyQuery = "empty_query"
	codeLongQuery  = "query_too_long"
)

func (e *Error) Error() string { return lang("en").errText(e) }

// errorOf is err as an *Error: itself, or one with the code "internal"
// (whose sentence never repeats err's text).
func errorOf(err error) *Error {
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	return &Error{Code: "internal", Message: err.Error()}
}

// apiError reads the server's JSON error answer {"error":{"code","message"}}.
func apiError(status int, body string) *Error {
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal([]byte(body), &e) != nil || e.Error.Code == "" {
		if status >= 500 {
			return &Error{Code: "internal"}
		}
		return &Error{Code: codeBadAnswer}
	}
	return &Error{Code: e.Error.Code, Message: e.Error.Message}
}

// hostStatusIn finds the status the server quotes from a feed's host in its
// sentence ("… (The host answered HTTP 503.)"), 0 when none.
func hostStatusIn(msg string) int {
	_, rest, ok := strings.Cut(msg, "answered HTTP ")
	if !ok {
		return 0
	}
	end := 0
	for end < len(rest) && end < 3 && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(rest[:end])
	return n
}

// errText is the sentence a listener reads for err in l: what happened and
// what to do. Errors that are not an *Error come from a Source that gives
// listener-ready sentences (tests); anything else says that something went
// wrong.
func (l lang) errText(err error) string {
	e, ok := errors.AsType[*Error](err)
	if !ok {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	key := "err_" + e.Code
	if _, known := messages[key]; !known {
		if e.Message != "" {
			return e.Message
		}
		key = "err_internal"
	}
	status := e.HostStatus
	if status == 0 {
		status = hostStatusIn(e.Message)
	}
	var s string
	if strings.Contains(messages[key]["en"], "%") {
		s = l.t(key, status)
	} else {
		s = l.t(key)
	}
	if status > 0 && e.Code == "upstream_error" {
		s += " " + l.t("hostAnswered", status)
	}
	return s
}

// pageError is how a page shows that what it was asked for failed: what
// happened (title), the sentence of the error, and ways on.
type pageError struct {
	title string
	text  string
	links []app.UI
}

// homeLinks are the ways back from an error in the app.
func homeLinks(l lang, extra ...app.UI) []app.UI {
	return append(extra,
		app.A().Class("es-btn").Href("/").Text(l.t("backHome")),
		app.A().Class("es-btn").Href(PathLibrary).Text(l.t("openLibrary")),
	)
}

// render is the error as an alert with its ways on (none in an embed).
func (e pageError) render() app.UI {
	return app.Div().Class("es-error").Attr("role", "alert").Body(
		app.If(e.title != "", func() app.UI { return app.H1().Class("es-errortitle").Text(e.title) }),
		app.P().Text(e.text),
		app.If(len(e.links) > 0, func() app.UI { return app.P().Class("es-sharerow", "es-errorlinks").Body(e.links...) }),
	)
}

// errorBox is a short error inside a page (a form's answer, a library
// problem): one sentence, announced.
func errorBox(msg string) app.UI {
	return app.Div().Class("es-error").Attr("role", "alert").Body(app.P().Text(msg))
}

// libraryError is the failure to read or keep the listener's library.
func libraryError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, library.ErrNewerVersion):
		return &Error{Code: codeLibraryNewer}
	case errors.Is(err, library.ErrCorrupt):
		return &Error{Code: codeLibraryBroken}
	}
	return errorOf(err)
}
