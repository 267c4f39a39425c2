package app

import (
	"strconv"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Sleep timer modes besides a number of minutes.
const (
	sleepOff     = "off"
	sleepChapter = "chapter" // pause when the current chapter ends
	sleepEpisode = "episode" // pause at the end of the episode (no auto-advance)
)

// sleepChoices are the timer's options, in menu order.
var sleepChoices = []string{sleepOff, "5", "15", "30", "45", "60", sleepChapter, sleepEpisode}

// sleepTimer pauses playback after a while, at the end of the chapter or at
// the end of the episode.
type sleepTimer struct {
	mode    string
	until   time.Time // for minutes
	chapter int       // for sleepChapter: the chapter it was set in
	timer   app.Value // the JS timeout, for minutes
	fn      app.Func
	// fired re-renders the player after the timer paused it.
	fired func()
}

// set arms the timer for mode; it replaces any earlier setting.
func (s *sleepTimer) set(p *Player, mode string) {
	s.cancel()
	s.fired = func() { p.ctx.Dispatch(nil) }
	s.mode = mode
	switch mode {
	case sleepChapter:
		s.chapter = chapterAt(p.chapters(), p.currentTime())
	case sleepOff, sleepEpisode:
	default:
		min, err := strconv.Atoi(mode)
		if err != nil || min <= 0 {
			s.mode = sleepOff
			return
		}
		d := time.Duration(min) * time.Minute
		s.until = time.Now().Add(d)
		s.fn = app.FuncOf(func(app.Value, []app.Value) any {
			s.fire()
			return nil
		})
		s.timer = app.Window().Call("setTimeout", s.fn, d.Milliseconds())
	}
}

func (s *sleepTimer) cancel() {
	if s.timer != nil {
		app.Window().Call("clearTimeout", s.timer)
		s.timer = nil
	}
	if s.fn != nil {
		s.fn.Release()
		s.fn = nil
	}
	s.mode = sleepOff
}

// fire pauses playback and disarms the timer.
func (s *sleepTimer) fire() {
	if a := bridge().audio(); a != nil {
		a.Call("pause")
	}
	s.cancel()
	if s.fired != nil {
		s.fired()
	}
}

// chapterChanged fires the chapter timer when the chapter it was set in
// has ended.
func (s *sleepTimer) chapterChanged(ch int) {
	if s.mode == sleepChapter && ch != s.chapter {
		s.fire()
	}
}

// label is the menu text of a choice.
func sleepLabel(l lang, mode string) string {
	switch mode {
	case sleepOff:
		return l.t("sleepOff")
	case sleepChapter:
		return l.t("sleepChapter")
	case sleepEpisode:
		return l.t("sleepEpisode")
	}
	return l.t("sleepMinutes", mode)
}

func (p *Player) renderSleep() app.UI {
	return app.Select().Class("es-sleep", "es-app-only").Disabled(app.IsServer).Aria("label", p.lang.t("sleep")).
		OnChange(func(ctx app.Context, e app.Event) { p.sleep.set(p, ctx.JSSrc().Get("value").String()) }).
		Body(app.Range(sleepChoices).Slice(func(i int) app.UI {
			return option(sleepChoices[i], sleepLabel(p.lang, sleepChoices[i]), sleepChoices[i] == p.sleep.mode)
		}))
}
