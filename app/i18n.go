package app

import (
	"fmt"
	"strings"
	"time"
)

// Languages the UI is translated into; the first is the fallback.
var languages = []string{"en", "de", "fr", "es"}

// messages holds every UI string by key, then language. A missing
// translation falls back to English, so a new string never shows a key.
var messages = map[string]map[string]string{
	"play":          {"en": "Play", "de": "Abspielen", "fr": "Lecture", "es": "Reproducir"},
	"pause":         {"en": "Pause", "de": "Pause", "fr": "Pause", "es": "Pausa"},
	"seek":          {"en": "Seek", "de": "Springen", "fr": "Position", "es": "Posición"},
	"back15":        {"en": "Back 15 seconds", "de": "15 Sekunden zurück", "fr": "Reculer de 15 secondes", "es": "Retroceder 15 segundos"},
	"fwd30":         {"en": "Forward 30 seconds", "de": "30 Sekunden vor", "fr": "Avancer de 30 secondes", "es": "Avanzar 30 segundos"},
	"prevChapter":   {"en": "Previous chapter", "de": "Vorheriges Kapitel", "fr": "Chapitre précédent", "es": "Capítulo anterior"},
	"nextChapter":   {"en": "Next chapter", "de": "Nächstes Kapitel", "fr": "Chapitre suivant", "es": "Capítulo siguiente"},
	"speed":         {"en": "Playback speed", "de": "Wiedergabegeschwindigkeit", "fr": "Vitesse de lecture", "es": "Velocidad de reproducción"},
	"volume":        {"en": "Volume", "de": "Lautstärke", "fr": "Volume", "es": "Volumen"},
	"mute":          {"en": "Mute", "de": "Stumm", "fr": "Couper le son", "es": "Silenciar"},
	"unmute":        {"en": "Unmute", "de": "Ton an", "fr": "Rétablir le son", "es": "Activar sonido"},
	"elapsed":       {"en": "Show remaining time", "de": "Restzeit anzeigen", "fr": "Afficher le temps restant", "es": "Mostrar tiempo restante"},
	"remaining":     {"en": "Show elapsed time", "de": "Vergangene Zeit anzeigen", "fr": "Afficher le temps écoulé", "es": "Mostrar tiempo transcurrido"},
	"chapters":      {"en": "Chapters", "de": "Kapitel", "fr": "Chapitres", "es": "Capítulos"},
	"notes":         {"en": "Show notes", "de": "Shownotes", "fr": "Notes de l’épisode", "es": "Notas del episodio"},
	"transcript":    {"en": "Transcript", "de": "Transkript", "fr": "Transcription", "es": "Transcripción"},
	"share":         {"en": "Share", "de": "Teilen", "fr": "Partager", "es": "Compartir"},
	"people":        {"en": "People", "de": "Mitwirkende", "fr": "Intervenants", "es": "Participantes"},
	"support":       {"en": "Support the show", "de": "Unterstütze die Sendung", "fr": "Soutenir l’émission", "es": "Apoya el programa"},
	"highlights":    {"en": "Highlights", "de": "Höhepunkte", "fr": "Moments forts", "es": "Momentos destacados"},
	"playHighlight": {"en": "Play this highlight: %s", "de": "Diesen Ausschnitt abspielen: %s", "fr": "Écouter cet extrait : %s", "es": "Escuchar este fragmento: %s"},
	"season":        {"en": "Season %s", "de": "Staffel %s", "fr": "Saison %s", "es": "Temporada %s"},
	"episode":       {"en": "Episode %s", "de": "Folge %s", "fr": "Épisode %s", "es": "Episodio %s"},
	"trailer":       {"en": "Trailer", "de": "Trailer", "fr": "Bande-annonce", "es": "Tráiler"},
	"bonus":         {"en": "Bonus", "de": "Bonus", "fr": "Bonus", "es": "Extra"},
	"buffering":     {"en": "Loading…", "de": "Lädt…", "fr": "Chargement…", "es": "Cargando…"},
	"mediaError":    {"en": "This episode could not be loaded.", "de": "Diese Folge konnte nicht geladen werden.", "fr": "Impossible de charger cet épisode.", "es": "No se pudo cargar este episodio."},
	"retry":         {"en": "Try again", "de": "Erneut versuchen", "fr": "Réessayer", "es": "Reintentar"},
	"version":       {"en": "Version", "de": "Version", "fr": "Version", "es": "Versión"},
	"search":        {"en": "Search the transcript", "de": "Transkript durchsuchen", "fr": "Rechercher dans la transcription", "es": "Buscar en la transcripción"},
	"prevMatch":     {"en": "Previous match", "de": "Vorheriger Treffer", "fr": "Résultat précédent", "es": "Resultado anterior"},
	"nextMatch":     {"en": "Next match", "de": "Nächster Treffer", "fr": "Résultat suivant", "es": "Resultado siguiente"},
	"matches":       {"en": "%d of %d", "de": "%d von %d", "fr": "%d sur %d", "es": "%d de %d"},
	"noMatches":     {"en": "No matches", "de": "Keine Treffer", "fr": "Aucun résultat", "es": "Sin resultados"},
	"loadingTrans":  {"en": "Loading the transcript…", "de": "Transkript wird geladen…", "fr": "Chargement de la transcription…", "es": "Cargando la transcripción…"},
	"follow":        {"en": "Follow playback", "de": "Wiedergabe folgen", "fr": "Suivre la lecture", "es": "Seguir la reproducción"},
	"shortcuts":     {"en": "Keyboard shortcuts", "de": "Tastenkürzel", "fr": "Raccourcis clavier", "es": "Atajos de teclado"},
	"close":         {"en": "Close", "de": "Schließen", "fr": "Fermer", "es": "Cerrar"},
	"finished":      {"en": "Played", "de": "Gehört", "fr": "Écouté", "es": "Escuchado"},
	"episodes":      {"en": "Episodes", "de": "Folgen", "fr": "Épisodes", "es": "Episodios"},
	"showMore":      {"en": "Show more episodes", "de": "Weitere Folgen zeigen", "fr": "Afficher plus d’épisodes", "es": "Mostrar más episodios"},
	"copyLink":      {"en": "Copy link", "de": "Link kopieren", "fr": "Copier le lien", "es": "Copiar enlace"},
	"copied":        {"en": "Copied", "de": "Kopiert", "fr": "Copié", "es": "Copiado"},
	"atCurrent":     {"en": "Start at current time", "de": "Ab aktueller Position", "fr": "Commencer à la position actuelle", "es": "Empezar en la posición actual"},
	"player":        {"en": "Player: %s", "de": "Player: %s", "fr": "Lecteur : %s", "es": "Reproductor: %s"},
	"coverOf":       {"en": "Cover art of %s", "de": "Cover von %s", "fr": "Pochette de %s", "es": "Portada de %s"},
	"of":            {"en": "%s of %s", "de": "%s von %s", "fr": "%s sur %s", "es": "%s de %s"},
	"hours":         {"en": "hours", "de": "Stunden", "fr": "heures", "es": "horas"},
	"hour":          {"en": "hour", "de": "Stunde", "fr": "heure", "es": "hora"},
	"minutes":       {"en": "minutes", "de": "Minuten", "fr": "minutes", "es": "minutos"},
	"minute":        {"en": "minute", "de": "Minute", "fr": "minute", "es": "minuto"},
	"seconds":       {"en": "seconds", "de": "Sekunden", "fr": "secondes", "es": "segundos"},
	"second":        {"en": "second", "de": "Sekunde", "fr": "seconde", "es": "segundo"},
	"keyPlay":       {"en": "Play or pause", "de": "Abspielen oder pausieren", "fr": "Lecture ou pause", "es": "Reproducir o pausar"},
	"keySeek5":      {"en": "Back or forward 5 seconds", "de": "5 Sekunden zurück oder vor", "fr": "Reculer ou avancer de 5 secondes", "es": "Retroceder o avanzar 5 segundos"},
	"keySeek15":     {"en": "Back or forward 15 seconds", "de": "15 Sekunden zurück oder vor", "fr": "Reculer ou avancer de 15 secondes", "es": "Retroceder o avanzar 15 segundos"},
	"keyChapter":    {"en": "Previous or next chapter", "de": "Vorheriges oder nächstes Kapitel", "fr": "Chapitre précédent ou suivant", "es": "Capítulo anterior o siguiente"},
	"keyVolume":     {"en": "Volume up or down", "de": "Lauter oder leiser", "fr": "Monter ou baisser le volume", "es": "Subir o bajar el volumen"},
	"keyMute":       {"en": "Mute or unmute", "de": "Stumm oder Ton an", "fr": "Couper ou rétablir le son", "es": "Silenciar o activar el sonido"},
	"keySpeed":      {"en": "Slower or faster", "de": "Langsamer oder schneller", "fr": "Plus lent ou plus rapide", "es": "Más lento o más rápido"},
	"keyJump":       {"en": "Jump to 0–90 %", "de": "Zu 0–90 % springen", "fr": "Aller à 0–90 %", "es": "Saltar al 0–90 %"},
	"keyHelp":       {"en": "Show this list", "de": "Diese Liste zeigen", "fr": "Afficher cette liste", "es": "Mostrar esta lista"},
	"noEpisode":     {"en": "This show has no episodes yet.", "de": "Diese Sendung hat noch keine Folgen.", "fr": "Cette émission n’a pas encore d’épisodes.", "es": "Este programa aún no tiene episodios."},
	"openInEarshot": {"en": "Open in Earshot", "de": "In Earshot öffnen", "fr": "Ouvrir dans Earshot", "es": "Abrir en Earshot"},
}

// lang is a UI language ("en", "de", "fr", "es").
type lang string

// pickLang chooses the UI language: an explicit ?lang= wins, then the
// browser's preferences, then English. Regional tags ("de-AT") match their
// language.
func pickLang(explicit string, preferred ...string) lang {
	for _, cand := range append([]string{explicit}, preferred...) {
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(cand)), "-")
		for _, l := range languages {
			if base == l {
				return lang(l)
			}
		}
	}
	return "en"
}

// t returns the translated string for key, formatted with args.
func (l lang) t(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s, ok := m[string(l)]
	if !ok {
		s = m["en"]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// spoken renders seconds for screen readers in l: "1 hour 2 minutes 5
// seconds", "12 Minuten 5 Sekunden".
func (l lang) spoken(sec float64) string {
	if sec < 0 || sec != sec || sec > 1e9 {
		sec = 0
	}
	t := int64(sec)
	h, m, s := t/3600, (t/60)%60, t%60
	var parts []string
	add := func(n int64, one, many string) {
		unit := l.t(many)
		if n == 1 {
			unit = l.t(one)
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, unit))
	}
	if h > 0 {
		add(h, "hour", "hours")
	}
	if m > 0 {
		add(m, "minute", "minutes")
	}
	if s > 0 || len(parts) == 0 {
		add(s, "second", "seconds")
	}
	return strings.Join(parts, " ")
}

var monthNames = map[lang][12]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
}

// date formats a publication date the way each language writes it.
func (l lang) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	m := monthNames[l]
	if m[0] == "" {
		m = monthNames["en"]
	}
	name := m[t.Month()-1]
	switch l {
	case "de":
		return fmt.Sprintf("%d. %s %d", t.Day(), name, t.Year())
	case "fr":
		return fmt.Sprintf("%d %s %d", t.Day(), name, t.Year())
	case "es":
		return fmt.Sprintf("%d de %s de %d", t.Day(), name, t.Year())
	}
	return fmt.Sprintf("%s %d, %d", name, t.Day(), t.Year())
}
