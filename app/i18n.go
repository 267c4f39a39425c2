package app

import (
	"fmt"
	"strings"
	"time"
)

// Languages the UI is translated into; the first is the fallback.
var languages = []string{"en", "de", "fr", "es"}

// messageTable holds every UI string: one line per key, then the English,
// German, French and Spanish text, tab-separated. A string table rather than
// a map literal: Go compiles map literals into initialization code, which
// costs wasm size, while this is plain data that compresses well.
const messageTable = `play	Play	Abspielen	Lecture	Reproducir
pause	Pause	Pause	Pause	Pausa
seek	Seek	Springen	Position	Posición
back15	Back 15 seconds	15 Sekunden zurück	Reculer de 15 secondes	Retroceder 15 segundos
fwd30	Forward 30 seconds	30 Sekunden vor	Avancer de 30 secondes	Avanzar 30 segundos
prevChapter	Previous chapter	Vorheriges Kapitel	Chapitre précédent	Capítulo anterior
nextChapter	Next chapter	Nächstes Kapitel	Chapitre suivant	Capítulo siguiente
speed	Playback speed	Wiedergabegeschwindigkeit	Vitesse de lecture	Velocidad de reproducción
volume	Volume	Lautstärke	Volume	Volumen
mute	Mute	Stumm	Couper le son	Silenciar
unmute	Unmute	Ton an	Rétablir le son	Activar sonido
elapsed	Show remaining time	Restzeit anzeigen	Afficher le temps restant	Mostrar tiempo restante
remaining	Show elapsed time	Vergangene Zeit anzeigen	Afficher le temps écoulé	Mostrar tiempo transcurrido
chapters	Chapters	Kapitel	Chapitres	Capítulos
notes	Show notes	Shownotes	Notes de l’épisode	Notas del episodio
transcript	Transcript	Transkript	Transcription	Transcripción
share	Share	Teilen	Partager	Compartir
people	People	Mitwirkende	Intervenants	Participantes
support	Support the show	Unterstütze die Sendung	Soutenir l’émission	Apoya el programa
highlights	Highlights	Höhepunkte	Moments forts	Momentos destacados
playHighlight	Play this highlight: %s	Diesen Ausschnitt abspielen: %s	Écouter cet extrait : %s	Escuchar este fragmento: %s
season	Season %s	Staffel %s	Saison %s	Temporada %s
episode	Episode %s	Folge %s	Épisode %s	Episodio %s
trailer	Trailer	Trailer	Bande-annonce	Tráiler
bonus	Bonus	Bonus	Bonus	Extra
buffering	Loading…	Lädt…	Chargement…	Cargando…
mediaError	This episode could not be loaded.	Diese Folge konnte nicht geladen werden.	Impossible de charger cet épisode.	No se pudo cargar este episodio.
retry	Try again	Erneut versuchen	Réessayer	Reintentar
version	Version	Version	Version	Versión
search	Search the transcript	Transkript durchsuchen	Rechercher dans la transcription	Buscar en la transcripción
prevMatch	Previous match	Vorheriger Treffer	Résultat précédent	Resultado anterior
nextMatch	Next match	Nächster Treffer	Résultat suivant	Resultado siguiente
matches	%d of %d	%d von %d	%d sur %d	%d de %d
noMatches	No matches	Keine Treffer	Aucun résultat	Sin resultados
loadingTrans	Loading the transcript…	Transkript wird geladen…	Chargement de la transcription…	Cargando la transcripción…
follow	Follow playback	Wiedergabe folgen	Suivre la lecture	Seguir la reproducción
shortcuts	Keyboard shortcuts	Tastenkürzel	Raccourcis clavier	Atajos de teclado
close	Close	Schließen	Fermer	Cerrar
finished	Played	Gehört	Écouté	Escuchado
episodes	Episodes	Folgen	Épisodes	Episodios
showMore	Show more episodes	Weitere Folgen zeigen	Afficher plus d’épisodes	Mostrar más episodios
copyLink	Copy link	Link kopieren	Copier le lien	Copiar enlace
copied	Copied	Kopiert	Copié	Copiado
atCurrent	Start at current time	Ab aktueller Position	Commencer à la position actuelle	Empezar en la posición actual
player	Player: %s	Player: %s	Lecteur : %s	Reproductor: %s
coverOf	Cover art of %s	Cover von %s	Pochette de %s	Portada de %s
of	%s of %s	%s von %s	%s sur %s	%s de %s
hours	hours	Stunden	heures	horas
hour	hour	Stunde	heure	hora
minutes	minutes	Minuten	minutes	minutos
minute	minute	Minute	minute	minuto
seconds	seconds	Sekunden	secondes	segundos
second	second	Sekunde	seconde	segundo
keyPlay	Play or pause	Abspielen oder pausieren	Lecture ou pause	Reproducir o pausar
keySeek5	Back or forward 5 seconds	5 Sekunden zurück oder vor	Reculer ou avancer de 5 secondes	Retroceder o avanzar 5 segundos
keySeek15	Back or forward 15 seconds	15 Sekunden zurück oder vor	Reculer ou avancer de 15 secondes	Retroceder o avanzar 15 segundos
keyChapter	Previous or next chapter	Vorheriges oder nächstes Kapitel	Chapitre précédent ou suivant	Capítulo anterior o siguiente
keyVolume	Volume up or down	Lauter oder leiser	Monter ou baisser le volume	Subir o bajar el volumen
keyMute	Mute or unmute	Stumm oder Ton an	Couper ou rétablir le son	Silenciar o activar el sonido
keySpeed	Slower or faster	Langsamer oder schneller	Plus lent ou plus rapide	Más lento o más rápido
keyJump	Jump to 0–90 %	Zu 0–90 % springen	Aller à 0–90 %	Saltar al 0–90 %
keyHelp	Show this list	Diese Liste zeigen	Afficher cette liste	Mostrar esta lista
noEpisode	This show has no episodes yet.	Diese Sendung hat noch keine Folgen.	Cette émission n’a pas encore d’épisodes.	Este programa aún no tiene episodios.
openInEarshot	Open in Earshot	In Earshot öffnen	Ouvrir dans Earshot	Abrir en Earshot
sleep	Sleep timer	Schlaf-Timer	Minuteur de sommeil	Temporizador
sleepOff	No sleep timer	Kein Schlaf-Timer	Pas de minuteur	Sin temporizador
sleepMinutes	Stop in %s min	Stopp in %s Min.	Arrêt dans %s min	Parar en %s min
sleepChapter	Stop at end of chapter	Stopp am Kapitelende	Arrêt en fin de chapitre	Parar al final del capítulo
sleepEpisode	Stop at end of episode	Stopp am Folgenende	Arrêt en fin d’épisode	Parar al final del episodio
updateReady	A new version of Earshot is ready.	Eine neue Version von Earshot ist bereit.	Une nouvelle version d’Earshot est prête.	Hay una nueva versión de Earshot lista.
reload	Reload	Neu laden	Recharger	Recargar
clipNotTime	Type the clip’s times as 1:30 or 90.	Zeiten des Ausschnitts bitte als 1:30 oder 90 eingeben.	Saisissez les temps de l’extrait sous la forme 1:30 ou 90.	Escribe los tiempos del fragmento como 1:30 o 90.
clipOrder	The clip must end after it starts.	Der Ausschnitt muss nach seinem Beginn enden.	L’extrait doit se terminer après son début.	El fragmento debe terminar después de empezar.`

// messages is messageTable by key, then language. A missing translation
// falls back to English, so a new string never shows a key.
var messages = parseMessages(messageTable)

func parseMessages(table string) map[string]map[string]string {
	out := make(map[string]map[string]string)
	for _, line := range strings.Split(table, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != len(languages)+1 {
			continue
		}
		m := make(map[string]string, len(languages))
		for i, l := range languages {
			m[l] = f[i+1]
		}
		out[f[0]] = m
	}
	return out
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
