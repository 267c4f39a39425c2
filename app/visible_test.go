package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/earshot/earshot/follow"
	"github.com/earshot/earshot/library"
	"github.com/earshot/earshot/podcast"
)

// Every string a listener sees comes from the string table. Two tests make
// a string that bypasses app/i18n.go fail:
//
//   - TestEveryVisibleStringTranslated renders every page, layout and panel
//     in a pseudo-language whose texts are the English ones in ⟦brackets⟧,
//     and reads every text node and every attribute people read (aria-label,
//     title, alt, placeholder, aria-valuetext): after taking out the
//     bracketed texts and the feed's own data, no word may be left.
//   - TestNoStringLiteralsInViews reads app/'s source for string literals
//     with letters handed to Text, Title, Alt, Placeholder or an aria-label,
//     which catches what only the browser renders (the library's lists, the
//     download and queue buttons).

// pseudo is the pseudo-language of the first test.
const pseudo = "qq"

// withPseudoLanguage adds the pseudo-language for the test's duration.
func withPseudoLanguage(t *testing.T) {
	t.Helper()
	oldLangs := languages
	languages = append(append([]string(nil), languages...), pseudo)
	for key, m := range messages {
		switch key {
		case "_months":
			parts := strings.Split(m["en"], "|")
			for i := range parts {
				parts[i] = "⟦" + parts[i] + "⟧"
			}
			m[pseudo] = strings.Join(parts, "|")
		case "_date":
			m[pseudo] = "⟦" + m["en"] + "⟧"
		default:
			m[pseudo] = "⟦" + m["en"] + "⟧"
		}
	}
	t.Cleanup(func() {
		languages = oldLangs
		for _, m := range messages {
			delete(m, pseudo)
		}
	})
}

// richShow is a show whose episodes have every kind of label: season names
// and numbers, a live and an announced stream, a trailer, no duration.
func richShow() *podcast.Show {
	s := richView().Show
	day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	s.Author, s.Description = "Ada Lovelace", "A show about everything."
	s.Episodes = []podcast.Episode{
		{GUID: "ep-3", Title: "Third", Published: day, Duration: 3600, Season: 2, SeasonName: "Spring", Number: "3", Summary: "What the third is about."},
		{GUID: "ep-2", Title: "Second Episode", Published: day, Duration: 240, Season: 1, Number: "2", NumberText: "Part Two"},
		{GUID: "live", Title: "On air", Live: &podcast.Live{Status: "live"}},
		{GUID: "soon", Title: "Next week", Live: &podcast.Live{Status: "pending", Start: day}},
		{GUID: "trailer", Title: "Trailer time", Type: "trailer"},
	}
	return &s
}

// richerView is richView with what it lacks: an untitled highlight.
func richerView() *podcast.EpisodeView {
	v := richView()
	v.Episode.Soundbites = append(v.Episode.Soundbites, podcast.Soundbite{Start: 120, Duration: 30})
	v.Episode.Published = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	return v
}

// showAt is a showPage requested at url.
type showAt struct {
	showPage
	url string
}

func (p *showAt) OnPreRender(ctx goapp.Context) {
	setPageURL(ctx, p.url)
	p.OnNav(ctx)
}

// libraryAt is a libraryPage requested at url, with a library in it (the
// server renders the library's frame only: its content is the browser's).
type libraryAt struct {
	libraryPage
	url string
}

func (p *libraryAt) OnPreRender(ctx goapp.Context) {
	setPageURL(ctx, p.url)
	p.OnNav(ctx)
	ctx.Dispatch(func(goapp.Context) {
		p.lib = library.Library{
			Subscriptions: []library.Subscription{{FeedURL: "https://example.com/feed.xml", Title: "The Show"}, {FeedURL: "https://example.com/b.xml"}},
			Queue:         library.Queue{{FeedURL: "https://example.com/feed.xml", GUID: "ep-2", Title: "Second Episode"}, {FeedURL: "https://example.com/feed.xml", GUID: "ep-3", Title: "Third"}},
		}
		p.shows = map[string]*podcast.Show{"https://example.com/feed.xml": richShow()}
		p.errs = map[string]error{"https://example.com/b.xml": &Error{Code: "timeout"}}
		p.loadErr = &Error{Code: codeLibraryNewer}
		p.addErr = &Error{Code: "not_a_feed"}
		p.note = p.lang.count(3, "showsImported") + " " + p.lang.count(1, "showsAlready")
		p.noteErr = &Error{Code: "opml_too_large"}
		p.refused = []opmlRefusal{{URL: "http://10.0.0.1/feed.xml", Title: "Home server", Code: "blocked_address"}}
		p.resume = []inProgress{{Feed: "https://example.com/feed.xml", GUID: "ep-2", progress: progress{Title: "Second Episode", Show: "The Show", Position: 75, Duration: 240}}}
	})
}

// shareAt is a share panel with a clip that is not a time, and its embed
// generator's warnings.
type shareAt struct{ sharePanel }

func (s *shareAt) OnPreRender(ctx goapp.Context) {
	ctx.Dispatch(func(goapp.Context) {
		s.kind, s.clipBad[0], s.note = shareClip, true, s.lang.t("selectLines")
	})
}

// followShow is a show with everything the Follow panel shows: an Apple ID,
// funding, and a podroll with and without titles.
func followShow() *podcast.Show {
	s := richShow()
	s.AppleID = "1234567890"
	s.Funding = []podcast.Funding{{URL: "https://example.com/give"}}
	s.Podroll = []podcast.RemoteFeed{{FeedURL: "https://example.org/pc20.xml", Title: "Podcasting 2.0"}, {FeedURL: "https://example.org/roll.xml"}, {FeedGUID: "396d9ae0"}}
	return s
}

func TestEveryVisibleStringTranslated(t *testing.T) {
	withPseudoLanguage(t)
	q := "lang=" + pseudo
	bare := richerView()
	bare.Episode.Chapters, bare.Episode.Image, bare.Episode.Duration = nil, "", 0
	bare.Episode.Chapters = []podcast.Chapter{{Start: 5, Title: "Late start"}}
	pages := map[string]goapp.Composer{
		"front door":         &showAt{showPage: showPage{src: &fakeSource{show: richShow()}}, url: "/?" + q},
		"show":               &showAt{showPage: showPage{src: &fakeSource{show: richShow()}}, url: "/show?feed=https://example.com/feed.xml&" + q},
		"show, no episodes":  &showAt{showPage: showPage{src: &fakeSource{show: &podcast.Show{Title: "Empty"}}}, url: "/show?feed=x&" + q},
		"show error":         &showAt{showPage: showPage{src: &fakeSource{err: &Error{Code: "upstream_error", HostStatus: 503}}}, url: "/show?feed=x&" + q},
		"episode":            newEpisodeAt(&fakeSource{view: richerView()}, "/episode?guid=ep-2&"+q),
		"episode error":      newEpisodeAt(&fakeSource{err: &Error{Code: "not_found"}}, "/episode?feed=x&guid=ep-2&"+q),
		"embed full":         newEmbedAt(&fakeSource{view: richerView()}, "/embed?guid=ep-2&layout=full&"+q),
		"embed compact":      newEmbedAt(&fakeSource{view: richerView()}, "/embed?guid=ep-2&layout=compact&"+q),
		"embed mini":         newEmbedAt(&fakeSource{view: richerView()}, "/embed?guid=ep-2&layout=mini&"+q),
		"embed show":         newEmbedAt(&fakeSource{view: richerView(), show: richShow()}, "/embed?layout=show&"+q),
		"embed error":        newEmbedAt(&fakeSource{err: &Error{Code: "timeout"}}, "/embed?guid=ep-2&"+q),
		"library":            &libraryAt{url: "/library?" + q},
		"not found":          &notFoundAt{url: "/nope?" + q},
		"keyboard help":      &Player{View: richerView(), Lang: pseudo, help: true},
		"share panel, clip":  &shareAt{sharePanel{View: richerView(), Lang: pseudo, Current: 42}},
		"generator warnings": &embedGenerator{View: bare, Lang: pseudo},
		"live player":        &Player{View: liveView(), Lang: pseudo},
		"follow panel":       &followPanel{Show: followShow(), Lang: pseudo},
	}
	feedText := feedStrings(richerView(), richShow(), bare, liveView())
	feedText = append(feedText, "Home server", "Empty", "x", "http://10.0.0.1/feed.xml", "https://example.com/b.xml", "Podcasting 2.0", "example.org/roll.xml")
	feedText = append(feedText, follow.Names()...) // brand names
	sort.Slice(feedText, func(i, j int) bool { return len(feedText[i]) > len(feedText[j]) })

	for name, c := range pages {
		t.Run(name, func(t *testing.T) {
			doc := prerender(t, c)
			found := 0
			for _, v := range visibleStrings(doc) {
				found++
				if rest := untranslated(v.text, feedText, v.kbd); rest != "" {
					t.Errorf("%s %q is not from the string table (left: %q)", v.where, v.text, rest)
				}
			}
			assert.Positive(t, found)
		})
	}
}

// notFoundAt is the not-found page requested at url.
type notFoundAt struct {
	notFoundPage
	url string
}

func (p *notFoundAt) OnPreRender(ctx goapp.Context) {
	setPageURL(ctx, p.url)
	p.OnNav(ctx)
}

func liveView() *podcast.EpisodeView {
	v := richView()
	v.Episode.Live = &podcast.Live{Status: "live"}
	return v
}

type visible struct {
	where, text string
	kbd         bool
}

// visibleStrings lists the text nodes and read attributes under root,
// leaving out scripts and styles.
func visibleStrings(root *html.Node) []visible {
	var out []visible
	var walk func(n *html.Node, kbd bool)
	walk = func(n *html.Node, kbd bool) {
		switch n.Type {
		case html.TextNode:
			if s := strings.TrimSpace(n.Data); s != "" {
				out = append(out, visible{"text", s, kbd})
			}
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" || n.Data == "head" || hasClass("es-notes")(n) {
				return // no text, or the feed's own (sanitized show notes)
			}
			if hasClass("es-art-initials")(n) {
				return // a generated cover: the initials of feed data
			}
			kbd = kbd || n.Data == "kbd"
			for _, a := range n.Attr {
				switch a.Key {
				case "aria-label", "title", "alt", "placeholder", "aria-valuetext":
					if s := strings.TrimSpace(a.Val); s != "" {
						out = append(out, visible{"<" + n.Data + " " + a.Key + ">", s, false})
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, kbd)
		}
	}
	walk(root, false)
	return out
}

// untranslated is what is left of s after taking out the table's texts
// (⟦…⟧), the feed's data, URLs and the brand: "" when no word is left. In a
// <kbd>, single letters are key names.
func untranslated(s string, feed []string, kbd bool) string {
	for {
		i := strings.Index(s, "⟦")
		if i < 0 {
			break
		}
		depth, j := 0, i
		for k, r := range s[i:] {
			if r == '⟦' {
				depth++
			} else if r == '⟧' {
				depth--
				if depth == 0 {
					j = i + k + len("⟧")
					break
				}
			}
		}
		if j == i {
			break
		}
		s = s[:i] + " " + s[j:]
	}
	for _, f := range feed {
		if f != "" {
			s = strings.ReplaceAll(s, f, " ")
		}
	}
	var left []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '/' && r != ':' && r != '.' }) {
		w = strings.Trim(w, "./:")
		letters := strings.IndexFunc(w, unicode.IsLetter) >= 0
		switch {
		case !letters, w == "Earshot", strings.Contains(w, "//"), kbd && len([]rune(w)) == 1:
			continue
		}
		left = append(left, w)
	}
	return strings.Join(left, " ")
}

// feedStrings collects every string in vs (feed data).
func feedStrings(vs ...any) []string {
	var out []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.String:
			if s := v.String(); s != "" {
				out = append(out, s)
			}
		}
	}
	for _, v := range vs {
		walk(reflect.ValueOf(v))
	}
	return out
}

// The views of app/ hand no string literal with letters to what people
// read; a literal of a call to the string table (t, count, …) is a key.
func TestNoStringLiteralsInViews(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	readMethods := map[string]bool{"Text": true, "Title": true, "Alt": true, "Placeholder": true}
	readAttrs := map[string]bool{"label": true, "aria-label": true, "title": true, "placeholder": true, "alt": true, "valuetext": true}
	keyCalls := map[string]bool{"t": true, "count": true, "keyNames": true, "role": true, "errText": true, "translate": true, "Lang": true}
	allowed := map[string]bool{"Earshot": true}
	var bad []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err)
		// literals reports string literals with letters in e, outside
		// calls to the string table.
		var literals func(e ast.Expr)
		literals = func(e ast.Expr) {
			ast.Inspect(e, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && keyCalls[sel.Sel.Name] {
						return false
					}
				}
				if kv, ok := n.(*ast.KeyValueExpr); ok { // map keys are not shown
					literals(kv.Value)
					return false
				}
				return checkLit(n, fset, allowed, &bad)
			})
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			switch {
			case readMethods[name] && len(call.Args) == 1:
				literals(call.Args[0])
			case (name == "Aria" || name == "Attr") && len(call.Args) == 2:
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && readAttrs[strings.Trim(lit.Value, `"`)] {
					literals(call.Args[1])
				}
			case name == "option" && len(call.Args) == 3:
				literals(call.Args[1])
			}
			return true
		})
	}
	assert.Empty(t, bad, "visible strings outside the string table (app/messages.go)")
}

func checkLit(n ast.Node, fset *token.FileSet, allowed map[string]bool, bad *[]string) bool {
	lit, ok := n.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return true
	}
	s, err := strconv.Unquote(lit.Value)
	// Format verbs and example URLs are no words.
	words := verbRE.ReplaceAllString(s, "")
	if err != nil || allowed[s] || strings.Contains(s, "://") || strings.IndexFunc(words, unicode.IsLetter) < 0 {
		return true
	}
	*bad = append(*bad, fset.Position(lit.Pos()).String()+": "+lit.Value)
	return true
}
