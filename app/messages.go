package app

// messageTable holds every string of the interface, one block per
// language: a line "== CODE" (an ISO 639-1 code), then one line per key,
// the key and its text separated by a tab. The first block, English, is the
// reference: every other block has exactly its keys, with the same format
// verbs (TestMessageTable), and English is what a missing string would fall
// back to. Keys starting with "_" describe the language: its name, its
// month names ("|"-separated) and how it writes a date ({d} day, {m} month
// name, {y} year).
//
// Adding a language is adding a block here. It is plain data rather than a
// map literal: Go compiles map literals into initialization code, which
// costs wasm size, while a string compresses well.
const messageTable = `
== en
_name	English
_months	Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec
_date	{m} {d}, {y}
play	Play
pause	Pause
seek	Seek
back15	Back 15 seconds
fwd30	Forward 30 seconds
prevChapter	Previous chapter
nextChapter	Next chapter
speed	Playback speed
volume	Volume
mute	Mute
unmute	Unmute
elapsed	Show remaining time
remaining	Show elapsed time
chapters	Chapters
notes	Show notes
transcript	Transcript
share	Share
followShow	Follow
followHint	Get every new episode in your podcast app.
followFeedURL	Feed URL (paste it into any podcast app)
copyFeed	Copy feed URL
otherApp	Another app (%s)
podroll	Shows we recommend
people	People
support	Support the show
highlights	Highlights
playHighlight	Play this highlight: %s
highlightSpan	Highlight %s–%s
season	Season %s
episode	Episode %s
trailer	Trailer
bonus	Bonus
buffering	Loading…
mediaError	This episode could not be loaded.
retry	Try again
version	Version
search	Search the transcript
prevMatch	Previous match
nextMatch	Next match
matches	%d of %d
noMatches	No matches
loadingTrans	Loading the transcript…
follow	Follow playback
shortcuts	Keyboard shortcuts
close	Close
finished	Played
episodes	Episodes
showMore	Show more episodes
copyLink	Copy link
copied	Copied
atCurrent	Start at current time
player	Player: %s
coverOf	Cover art of %s
of	%s of %s
hours	hours
hour	hour
minutes	minutes
minute	minute
seconds	seconds
second	second
keyPlay	Play or pause
keySeek5	Back or forward 5 seconds
keySeek15	Back or forward 15 seconds
keyChapter	Previous or next chapter
keyVolume	Volume up or down
keyMute	Mute or unmute
keySpeed	Slower or faster
keyJump	Jump to 0–90 %
keyHelp	Show this list
keySpace	Space
keyShift	Shift
keyAlt	Alt
noEpisode	This show has no episodes yet.
openInEarshot	Open in Earshot
sleep	Sleep timer
sleepOff	No sleep timer
sleepMinutes	Stop in %s min
sleepChapter	Stop at end of chapter
sleepEpisode	Stop at end of episode
updateReady	A new version of Earshot is ready.
reload	Reload
clipNotTime	Type the clip’s times as 1:30 or 90.
clipOrder	The clip must end after it starts.
library	Library
frontTitle	Listen to any podcast, right here
frontLine	Earshot plays any podcast feed in your browser, with chapters, transcripts, share links to any second and a player for your blog.
openFeed	Open any podcast feed
open	Open
frontNow	Or listen to this show
subscribe	Subscribe
subscribed	Subscribed ✓
checking	Checking…
searchEpisodes	Search episodes
whichEpisodes	Which episodes
allEpisodes	All episodes
unplayed	Unplayed
played	Played
noEpisodeMatches	No episode matches.
playEpisode	Play: %s
addToQueueOf	Add to queue: %s
removeFromQueueOf	Remove from queue: %s
addToQueue	Add to queue
inQueue	In queue ✓
download	Download for offline
downloading	Downloading…
removing	Removing…
downloaded	Downloaded ✓ (remove)
dlUsed	Offline episodes and the app use %s.
liveNow	LIVE
upcoming	Upcoming
upcomingOn	Upcoming: %s
addShow	Add a show
feedURL	Feed URL
importOPML	Import OPML…
exportOPML	Export OPML
refresh	Refresh
importing	Importing…
showsImportedOne	%d show imported.
showsImportedMany	%d shows imported.
showsAlreadyOne	%d was already in your library.
showsAlreadyMany	%d were already in your library.
showsRefusedOne	%d show was not imported:
showsRefusedMany	%d shows were not imported:
shows	Shows
noShows	No shows yet: add one by its feed URL, or import an OPML file.
newEpisodesOne	%d new episode
newEpisodesMany	%d new episodes
unsubscribe	Unsubscribe
unsubscribeFrom	Unsubscribe from %s
continueListening	Continue listening
upNext	Up next
queueEmpty	Nothing queued: add episodes from a show or the player.
moveUp	Move up: %s
moveDown	Move down: %s
embedThis	Embed this episode
layout	Layout
layout_full	Full
layout_show	Whole show
layout_compact	Compact
layout_mini	Mini
theme	Theme
theme_auto	Automatic
theme_light	Light
theme_dark	Dark
colour	Colour
resizeFrame	Resize the frame to its content (adds a 1 KB script)
corsNote	Chapters and transcripts are fetched by Earshot’s server, so they work even when their hosts send no CORS headers.
embedCode	Embed code
copyEmbed	Copy embed code
frameTitle	%s – Earshot player
warnFirstChapter	The first chapter starts at %s, not 0:00: the beginning has no chapter title.
warnNoArt	The episode and the show have no artwork: the player shows a generated cover.
warnNoChapters	This episode has no chapters: listeners cannot jump to topics.
warnNoDuration	The feed gives no duration: the seek bar appears only once the audio loads.
shareEpisode	Episode
shareClip	Clip
clipStart	Clip start
clipEnd	Clip end
sharePassage	Share the selected transcript lines
selectLines	Select some lines of the transcript first.
qrOf	QR code: %s
role_host	Host
role_co-host	Co-host
role_guest	Guest
role_producer	Producer
errShowTitle	This show could not be opened
errEpisodeTitle	This episode could not be opened
errTranscript	The transcript could not be loaded.
notFoundTitle	Page not found
notFoundText	There is no page at this address. The link may be mistyped or out of date.
backHome	Go to the front page
openLibrary	Open your library
openShow	Open the show
hostAnswered	(The host answered HTTP %d.)
err_bad_url	Check the address: it must be a full http:// or https:// feed URL.
err_blocked_address	This address points into a private network, which Earshot never fetches. Use the feed’s public URL.
err_too_large	The feed is larger than Earshot accepts. Ask the podcaster for a paged or shorter feed.
err_not_a_feed	That address did not return a podcast feed. Look for the RSS link on the podcast’s website.
err_not_found	That episode is not in the feed (any more). Open the show to pick another.
err_timeout	The feed’s host took too long to answer. Try again in a minute.
err_upstream_error	The feed’s host answered with an error. Try again later.
err_rate_limited	Too many requests from your address. Wait a few seconds and try again.
err_internal	Something went wrong on the Earshot server. Try again later.
err_not_opml	That file is not an OPML subscription list. Export one from your podcast app (the file usually ends in .opml) and try again.
err_opml_too_large	That file is larger than 1 MB, more than any subscription list needs. Check that it is the OPML export of your podcast app.
err_bad_upload	The file did not arrive whole. Try again.
err_offline	Earshot’s server could not be reached. Check your connection and try again.
err_bad_answer	The server’s answer was not understood. Reload the page and try again.
err_static_missing	This page’s data is missing from the site. Ask its owner to export it again.
err_no_episodes	This show has no episodes yet.
err_library_newer	Your library was saved by a newer version of Earshot. It is kept untouched: reload the page to get the newer version.
err_library_corrupt	Your library could not be read. It is kept untouched, and nothing is saved over it.
err_dl_unsupported	This browser cannot keep episodes for offline listening.
err_dl_cors	The episode’s host does not allow downloads for offline listening. You can still listen online.
err_dl_http	The episode’s host answered HTTP %d. Try again later.
err_dl_space	The episode could not be stored. Free some space on this device and try again.
searchShow	Search this show
moments	Moments
momentsFound	Moments found: %d
noMoments	Nothing in this show matches “%s”.
searching	Searching…
stillIndexing	Still reading this show’s transcripts (%d of %d), so more may turn up.
momentTitle	Episode
momentChapter	Chapter
err_empty_query	Type a word to search for.
err_query_too_long	That search is too long. Use a few words, at most 200 characters.
== de
_name	Deutsch
_months	Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember
_date	{d}. {m} {y}
play	Abspielen
pause	Pause
seek	Springen
back15	15 Sekunden zurück
fwd30	30 Sekunden vor
prevChapter	Vorheriges Kapitel
nextChapter	Nächstes Kapitel
speed	Wiedergabegeschwindigkeit
volume	Lautstärke
mute	Stumm
unmute	Ton an
elapsed	Restzeit anzeigen
remaining	Vergangene Zeit anzeigen
chapters	Kapitel
notes	Shownotes
transcript	Transkript
share	Teilen
followShow	Folgen
followHint	Jede neue Folge in deiner Podcast-App.
followFeedURL	Feed-URL (in jede Podcast-App einfügen)
copyFeed	Feed-URL kopieren
otherApp	Andere App (%s)
podroll	Unsere Empfehlungen
people	Mitwirkende
support	Unterstütze die Sendung
highlights	Höhepunkte
playHighlight	Diesen Ausschnitt abspielen: %s
highlightSpan	Ausschnitt %s–%s
season	Staffel %s
episode	Folge %s
trailer	Trailer
bonus	Bonus
buffering	Lädt…
mediaError	Diese Folge konnte nicht geladen werden.
retry	Erneut versuchen
version	Version
search	Transkript durchsuchen
prevMatch	Vorheriger Treffer
nextMatch	Nächster Treffer
matches	%d von %d
noMatches	Keine Treffer
loadingTrans	Transkript wird geladen…
follow	Wiedergabe folgen
shortcuts	Tastenkürzel
close	Schließen
finished	Gehört
episodes	Folgen
showMore	Weitere Folgen zeigen
copyLink	Link kopieren
copied	Kopiert
atCurrent	Ab aktueller Position
player	Player: %s
coverOf	Cover von %s
of	%s von %s
hours	Stunden
hour	Stunde
minutes	Minuten
minute	Minute
seconds	Sekunden
second	Sekunde
keyPlay	Abspielen oder pausieren
keySeek5	5 Sekunden zurück oder vor
keySeek15	15 Sekunden zurück oder vor
keyChapter	Vorheriges oder nächstes Kapitel
keyVolume	Lauter oder leiser
keyMute	Stumm oder Ton an
keySpeed	Langsamer oder schneller
keyJump	Zu 0–90 % springen
keyHelp	Diese Liste zeigen
keySpace	Leertaste
keyShift	Umschalt
keyAlt	Alt
noEpisode	Diese Sendung hat noch keine Folgen.
openInEarshot	In Earshot öffnen
sleep	Schlaf-Timer
sleepOff	Kein Schlaf-Timer
sleepMinutes	Stopp in %s Min.
sleepChapter	Stopp am Kapitelende
sleepEpisode	Stopp am Folgenende
updateReady	Eine neue Version von Earshot ist bereit.
reload	Neu laden
clipNotTime	Zeiten des Ausschnitts bitte als 1:30 oder 90 eingeben.
clipOrder	Der Ausschnitt muss nach seinem Beginn enden.
library	Bibliothek
frontTitle	Jeden Podcast hören, direkt hier
frontLine	Earshot spielt jeden Podcast-Feed im Browser, mit Kapiteln, Transkripten, Links auf jede Sekunde und einem Player für dein Blog.
openFeed	Beliebigen Podcast-Feed öffnen
open	Öffnen
frontNow	Oder diese Sendung hören
subscribe	Abonnieren
subscribed	Abonniert ✓
checking	Wird geprüft…
searchEpisodes	Folgen durchsuchen
whichEpisodes	Welche Folgen
allEpisodes	Alle Folgen
unplayed	Nicht gehört
played	Gehört
noEpisodeMatches	Keine Folge passt.
playEpisode	Abspielen: %s
addToQueueOf	Zur Warteschlange hinzufügen: %s
removeFromQueueOf	Aus der Warteschlange entfernen: %s
addToQueue	Zur Warteschlange
inQueue	In der Warteschlange ✓
download	Für offline laden
downloading	Wird geladen…
removing	Wird entfernt…
downloaded	Offline verfügbar ✓ (entfernen)
dlUsed	Offline-Folgen und die App belegen %s.
liveNow	LIVE
upcoming	Demnächst
upcomingOn	Demnächst: %s
addShow	Sendung hinzufügen
feedURL	Feed-URL
importOPML	OPML importieren…
exportOPML	OPML exportieren
refresh	Aktualisieren
importing	Wird importiert…
showsImportedOne	%d Sendung importiert.
showsImportedMany	%d Sendungen importiert.
showsAlreadyOne	%d war schon in deiner Bibliothek.
showsAlreadyMany	%d waren schon in deiner Bibliothek.
showsRefusedOne	%d Sendung wurde nicht importiert:
showsRefusedMany	%d Sendungen wurden nicht importiert:
shows	Sendungen
noShows	Noch keine Sendungen: füge eine mit ihrer Feed-URL hinzu oder importiere eine OPML-Datei.
newEpisodesOne	%d neue Folge
newEpisodesMany	%d neue Folgen
unsubscribe	Abbestellen
unsubscribeFrom	%s abbestellen
continueListening	Weiterhören
upNext	Als Nächstes
queueEmpty	Nichts in der Warteschlange: füge Folgen aus einer Sendung oder dem Player hinzu.
moveUp	Nach oben: %s
moveDown	Nach unten: %s
embedThis	Diese Folge einbetten
layout	Layout
layout_full	Voll
layout_show	Ganze Sendung
layout_compact	Kompakt
layout_mini	Mini
theme	Design
theme_auto	Automatisch
theme_light	Hell
theme_dark	Dunkel
colour	Farbe
resizeFrame	Rahmen an den Inhalt anpassen (lädt ein Skript von 1 KB)
corsNote	Kapitel und Transkripte lädt der Earshot-Server, daher funktionieren sie auch, wenn ihre Hosts keine CORS-Header senden.
embedCode	Einbettungscode
copyEmbed	Einbettungscode kopieren
frameTitle	%s – Earshot-Player
warnFirstChapter	Das erste Kapitel beginnt bei %s, nicht bei 0:00: der Anfang hat keinen Kapiteltitel.
warnNoArt	Folge und Sendung haben kein Cover: der Player zeigt ein erzeugtes.
warnNoChapters	Diese Folge hat keine Kapitel: Hörer können nicht zu Themen springen.
warnNoDuration	Der Feed nennt keine Dauer: die Zeitleiste erscheint erst, wenn das Audio lädt.
shareEpisode	Folge
shareClip	Ausschnitt
clipStart	Beginn des Ausschnitts
clipEnd	Ende des Ausschnitts
sharePassage	Markierte Zeilen des Transkripts teilen
selectLines	Markiere zuerst einige Zeilen des Transkripts.
qrOf	QR-Code: %s
role_host	Moderation
role_co-host	Co-Moderation
role_guest	Gast
role_producer	Produktion
errShowTitle	Diese Sendung konnte nicht geöffnet werden
errEpisodeTitle	Diese Folge konnte nicht geöffnet werden
errTranscript	Das Transkript konnte nicht geladen werden.
notFoundTitle	Seite nicht gefunden
notFoundText	Unter dieser Adresse gibt es keine Seite. Der Link ist vielleicht falsch geschrieben oder veraltet.
backHome	Zur Startseite
openLibrary	Deine Bibliothek öffnen
openShow	Sendung öffnen
hostAnswered	(Der Host antwortete mit HTTP %d.)
err_bad_url	Prüfe die Adresse: es muss eine vollständige Feed-URL mit http:// oder https:// sein.
err_blocked_address	Diese Adresse zeigt in ein privates Netzwerk, aus dem Earshot nie etwas lädt. Nutze die öffentliche URL des Feeds.
err_too_large	Der Feed ist größer, als Earshot annimmt. Bitte den Podcaster um einen kürzeren oder seitenweisen Feed.
err_not_a_feed	Unter dieser Adresse kam kein Podcast-Feed. Suche den RSS-Link auf der Website des Podcasts.
err_not_found	Diese Folge ist nicht (mehr) im Feed. Öffne die Sendung, um eine andere zu wählen.
err_timeout	Der Host des Feeds hat zu lange nicht geantwortet. Versuche es in einer Minute erneut.
err_upstream_error	Der Host des Feeds hat mit einem Fehler geantwortet. Versuche es später erneut.
err_rate_limited	Zu viele Anfragen von deiner Adresse. Warte ein paar Sekunden und versuche es erneut.
err_internal	Auf dem Earshot-Server ist etwas schiefgegangen. Versuche es später erneut.
err_not_opml	Diese Datei ist keine OPML-Abonnementliste. Exportiere eine aus deiner Podcast-App (die Datei endet meist auf .opml) und versuche es erneut.
err_opml_too_large	Diese Datei ist größer als 1 MB, mehr als jede Abonnementliste braucht. Prüfe, ob es der OPML-Export deiner Podcast-App ist.
err_bad_upload	Die Datei kam nicht vollständig an. Versuche es erneut.
err_offline	Der Earshot-Server war nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.
err_bad_answer	Die Antwort des Servers war unverständlich. Lade die Seite neu und versuche es erneut.
err_static_missing	Die Daten dieser Seite fehlen auf der Website. Bitte ihren Betreiber, sie erneut zu exportieren.
err_no_episodes	Diese Sendung hat noch keine Folgen.
err_library_newer	Deine Bibliothek wurde von einer neueren Version von Earshot gespeichert. Sie bleibt unverändert: lade die Seite neu, um die neuere Version zu bekommen.
err_library_corrupt	Deine Bibliothek konnte nicht gelesen werden. Sie bleibt unverändert, und nichts wird darüber gespeichert.
err_dl_unsupported	Dieser Browser kann keine Folgen für offline speichern.
err_dl_cors	Der Host der Folge erlaubt kein Laden für offline. Online hören geht weiterhin.
err_dl_http	Der Host der Folge antwortete mit HTTP %d. Versuche es später erneut.
err_dl_space	Die Folge konnte nicht gespeichert werden. Schaffe Platz auf diesem Gerät und versuche es erneut.
searchShow	Diese Sendung durchsuchen
moments	Momente
momentsFound	Gefundene Momente: %d
noMoments	Nichts in dieser Sendung passt zu „%s“.
searching	Suche läuft …
stillIndexing	Die Transkripte dieser Sendung werden noch gelesen (%d von %d), es kann also noch mehr auftauchen.
momentTitle	Folge
momentChapter	Kapitel
err_empty_query	Gib ein Wort ein, nach dem gesucht werden soll.
err_query_too_long	Diese Suche ist zu lang. Nutze ein paar Wörter, höchstens 200 Zeichen.
== fr
_name	Français
_months	janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre
_date	{d} {m} {y}
play	Lecture
pause	Pause
seek	Position
back15	Reculer de 15 secondes
fwd30	Avancer de 30 secondes
prevChapter	Chapitre précédent
nextChapter	Chapitre suivant
speed	Vitesse de lecture
volume	Volume
mute	Couper le son
unmute	Rétablir le son
elapsed	Afficher le temps restant
remaining	Afficher le temps écoulé
chapters	Chapitres
notes	Notes de l’épisode
transcript	Transcription
share	Partager
followShow	Suivre
followHint	Chaque nouvel épisode dans votre appli de podcasts.
followFeedURL	URL du flux (à coller dans toute appli de podcasts)
copyFeed	Copier l’URL du flux
otherApp	Autre appli (%s)
podroll	Nos recommandations
people	Intervenants
support	Soutenir l’émission
highlights	Moments forts
playHighlight	Écouter cet extrait : %s
highlightSpan	Extrait %s–%s
season	Saison %s
episode	Épisode %s
trailer	Bande-annonce
bonus	Bonus
buffering	Chargement…
mediaError	Impossible de charger cet épisode.
retry	Réessayer
version	Version
search	Rechercher dans la transcription
prevMatch	Résultat précédent
nextMatch	Résultat suivant
matches	%d sur %d
noMatches	Aucun résultat
loadingTrans	Chargement de la transcription…
follow	Suivre la lecture
shortcuts	Raccourcis clavier
close	Fermer
finished	Écouté
episodes	Épisodes
showMore	Afficher plus d’épisodes
copyLink	Copier le lien
copied	Copié
atCurrent	Commencer à la position actuelle
player	Lecteur : %s
coverOf	Pochette de %s
of	%s sur %s
hours	heures
hour	heure
minutes	minutes
minute	minute
seconds	secondes
second	seconde
keyPlay	Lecture ou pause
keySeek5	Reculer ou avancer de 5 secondes
keySeek15	Reculer ou avancer de 15 secondes
keyChapter	Chapitre précédent ou suivant
keyVolume	Monter ou baisser le volume
keyMute	Couper ou rétablir le son
keySpeed	Plus lent ou plus rapide
keyJump	Aller à 0–90 %
keyHelp	Afficher cette liste
keySpace	Espace
keyShift	Maj
keyAlt	Alt
noEpisode	Cette émission n’a pas encore d’épisodes.
openInEarshot	Ouvrir dans Earshot
sleep	Minuteur de sommeil
sleepOff	Pas de minuteur
sleepMinutes	Arrêt dans %s min
sleepChapter	Arrêt en fin de chapitre
sleepEpisode	Arrêt en fin d’épisode
updateReady	Une nouvelle version d’Earshot est prête.
reload	Recharger
clipNotTime	Saisissez les temps de l’extrait sous la forme 1:30 ou 90.
clipOrder	L’extrait doit se terminer après son début.
library	Bibliothèque
frontTitle	Écoutez n’importe quel podcast, ici même
frontLine	Earshot lit n’importe quel flux de podcast dans votre navigateur, avec chapitres, transcriptions, liens vers chaque seconde et un lecteur pour votre blog.
openFeed	Ouvrir un flux de podcast
open	Ouvrir
frontNow	Ou écoutez cette émission
subscribe	S’abonner
subscribed	Abonné ✓
checking	Vérification…
searchEpisodes	Rechercher des épisodes
whichEpisodes	Quels épisodes
allEpisodes	Tous les épisodes
unplayed	Non écoutés
played	Écoutés
noEpisodeMatches	Aucun épisode ne correspond.
playEpisode	Écouter : %s
addToQueueOf	Ajouter à la file : %s
removeFromQueueOf	Retirer de la file : %s
addToQueue	Ajouter à la file
inQueue	Dans la file ✓
download	Télécharger pour l’écoute hors ligne
downloading	Téléchargement…
removing	Suppression…
downloaded	Disponible hors ligne ✓ (supprimer)
dlUsed	Les épisodes hors ligne et l’application occupent %s.
liveNow	EN DIRECT
upcoming	À venir
upcomingOn	À venir : %s
addShow	Ajouter une émission
feedURL	URL du flux
importOPML	Importer un OPML…
exportOPML	Exporter en OPML
refresh	Actualiser
importing	Importation…
showsImportedOne	%d émission importée.
showsImportedMany	%d émissions importées.
showsAlreadyOne	%d était déjà dans votre bibliothèque.
showsAlreadyMany	%d étaient déjà dans votre bibliothèque.
showsRefusedOne	%d émission n’a pas été importée :
showsRefusedMany	%d émissions n’ont pas été importées :
shows	Émissions
noShows	Aucune émission pour l’instant : ajoutez-en une par l’URL de son flux, ou importez un fichier OPML.
newEpisodesOne	%d nouvel épisode
newEpisodesMany	%d nouveaux épisodes
unsubscribe	Se désabonner
unsubscribeFrom	Se désabonner de %s
continueListening	Reprendre l’écoute
upNext	À suivre
queueEmpty	La file est vide : ajoutez des épisodes depuis une émission ou le lecteur.
moveUp	Monter : %s
moveDown	Descendre : %s
embedThis	Intégrer cet épisode
layout	Disposition
layout_full	Complète
layout_show	Toute l’émission
layout_compact	Compacte
layout_mini	Mini
theme	Thème
theme_auto	Automatique
theme_light	Clair
theme_dark	Sombre
colour	Couleur
resizeFrame	Adapter le cadre à son contenu (ajoute un script de 1 Ko)
corsNote	Les chapitres et transcriptions sont récupérés par le serveur d’Earshot : ils fonctionnent même si leurs hôtes n’envoient pas d’en-têtes CORS.
embedCode	Code d’intégration
copyEmbed	Copier le code d’intégration
frameTitle	%s – lecteur Earshot
warnFirstChapter	Le premier chapitre commence à %s, pas à 0:00 : le début n’a pas de titre de chapitre.
warnNoArt	L’épisode et l’émission n’ont pas de pochette : le lecteur en affiche une générée.
warnNoChapters	Cet épisode n’a pas de chapitres : les auditeurs ne peuvent pas sauter aux sujets.
warnNoDuration	Le flux n’indique pas de durée : la barre de lecture n’apparaît qu’une fois l’audio chargé.
shareEpisode	Épisode
shareClip	Extrait
clipStart	Début de l’extrait
clipEnd	Fin de l’extrait
sharePassage	Partager les lignes sélectionnées de la transcription
selectLines	Sélectionnez d’abord quelques lignes de la transcription.
qrOf	Code QR : %s
role_host	Animation
role_co-host	Co-animation
role_guest	Invité·e
role_producer	Production
errShowTitle	Impossible d’ouvrir cette émission
errEpisodeTitle	Impossible d’ouvrir cet épisode
errTranscript	Impossible de charger la transcription.
notFoundTitle	Page introuvable
notFoundText	Il n’y a pas de page à cette adresse. Le lien est peut-être mal saisi ou périmé.
backHome	Aller à l’accueil
openLibrary	Ouvrir votre bibliothèque
openShow	Ouvrir l’émission
hostAnswered	(L’hôte a répondu HTTP %d.)
err_bad_url	Vérifiez l’adresse : il faut une URL de flux complète en http:// ou https://.
err_blocked_address	Cette adresse mène à un réseau privé, où Earshot ne va jamais chercher. Utilisez l’URL publique du flux.
err_too_large	Le flux dépasse la taille qu’Earshot accepte. Demandez au podcasteur un flux paginé ou plus court.
err_not_a_feed	Cette adresse n’a pas renvoyé de flux de podcast. Cherchez le lien RSS sur le site du podcast.
err_not_found	Cet épisode n’est pas (ou plus) dans le flux. Ouvrez l’émission pour en choisir un autre.
err_timeout	L’hôte du flux a mis trop de temps à répondre. Réessayez dans une minute.
err_upstream_error	L’hôte du flux a répondu par une erreur. Réessayez plus tard.
err_rate_limited	Trop de requêtes depuis votre adresse. Attendez quelques secondes et réessayez.
err_internal	Un problème est survenu sur le serveur d’Earshot. Réessayez plus tard.
err_not_opml	Ce fichier n’est pas une liste d’abonnements OPML. Exportez-en une depuis votre application de podcasts (le fichier se termine souvent par .opml) et réessayez.
err_opml_too_large	Ce fichier dépasse 1 Mo, plus qu’il n’en faut à une liste d’abonnements. Vérifiez qu’il s’agit bien de l’export OPML de votre application.
err_bad_upload	Le fichier n’est pas arrivé en entier. Réessayez.
err_offline	Impossible de joindre le serveur d’Earshot. Vérifiez votre connexion et réessayez.
err_bad_answer	La réponse du serveur est incompréhensible. Rechargez la page et réessayez.
err_static_missing	Les données de cette page manquent sur le site. Demandez à son propriétaire de l’exporter à nouveau.
err_no_episodes	Cette émission n’a pas encore d’épisodes.
err_library_newer	Votre bibliothèque a été enregistrée par une version plus récente d’Earshot. Elle reste intacte : rechargez la page pour obtenir la nouvelle version.
err_library_corrupt	Impossible de lire votre bibliothèque. Elle reste intacte et rien n’est enregistré par-dessus.
err_dl_unsupported	Ce navigateur ne peut pas garder d’épisodes pour l’écoute hors ligne.
err_dl_cors	L’hôte de l’épisode n’autorise pas le téléchargement pour l’écoute hors ligne. Vous pouvez toujours écouter en ligne.
err_dl_http	L’hôte de l’épisode a répondu HTTP %d. Réessayez plus tard.
err_dl_space	Impossible d’enregistrer l’épisode. Libérez de l’espace sur cet appareil et réessayez.
searchShow	Rechercher dans ce podcast
moments	Moments
momentsFound	Moments trouvés : %d
noMoments	Rien dans ce podcast ne correspond à « %s ».
searching	Recherche…
stillIndexing	Les transcriptions de ce podcast sont encore en cours de lecture (%d sur %d) : d’autres résultats peuvent apparaître.
momentTitle	Épisode
momentChapter	Chapitre
err_empty_query	Tapez un mot à rechercher.
err_query_too_long	Cette recherche est trop longue. Utilisez quelques mots, 200 caractères au plus.
== es
_name	Español
_months	enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre
_date	{d} de {m} de {y}
play	Reproducir
pause	Pausa
seek	Posición
back15	Retroceder 15 segundos
fwd30	Avanzar 30 segundos
prevChapter	Capítulo anterior
nextChapter	Capítulo siguiente
speed	Velocidad de reproducción
volume	Volumen
mute	Silenciar
unmute	Activar sonido
elapsed	Mostrar tiempo restante
remaining	Mostrar tiempo transcurrido
chapters	Capítulos
notes	Notas del episodio
transcript	Transcripción
share	Compartir
followShow	Seguir
followHint	Cada episodio nuevo en tu app de pódcasts.
followFeedURL	URL del feed (pégala en cualquier app de pódcasts)
copyFeed	Copiar URL del feed
otherApp	Otra app (%s)
podroll	Te recomendamos
people	Participantes
support	Apoya el programa
highlights	Momentos destacados
playHighlight	Escuchar este fragmento: %s
highlightSpan	Fragmento %s–%s
season	Temporada %s
episode	Episodio %s
trailer	Tráiler
bonus	Extra
buffering	Cargando…
mediaError	No se pudo cargar este episodio.
retry	Reintentar
version	Versión
search	Buscar en la transcripción
prevMatch	Resultado anterior
nextMatch	Resultado siguiente
matches	%d de %d
noMatches	Sin resultados
loadingTrans	Cargando la transcripción…
follow	Seguir la reproducción
shortcuts	Atajos de teclado
close	Cerrar
finished	Escuchado
episodes	Episodios
showMore	Mostrar más episodios
copyLink	Copiar enlace
copied	Copiado
atCurrent	Empezar en la posición actual
player	Reproductor: %s
coverOf	Portada de %s
of	%s de %s
hours	horas
hour	hora
minutes	minutos
minute	minuto
seconds	segundos
second	segundo
keyPlay	Reproducir o pausar
keySeek5	Retroceder o avanzar 5 segundos
keySeek15	Retroceder o avanzar 15 segundos
keyChapter	Capítulo anterior o siguiente
keyVolume	Subir o bajar el volumen
keyMute	Silenciar o activar el sonido
keySpeed	Más lento o más rápido
keyJump	Saltar al 0–90 %
keyHelp	Mostrar esta lista
keySpace	Espacio
keyShift	Mayús
keyAlt	Alt
noEpisode	Este programa aún no tiene episodios.
openInEarshot	Abrir en Earshot
sleep	Temporizador
sleepOff	Sin temporizador
sleepMinutes	Parar en %s min
sleepChapter	Parar al final del capítulo
sleepEpisode	Parar al final del episodio
updateReady	Hay una nueva versión de Earshot lista.
reload	Recargar
clipNotTime	Escribe los tiempos del fragmento como 1:30 o 90.
clipOrder	El fragmento debe terminar después de empezar.
library	Biblioteca
frontTitle	Escucha cualquier podcast, aquí mismo
frontLine	Earshot reproduce cualquier feed de podcast en tu navegador, con capítulos, transcripciones, enlaces a cualquier segundo y un reproductor para tu blog.
openFeed	Abrir cualquier feed de podcast
open	Abrir
frontNow	O escucha este programa
subscribe	Suscribirse
subscribed	Suscrito ✓
checking	Comprobando…
searchEpisodes	Buscar episodios
whichEpisodes	Qué episodios
allEpisodes	Todos los episodios
unplayed	Sin escuchar
played	Escuchados
noEpisodeMatches	Ningún episodio coincide.
playEpisode	Reproducir: %s
addToQueueOf	Añadir a la cola: %s
removeFromQueueOf	Quitar de la cola: %s
addToQueue	Añadir a la cola
inQueue	En la cola ✓
download	Descargar para escuchar sin conexión
downloading	Descargando…
removing	Eliminando…
downloaded	Descargado ✓ (eliminar)
dlUsed	Los episodios sin conexión y la aplicación ocupan %s.
liveNow	EN DIRECTO
upcoming	Próximamente
upcomingOn	Próximamente: %s
addShow	Añadir un programa
feedURL	URL del feed
importOPML	Importar OPML…
exportOPML	Exportar OPML
refresh	Actualizar
importing	Importando…
showsImportedOne	%d programa importado.
showsImportedMany	%d programas importados.
showsAlreadyOne	%d ya estaba en tu biblioteca.
showsAlreadyMany	%d ya estaban en tu biblioteca.
showsRefusedOne	%d programa no se importó:
showsRefusedMany	%d programas no se importaron:
shows	Programas
noShows	Aún no hay programas: añade uno con la URL de su feed o importa un archivo OPML.
newEpisodesOne	%d episodio nuevo
newEpisodesMany	%d episodios nuevos
unsubscribe	Cancelar suscripción
unsubscribeFrom	Cancelar la suscripción a %s
continueListening	Seguir escuchando
upNext	A continuación
queueEmpty	No hay nada en la cola: añade episodios desde un programa o el reproductor.
moveUp	Subir: %s
moveDown	Bajar: %s
embedThis	Insertar este episodio
layout	Diseño
layout_full	Completo
layout_show	Todo el programa
layout_compact	Compacto
layout_mini	Mini
theme	Tema
theme_auto	Automático
theme_light	Claro
theme_dark	Oscuro
colour	Color
resizeFrame	Ajustar el marco a su contenido (añade un script de 1 KB)
corsNote	El servidor de Earshot obtiene los capítulos y las transcripciones, así que funcionan aunque sus servidores no envíen cabeceras CORS.
embedCode	Código para insertar
copyEmbed	Copiar el código para insertar
frameTitle	%s – reproductor Earshot
warnFirstChapter	El primer capítulo empieza en %s, no en 0:00: el principio no tiene título de capítulo.
warnNoArt	El episodio y el programa no tienen portada: el reproductor muestra una generada.
warnNoChapters	Este episodio no tiene capítulos: los oyentes no pueden saltar a los temas.
warnNoDuration	El feed no indica la duración: la barra de progreso aparece cuando se carga el audio.
shareEpisode	Episodio
shareClip	Fragmento
clipStart	Inicio del fragmento
clipEnd	Fin del fragmento
sharePassage	Compartir las líneas seleccionadas de la transcripción
selectLines	Primero selecciona algunas líneas de la transcripción.
qrOf	Código QR: %s
role_host	Presentación
role_co-host	Copresentación
role_guest	Invitado
role_producer	Producción
errShowTitle	No se pudo abrir este programa
errEpisodeTitle	No se pudo abrir este episodio
errTranscript	No se pudo cargar la transcripción.
notFoundTitle	Página no encontrada
notFoundText	No hay ninguna página en esta dirección. Puede que el enlace esté mal escrito o desactualizado.
backHome	Ir a la portada
openLibrary	Abrir tu biblioteca
openShow	Abrir el programa
hostAnswered	(El servidor respondió HTTP %d.)
err_bad_url	Revisa la dirección: debe ser una URL de feed completa con http:// o https://.
err_blocked_address	Esta dirección apunta a una red privada, de la que Earshot nunca descarga nada. Usa la URL pública del feed.
err_too_large	El feed es más grande de lo que Earshot acepta. Pide al podcaster un feed paginado o más corto.
err_not_a_feed	Esa dirección no devolvió un feed de podcast. Busca el enlace RSS en la web del podcast.
err_not_found	Ese episodio no está (ya) en el feed. Abre el programa para elegir otro.
err_timeout	El servidor del feed tardó demasiado en responder. Vuelve a intentarlo en un minuto.
err_upstream_error	El servidor del feed respondió con un error. Vuelve a intentarlo más tarde.
err_rate_limited	Demasiadas solicitudes desde tu dirección. Espera unos segundos y vuelve a intentarlo.
err_internal	Algo falló en el servidor de Earshot. Vuelve a intentarlo más tarde.
err_not_opml	Ese archivo no es una lista de suscripciones OPML. Exporta una desde tu aplicación de podcasts (el archivo suele terminar en .opml) y vuelve a intentarlo.
err_opml_too_large	Ese archivo pesa más de 1 MB, más de lo que necesita cualquier lista de suscripciones. Comprueba que sea la exportación OPML de tu aplicación.
err_bad_upload	El archivo no llegó completo. Vuelve a intentarlo.
err_offline	No se pudo contactar con el servidor de Earshot. Revisa tu conexión y vuelve a intentarlo.
err_bad_answer	No se entendió la respuesta del servidor. Recarga la página y vuelve a intentarlo.
err_static_missing	Faltan los datos de esta página en el sitio. Pide a su responsable que la exporte de nuevo.
err_no_episodes	Este programa aún no tiene episodios.
err_library_newer	Tu biblioteca la guardó una versión más reciente de Earshot. Se conserva intacta: recarga la página para obtener la versión nueva.
err_library_corrupt	No se pudo leer tu biblioteca. Se conserva intacta y no se guarda nada encima.
err_dl_unsupported	Este navegador no puede guardar episodios para escuchar sin conexión.
err_dl_cors	El servidor del episodio no permite descargarlo para escuchar sin conexión. Puedes seguir escuchándolo en línea.
err_dl_http	El servidor del episodio respondió HTTP %d. Vuelve a intentarlo más tarde.
err_dl_space	No se pudo guardar el episodio. Libera espacio en este dispositivo y vuelve a intentarlo.
searchShow	Buscar en este pódcast
moments	Momentos
momentsFound	Momentos encontrados: %d
noMoments	Nada en este pódcast coincide con «%s».
searching	Buscando…
stillIndexing	Todavía se están leyendo las transcripciones de este pódcast (%d de %d), así que pueden aparecer más.
momentTitle	Episodio
momentChapter	Capítulo
err_empty_query	Escribe una palabra para buscar.
err_query_too_long	Esa búsqueda es demasiado larga. Usa unas pocas palabras, como máximo 200 caracteres.
== it
_name	Italiano
_months	gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre
_date	{d} {m} {y}
play	Riproduci
pause	Pausa
seek	Posizione
back15	Indietro di 15 secondi
fwd30	Avanti di 30 secondi
prevChapter	Capitolo precedente
nextChapter	Capitolo successivo
speed	Velocità di riproduzione
volume	Volume
mute	Disattiva audio
unmute	Riattiva audio
elapsed	Mostra il tempo rimanente
remaining	Mostra il tempo trascorso
chapters	Capitoli
notes	Note dell’episodio
transcript	Trascrizione
share	Condividi
followShow	Segui
followHint	Ogni nuovo episodio nella tua app di podcast.
followFeedURL	URL del feed (incollalo in qualsiasi app di podcast)
copyFeed	Copia URL del feed
otherApp	Altra app (%s)
podroll	Ti consigliamo
people	Partecipanti
support	Sostieni il programma
highlights	Momenti salienti
playHighlight	Ascolta questo estratto: %s
highlightSpan	Estratto %s–%s
season	Stagione %s
episode	Episodio %s
trailer	Trailer
bonus	Extra
buffering	Caricamento…
mediaError	Impossibile caricare questo episodio.
retry	Riprova
version	Versione
search	Cerca nella trascrizione
prevMatch	Risultato precedente
nextMatch	Risultato successivo
matches	%d di %d
noMatches	Nessun risultato
loadingTrans	Caricamento della trascrizione…
follow	Segui la riproduzione
shortcuts	Scorciatoie da tastiera
close	Chiudi
finished	Ascoltato
episodes	Episodi
showMore	Mostra altri episodi
copyLink	Copia link
copied	Copiato
atCurrent	Inizia dalla posizione attuale
player	Player: %s
coverOf	Copertina di %s
of	%s di %s
hours	ore
hour	ora
minutes	minuti
minute	minuto
seconds	secondi
second	secondo
keyPlay	Riproduci o metti in pausa
keySeek5	Indietro o avanti di 5 secondi
keySeek15	Indietro o avanti di 15 secondi
keyChapter	Capitolo precedente o successivo
keyVolume	Alza o abbassa il volume
keyMute	Disattiva o riattiva l’audio
keySpeed	Più lento o più veloce
keyJump	Vai allo 0–90 %
keyHelp	Mostra questo elenco
keySpace	Spazio
keyShift	Maiusc
keyAlt	Alt
noEpisode	Questo programma non ha ancora episodi.
openInEarshot	Apri in Earshot
sleep	Timer di spegnimento
sleepOff	Nessun timer
sleepMinutes	Stop tra %s min
sleepChapter	Stop a fine capitolo
sleepEpisode	Stop a fine episodio
updateReady	È pronta una nuova versione di Earshot.
reload	Ricarica
clipNotTime	Scrivi i tempi dell’estratto come 1:30 o 90.
clipOrder	L’estratto deve finire dopo l’inizio.
library	Libreria
frontTitle	Ascolta qualsiasi podcast, proprio qui
frontLine	Earshot riproduce qualsiasi feed di podcast nel tuo browser, con capitoli, trascrizioni, link a qualsiasi secondo e un player per il tuo blog.
openFeed	Apri un feed di podcast
open	Apri
frontNow	Oppure ascolta questo programma
subscribe	Iscriviti
subscribed	Iscritto ✓
checking	Verifica…
searchEpisodes	Cerca episodi
whichEpisodes	Quali episodi
allEpisodes	Tutti gli episodi
unplayed	Da ascoltare
played	Ascoltati
noEpisodeMatches	Nessun episodio corrisponde.
playEpisode	Riproduci: %s
addToQueueOf	Aggiungi alla coda: %s
removeFromQueueOf	Rimuovi dalla coda: %s
addToQueue	Aggiungi alla coda
inQueue	In coda ✓
download	Scarica per l’ascolto offline
downloading	Download in corso…
removing	Rimozione…
downloaded	Scaricato ✓ (rimuovi)
dlUsed	Gli episodi offline e l’app occupano %s.
liveNow	IN DIRETTA
upcoming	In arrivo
upcomingOn	In arrivo: %s
addShow	Aggiungi un programma
feedURL	URL del feed
importOPML	Importa OPML…
exportOPML	Esporta OPML
refresh	Aggiorna
importing	Importazione…
showsImportedOne	%d programma importato.
showsImportedMany	%d programmi importati.
showsAlreadyOne	%d era già nella tua libreria.
showsAlreadyMany	%d erano già nella tua libreria.
showsRefusedOne	%d programma non è stato importato:
showsRefusedMany	%d programmi non sono stati importati:
shows	Programmi
noShows	Ancora nessun programma: aggiungine uno con l’URL del suo feed o importa un file OPML.
newEpisodesOne	%d nuovo episodio
newEpisodesMany	%d nuovi episodi
unsubscribe	Annulla iscrizione
unsubscribeFrom	Annulla l’iscrizione a %s
continueListening	Continua ad ascoltare
upNext	Prossimi
queueEmpty	La coda è vuota: aggiungi episodi da un programma o dal player.
moveUp	Sposta su: %s
moveDown	Sposta giù: %s
embedThis	Incorpora questo episodio
layout	Layout
layout_full	Completo
layout_show	Tutto il programma
layout_compact	Compatto
layout_mini	Mini
theme	Tema
theme_auto	Automatico
theme_light	Chiaro
theme_dark	Scuro
colour	Colore
resizeFrame	Adatta il riquadro al contenuto (aggiunge uno script da 1 KB)
corsNote	Capitoli e trascrizioni vengono scaricati dal server di Earshot, quindi funzionano anche se i loro host non inviano intestazioni CORS.
embedCode	Codice da incorporare
copyEmbed	Copia il codice da incorporare
frameTitle	%s – player Earshot
warnFirstChapter	Il primo capitolo inizia a %s, non a 0:00: l’inizio non ha un titolo di capitolo.
warnNoArt	L’episodio e il programma non hanno copertina: il player ne mostra una generata.
warnNoChapters	Questo episodio non ha capitoli: chi ascolta non può saltare agli argomenti.
warnNoDuration	Il feed non indica la durata: la barra di avanzamento compare solo quando l’audio si carica.
shareEpisode	Episodio
shareClip	Estratto
clipStart	Inizio dell’estratto
clipEnd	Fine dell’estratto
sharePassage	Condividi le righe selezionate della trascrizione
selectLines	Seleziona prima alcune righe della trascrizione.
qrOf	Codice QR: %s
role_host	Conduzione
role_co-host	Co-conduzione
role_guest	Ospite
role_producer	Produzione
errShowTitle	Impossibile aprire questo programma
errEpisodeTitle	Impossibile aprire questo episodio
errTranscript	Impossibile caricare la trascrizione.
notFoundTitle	Pagina non trovata
notFoundText	A questo indirizzo non c’è nessuna pagina. Il link potrebbe essere scritto male o non più valido.
backHome	Vai alla pagina iniziale
openLibrary	Apri la tua libreria
openShow	Apri il programma
hostAnswered	(L’host ha risposto HTTP %d.)
err_bad_url	Controlla l’indirizzo: deve essere un URL di feed completo con http:// o https://.
err_blocked_address	Questo indirizzo punta a una rete privata, da cui Earshot non scarica mai nulla. Usa l’URL pubblico del feed.
err_too_large	Il feed è più grande di quanto Earshot accetti. Chiedi a chi pubblica il podcast un feed paginato o più corto.
err_not_a_feed	Quell’indirizzo non ha restituito un feed di podcast. Cerca il link RSS sul sito del podcast.
err_not_found	Quell’episodio non è (più) nel feed. Apri il programma per sceglierne un altro.
err_timeout	L’host del feed ha impiegato troppo a rispondere. Riprova tra un minuto.
err_upstream_error	L’host del feed ha risposto con un errore. Riprova più tardi.
err_rate_limited	Troppe richieste dal tuo indirizzo. Attendi qualche secondo e riprova.
err_internal	Qualcosa è andato storto sul server di Earshot. Riprova più tardi.
err_not_opml	Questo file non è un elenco di iscrizioni OPML. Esportane uno dalla tua app di podcast (di solito il file finisce in .opml) e riprova.
err_opml_too_large	Questo file supera 1 MB, più di quanto serva a qualsiasi elenco di iscrizioni. Controlla che sia l’esportazione OPML della tua app.
err_bad_upload	Il file non è arrivato completo. Riprova.
err_offline	Impossibile raggiungere il server di Earshot. Controlla la connessione e riprova.
err_bad_answer	La risposta del server non è comprensibile. Ricarica la pagina e riprova.
err_static_missing	Sul sito mancano i dati di questa pagina. Chiedi a chi lo gestisce di esportarla di nuovo.
err_no_episodes	Questo programma non ha ancora episodi.
err_library_newer	La tua libreria è stata salvata da una versione più recente di Earshot. Resta intatta: ricarica la pagina per avere la versione nuova.
err_library_corrupt	Impossibile leggere la tua libreria. Resta intatta e non viene sovrascritta.
err_dl_unsupported	Questo browser non può conservare episodi per l’ascolto offline.
err_dl_cors	L’host dell’episodio non consente il download per l’ascolto offline. Puoi comunque ascoltarlo online.
err_dl_http	L’host dell’episodio ha risposto HTTP %d. Riprova più tardi.
err_dl_space	Impossibile salvare l’episodio. Libera spazio su questo dispositivo e riprova.
searchShow	Cerca in questo podcast
moments	Momenti
momentsFound	Momenti trovati: %d
noMoments	Niente in questo podcast corrisponde a «%s».
searching	Ricerca in corso…
stillIndexing	Le trascrizioni di questo podcast sono ancora in lettura (%d di %d): potrebbero emergere altri risultati.
momentTitle	Episodio
momentChapter	Capitolo
err_empty_query	Scrivi una parola da cercare.
err_query_too_long	Questa ricerca è troppo lunga. Usa poche parole, al massimo 200 caratteri.
== nl
_name	Nederlands
_months	januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december
_date	{d} {m} {y}
play	Afspelen
pause	Pauzeren
seek	Positie
back15	15 seconden terug
fwd30	30 seconden vooruit
prevChapter	Vorig hoofdstuk
nextChapter	Volgend hoofdstuk
speed	Afspeelsnelheid
volume	Volume
mute	Dempen
unmute	Geluid aan
elapsed	Resterende tijd tonen
remaining	Verstreken tijd tonen
chapters	Hoofdstukken
notes	Shownotes
transcript	Transcript
share	Delen
followShow	Volgen
followHint	Elke nieuwe aflevering in je podcast-app.
followFeedURL	Feed-URL (plak hem in elke podcast-app)
copyFeed	Feed-URL kopiëren
otherApp	Andere app (%s)
podroll	Onze aanraders
people	Medewerkers
support	Steun de show
highlights	Hoogtepunten
playHighlight	Dit fragment afspelen: %s
highlightSpan	Fragment %s–%s
season	Seizoen %s
episode	Aflevering %s
trailer	Trailer
bonus	Bonus
buffering	Laden…
mediaError	Deze aflevering kon niet worden geladen.
retry	Opnieuw proberen
version	Versie
search	Transcript doorzoeken
prevMatch	Vorige treffer
nextMatch	Volgende treffer
matches	%d van %d
noMatches	Geen treffers
loadingTrans	Transcript laden…
follow	Afspelen volgen
shortcuts	Sneltoetsen
close	Sluiten
finished	Beluisterd
episodes	Afleveringen
showMore	Meer afleveringen tonen
copyLink	Link kopiëren
copied	Gekopieerd
atCurrent	Beginnen op de huidige positie
player	Speler: %s
coverOf	Hoesafbeelding van %s
of	%s van %s
hours	uur
hour	uur
minutes	minuten
minute	minuut
seconds	seconden
second	seconde
keyPlay	Afspelen of pauzeren
keySeek5	5 seconden terug of vooruit
keySeek15	15 seconden terug of vooruit
keyChapter	Vorig of volgend hoofdstuk
keyVolume	Harder of zachter
keyMute	Dempen of geluid aan
keySpeed	Langzamer of sneller
keyJump	Naar 0–90 % springen
keyHelp	Deze lijst tonen
keySpace	Spatie
keyShift	Shift
keyAlt	Alt
noEpisode	Deze show heeft nog geen afleveringen.
openInEarshot	Openen in Earshot
sleep	Slaaptimer
sleepOff	Geen slaaptimer
sleepMinutes	Stoppen over %s min
sleepChapter	Stoppen aan het eind van het hoofdstuk
sleepEpisode	Stoppen aan het eind van de aflevering
updateReady	Er staat een nieuwe versie van Earshot klaar.
reload	Herladen
clipNotTime	Typ de tijden van het fragment als 1:30 of 90.
clipOrder	Het fragment moet na het begin eindigen.
library	Bibliotheek
frontTitle	Luister naar elke podcast, gewoon hier
frontLine	Earshot speelt elke podcastfeed af in je browser, met hoofdstukken, transcripten, links naar elke seconde en een speler voor je blog.
openFeed	Open een podcastfeed
open	Openen
frontNow	Of luister naar deze show
subscribe	Abonneren
subscribed	Geabonneerd ✓
checking	Controleren…
searchEpisodes	Afleveringen zoeken
whichEpisodes	Welke afleveringen
allEpisodes	Alle afleveringen
unplayed	Niet beluisterd
played	Beluisterd
noEpisodeMatches	Geen aflevering gevonden.
playEpisode	Afspelen: %s
addToQueueOf	Aan wachtrij toevoegen: %s
removeFromQueueOf	Uit wachtrij halen: %s
addToQueue	Aan wachtrij toevoegen
inQueue	In wachtrij ✓
download	Downloaden voor offline
downloading	Downloaden…
removing	Verwijderen…
downloaded	Gedownload ✓ (verwijderen)
dlUsed	Offline afleveringen en de app gebruiken %s.
liveNow	LIVE
upcoming	Binnenkort
upcomingOn	Binnenkort: %s
addShow	Show toevoegen
feedURL	Feed-URL
importOPML	OPML importeren…
exportOPML	OPML exporteren
refresh	Vernieuwen
importing	Importeren…
showsImportedOne	%d show geïmporteerd.
showsImportedMany	%d shows geïmporteerd.
showsAlreadyOne	%d stond al in je bibliotheek.
showsAlreadyMany	%d stonden al in je bibliotheek.
showsRefusedOne	%d show is niet geïmporteerd:
showsRefusedMany	%d shows zijn niet geïmporteerd:
shows	Shows
noShows	Nog geen shows: voeg er een toe met de feed-URL, of importeer een OPML-bestand.
newEpisodesOne	%d nieuwe aflevering
newEpisodesMany	%d nieuwe afleveringen
unsubscribe	Opzeggen
unsubscribeFrom	Abonnement op %s opzeggen
continueListening	Verder luisteren
upNext	Hierna
queueEmpty	De wachtrij is leeg: voeg afleveringen toe vanuit een show of de speler.
moveUp	Omhoog: %s
moveDown	Omlaag: %s
embedThis	Deze aflevering insluiten
layout	Indeling
layout_full	Volledig
layout_show	Hele show
layout_compact	Compact
layout_mini	Mini
theme	Thema
theme_auto	Automatisch
theme_light	Licht
theme_dark	Donker
colour	Kleur
resizeFrame	Het kader aan de inhoud aanpassen (voegt een script van 1 KB toe)
corsNote	Hoofdstukken en transcripten haalt de server van Earshot op, dus ze werken ook als hun hosts geen CORS-headers sturen.
embedCode	Insluitcode
copyEmbed	Insluitcode kopiëren
frameTitle	%s – Earshot-speler
warnFirstChapter	Het eerste hoofdstuk begint op %s, niet op 0:00: het begin heeft geen hoofdstuktitel.
warnNoArt	De aflevering en de show hebben geen afbeelding: de speler toont een gegenereerde.
warnNoChapters	Deze aflevering heeft geen hoofdstukken: luisteraars kunnen niet naar onderwerpen springen.
warnNoDuration	De feed geeft geen duur: de tijdbalk verschijnt pas als de audio laadt.
shareEpisode	Aflevering
shareClip	Fragment
clipStart	Begin van het fragment
clipEnd	Eind van het fragment
sharePassage	De geselecteerde regels van het transcript delen
selectLines	Selecteer eerst een paar regels van het transcript.
qrOf	QR-code: %s
role_host	Presentatie
role_co-host	Copresentatie
role_guest	Gast
role_producer	Productie
errShowTitle	Deze show kon niet worden geopend
errEpisodeTitle	Deze aflevering kon niet worden geopend
errTranscript	Het transcript kon niet worden geladen.
notFoundTitle	Pagina niet gevonden
notFoundText	Op dit adres staat geen pagina. De link is misschien verkeerd getypt of verouderd.
backHome	Naar de voorpagina
openLibrary	Je bibliotheek openen
openShow	De show openen
hostAnswered	(De host antwoordde HTTP %d.)
err_bad_url	Controleer het adres: het moet een volledige feed-URL met http:// of https:// zijn.
err_blocked_address	Dit adres wijst naar een privénetwerk, waar Earshot nooit iets ophaalt. Gebruik de openbare URL van de feed.
err_too_large	De feed is groter dan Earshot accepteert. Vraag de podcastmaker om een kortere of gepagineerde feed.
err_not_a_feed	Dat adres gaf geen podcastfeed terug. Zoek de RSS-link op de website van de podcast.
err_not_found	Die aflevering staat niet (meer) in de feed. Open de show om een andere te kiezen.
err_timeout	De host van de feed deed er te lang over om te antwoorden. Probeer het over een minuut opnieuw.
err_upstream_error	De host van de feed antwoordde met een fout. Probeer het later opnieuw.
err_rate_limited	Te veel verzoeken vanaf je adres. Wacht een paar seconden en probeer het opnieuw.
err_internal	Er ging iets mis op de server van Earshot. Probeer het later opnieuw.
err_not_opml	Dat bestand is geen OPML-abonnementenlijst. Exporteer er een uit je podcastapp (het bestand eindigt meestal op .opml) en probeer het opnieuw.
err_opml_too_large	Dat bestand is groter dan 1 MB, meer dan een abonnementenlijst nodig heeft. Controleer of het de OPML-export van je podcastapp is.
err_bad_upload	Het bestand kwam niet volledig aan. Probeer het opnieuw.
err_offline	De server van Earshot was niet bereikbaar. Controleer je verbinding en probeer het opnieuw.
err_bad_answer	Het antwoord van de server was onbegrijpelijk. Herlaad de pagina en probeer het opnieuw.
err_static_missing	De gegevens van deze pagina ontbreken op de site. Vraag de beheerder om haar opnieuw te exporteren.
err_no_episodes	Deze show heeft nog geen afleveringen.
err_library_newer	Je bibliotheek is opgeslagen door een nieuwere versie van Earshot. Ze blijft onaangeroerd: herlaad de pagina om de nieuwere versie te krijgen.
err_library_corrupt	Je bibliotheek kon niet worden gelezen. Ze blijft onaangeroerd en er wordt niets overheen opgeslagen.
err_dl_unsupported	Deze browser kan geen afleveringen bewaren om offline te luisteren.
err_dl_cors	De host van de aflevering staat downloaden voor offline luisteren niet toe. Online luisteren kan nog steeds.
err_dl_http	De host van de aflevering antwoordde HTTP %d. Probeer het later opnieuw.
err_dl_space	De aflevering kon niet worden opgeslagen. Maak ruimte vrij op dit apparaat en probeer het opnieuw.
searchShow	Deze podcast doorzoeken
moments	Momenten
momentsFound	Gevonden momenten: %d
noMoments	Niets in deze podcast past bij ‘%s’.
searching	Zoeken…
stillIndexing	De transcripties van deze podcast worden nog gelezen (%d van %d), dus er kan meer opduiken.
momentTitle	Aflevering
momentChapter	Hoofdstuk
err_empty_query	Typ een woord om naar te zoeken.
err_query_too_long	Die zoekopdracht is te lang. Gebruik een paar woorden, hooguit 200 tekens.
== pt
_name	Português
_months	janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro
_date	{d} de {m} de {y}
play	Reproduzir
pause	Pausar
seek	Posição
back15	Voltar 15 segundos
fwd30	Avançar 30 segundos
prevChapter	Capítulo anterior
nextChapter	Próximo capítulo
speed	Velocidade de reprodução
volume	Volume
mute	Silenciar
unmute	Ativar som
elapsed	Mostrar tempo restante
remaining	Mostrar tempo decorrido
chapters	Capítulos
notes	Notas do episódio
transcript	Transcrição
share	Compartilhar
followShow	Seguir
followHint	Cada episódio novo no seu app de podcasts.
followFeedURL	URL do feed (cole em qualquer app de podcasts)
copyFeed	Copiar URL do feed
otherApp	Outro app (%s)
podroll	Recomendamos
people	Participantes
support	Apoie o programa
highlights	Destaques
playHighlight	Ouvir este trecho: %s
highlightSpan	Trecho %s–%s
season	Temporada %s
episode	Episódio %s
trailer	Trailer
bonus	Bônus
buffering	Carregando…
mediaError	Não foi possível carregar este episódio.
retry	Tentar de novo
version	Versão
search	Pesquisar na transcrição
prevMatch	Resultado anterior
nextMatch	Próximo resultado
matches	%d de %d
noMatches	Nenhum resultado
loadingTrans	Carregando a transcrição…
follow	Acompanhar a reprodução
shortcuts	Atalhos de teclado
close	Fechar
finished	Ouvido
episodes	Episódios
showMore	Mostrar mais episódios
copyLink	Copiar link
copied	Copiado
atCurrent	Começar na posição atual
player	Player: %s
coverOf	Capa de %s
of	%s de %s
hours	horas
hour	hora
minutes	minutos
minute	minuto
seconds	segundos
second	segundo
keyPlay	Reproduzir ou pausar
keySeek5	Voltar ou avançar 5 segundos
keySeek15	Voltar ou avançar 15 segundos
keyChapter	Capítulo anterior ou seguinte
keyVolume	Aumentar ou diminuir o volume
keyMute	Silenciar ou ativar o som
keySpeed	Mais devagar ou mais rápido
keyJump	Ir para 0–90 %
keyHelp	Mostrar esta lista
keySpace	Espaço
keyShift	Shift
keyAlt	Alt
noEpisode	Este programa ainda não tem episódios.
openInEarshot	Abrir no Earshot
sleep	Timer para dormir
sleepOff	Sem timer
sleepMinutes	Parar em %s min
sleepChapter	Parar no fim do capítulo
sleepEpisode	Parar no fim do episódio
updateReady	Uma nova versão do Earshot está pronta.
reload	Recarregar
clipNotTime	Digite os tempos do trecho como 1:30 ou 90.
clipOrder	O trecho precisa terminar depois de começar.
library	Biblioteca
frontTitle	Ouça qualquer podcast, aqui mesmo
frontLine	O Earshot toca qualquer feed de podcast no seu navegador, com capítulos, transcrições, links para qualquer segundo e um player para o seu blog.
openFeed	Abrir qualquer feed de podcast
open	Abrir
frontNow	Ou ouça este programa
subscribe	Assinar
subscribed	Assinado ✓
checking	Verificando…
searchEpisodes	Pesquisar episódios
whichEpisodes	Quais episódios
allEpisodes	Todos os episódios
unplayed	Não ouvidos
played	Ouvidos
noEpisodeMatches	Nenhum episódio corresponde.
playEpisode	Reproduzir: %s
addToQueueOf	Adicionar à fila: %s
removeFromQueueOf	Remover da fila: %s
addToQueue	Adicionar à fila
inQueue	Na fila ✓
download	Baixar para ouvir offline
downloading	Baixando…
removing	Removendo…
downloaded	Baixado ✓ (remover)
dlUsed	Os episódios offline e o app ocupam %s.
liveNow	AO VIVO
upcoming	Em breve
upcomingOn	Em breve: %s
addShow	Adicionar um programa
feedURL	URL do feed
importOPML	Importar OPML…
exportOPML	Exportar OPML
refresh	Atualizar
importing	Importando…
showsImportedOne	%d programa importado.
showsImportedMany	%d programas importados.
showsAlreadyOne	%d já estava na sua biblioteca.
showsAlreadyMany	%d já estavam na sua biblioteca.
showsRefusedOne	%d programa não foi importado:
showsRefusedMany	%d programas não foram importados:
shows	Programas
noShows	Nenhum programa ainda: adicione um pela URL do feed ou importe um arquivo OPML.
newEpisodesOne	%d episódio novo
newEpisodesMany	%d episódios novos
unsubscribe	Cancelar assinatura
unsubscribeFrom	Cancelar a assinatura de %s
continueListening	Continuar ouvindo
upNext	A seguir
queueEmpty	Nada na fila: adicione episódios a partir de um programa ou do player.
moveUp	Subir: %s
moveDown	Descer: %s
embedThis	Incorporar este episódio
layout	Layout
layout_full	Completo
layout_show	Programa inteiro
layout_compact	Compacto
layout_mini	Mini
theme	Tema
theme_auto	Automático
theme_light	Claro
theme_dark	Escuro
colour	Cor
resizeFrame	Ajustar o quadro ao conteúdo (adiciona um script de 1 KB)
corsNote	Capítulos e transcrições são buscados pelo servidor do Earshot, então funcionam mesmo quando os servidores deles não enviam cabeçalhos CORS.
embedCode	Código de incorporação
copyEmbed	Copiar o código de incorporação
frameTitle	%s – player do Earshot
warnFirstChapter	O primeiro capítulo começa em %s, não em 0:00: o início não tem título de capítulo.
warnNoArt	O episódio e o programa não têm capa: o player mostra uma gerada.
warnNoChapters	Este episódio não tem capítulos: os ouvintes não podem pular para os assuntos.
warnNoDuration	O feed não informa a duração: a barra de progresso só aparece quando o áudio carrega.
shareEpisode	Episódio
shareClip	Trecho
clipStart	Início do trecho
clipEnd	Fim do trecho
sharePassage	Compartilhar as linhas selecionadas da transcrição
selectLines	Selecione primeiro algumas linhas da transcrição.
qrOf	Código QR: %s
role_host	Apresentação
role_co-host	Coapresentação
role_guest	Convidado
role_producer	Produção
errShowTitle	Não foi possível abrir este programa
errEpisodeTitle	Não foi possível abrir este episódio
errTranscript	Não foi possível carregar a transcrição.
notFoundTitle	Página não encontrada
notFoundText	Não há nenhuma página neste endereço. O link pode estar digitado errado ou desatualizado.
backHome	Ir para a página inicial
openLibrary	Abrir sua biblioteca
openShow	Abrir o programa
hostAnswered	(O servidor respondeu HTTP %d.)
err_bad_url	Confira o endereço: ele precisa ser uma URL de feed completa com http:// ou https://.
err_blocked_address	Este endereço aponta para uma rede privada, da qual o Earshot nunca busca nada. Use a URL pública do feed.
err_too_large	O feed é maior do que o Earshot aceita. Peça a quem publica o podcast um feed paginado ou mais curto.
err_not_a_feed	Esse endereço não devolveu um feed de podcast. Procure o link RSS no site do podcast.
err_not_found	Esse episódio não está (mais) no feed. Abra o programa para escolher outro.
err_timeout	O servidor do feed demorou demais para responder. Tente de novo em um minuto.
err_upstream_error	O servidor do feed respondeu com um erro. Tente de novo mais tarde.
err_rate_limited	Muitas solicitações a partir do seu endereço. Espere alguns segundos e tente de novo.
err_internal	Algo deu errado no servidor do Earshot. Tente de novo mais tarde.
err_not_opml	Esse arquivo não é uma lista de assinaturas OPML. Exporte uma do seu app de podcasts (o arquivo geralmente termina em .opml) e tente de novo.
err_opml_too_large	Esse arquivo tem mais de 1 MB, mais do que qualquer lista de assinaturas precisa. Confira se é a exportação OPML do seu app.
err_bad_upload	O arquivo não chegou completo. Tente de novo.
err_offline	Não foi possível falar com o servidor do Earshot. Confira sua conexão e tente de novo.
err_bad_answer	A resposta do servidor não foi entendida. Recarregue a página e tente de novo.
err_static_missing	Os dados desta página estão faltando no site. Peça a quem o mantém para exportá-la de novo.
err_no_episodes	Este programa ainda não tem episódios.
err_library_newer	Sua biblioteca foi salva por uma versão mais nova do Earshot. Ela fica intacta: recarregue a página para obter a versão nova.
err_library_corrupt	Não foi possível ler sua biblioteca. Ela fica intacta e nada é salvo por cima.
err_dl_unsupported	Este navegador não consegue guardar episódios para ouvir offline.
err_dl_cors	O servidor do episódio não permite baixá-lo para ouvir offline. Você ainda pode ouvir online.
err_dl_http	O servidor do episódio respondeu HTTP %d. Tente de novo mais tarde.
err_dl_space	Não foi possível guardar o episódio. Libere espaço neste dispositivo e tente de novo.
searchShow	Pesquisar neste podcast
moments	Momentos
momentsFound	Momentos encontrados: %d
noMoments	Nada neste podcast corresponde a “%s”.
searching	Pesquisando…
stillIndexing	As transcrições deste podcast ainda estão sendo lidas (%d de %d), então mais resultados podem aparecer.
momentTitle	Episódio
momentChapter	Capítulo
err_empty_query	Digite uma palavra para pesquisar.
err_query_too_long	Essa pesquisa é longa demais. Use poucas palavras, no máximo 200 caracteres.
`
