package app

import (
	"strconv"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/earshot/earshot/podcast"
)

// renderPeople lists the episode's people (podcast:person) and funding
// links.
func (p *Player) renderPeople() app.UI {
	ep := &p.View.Episode
	persons, funding := ep.Persons, ep.Funding
	if len(persons) == 0 {
		persons = p.View.Show.Persons
	}
	if len(funding) == 0 {
		funding = p.View.Show.Funding
	}
	if len(persons) == 0 && len(funding) == 0 {
		return nil
	}
	return app.Section().Class("es-section", "es-people").Aria("label", p.lang.t("people")).Body(
		app.If(len(persons) > 0, func() app.UI {
			return app.Div().Body(
				app.H2().Text(p.lang.t("people")),
				app.Ul().Class("es-persons").Body(app.Range(persons).Slice(func(i int) app.UI {
					return renderPerson(p.lang, persons[i])
				})),
			)
		}),
		renderFunding(p.lang, funding),
	)
}

func renderPerson(l lang, person podcast.Person) app.UI {
	name := app.Span().Class("es-person-name").Text(person.Name)
	var named app.UI = name
	if href := hrefOf(person.Href); href != "" {
		named = app.A().Href(href).Target("_blank").Rel("noopener noreferrer").Body(name)
	}
	return app.Li().Class("es-person").Body(
		// The avatar falls back to the person's initials when there is
		// none or it fails to load.
		artwork("es-avatar", person.Image, person.Name, ""),
		app.Span().Body(
			named,
			app.If(person.Role != "", func() app.UI { return app.Span().Class("es-person-role").Text(l.role(person.Role)) }),
		),
	)
}

// renderSoundbites offers the episode's highlights as chips that play a
// clip (data-t / data-end, handled by onTimeLink).
func (p *Player) renderSoundbites() app.UI {
	sbs := p.View.Episode.Soundbites
	if len(sbs) == 0 {
		return nil
	}
	return app.Section().Class("es-section", "es-soundbites").Aria("label", p.lang.t("highlights")).Body(
		app.H2().Text(p.lang.t("highlights")),
		app.Div().Class("es-chips").Body(app.Range(sbs).Slice(func(i int) app.UI {
			s := sbs[i]
			from, to := podcast.FormatClock(s.Start), podcast.FormatClock(s.Start+s.Duration)
			// An untitled highlight is named by its span ("Highlight
			// 2:00–2:30"): nothing else tells two of them apart.
			var body []app.UI
			name := p.lang.t("highlightSpan", from, to)
			if s.Title != "" {
				name = from + " " + s.Title
				body = []app.UI{app.Span().Class("es-at").Text(from), app.Text(" " + s.Title)}
			} else {
				body = []app.UI{app.Text(name)}
			}
			return app.Button().Class("es-chip").
				DataSet("t", strconv.FormatFloat(s.Start, 'f', -1, 64)).
				DataSet("end", strconv.FormatFloat(s.Start+s.Duration, 'f', -1, 64)).
				Aria("label", attr(p.lang.t("playHighlight", name))).
				Body(body...)
		})),
	)
}
