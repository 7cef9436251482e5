# L'interface de tandem en français. Chaque message de
# i18n/en/tandem.ftl a son pendant ici (un test le vérifie).

## Nombres et dates

# Une espace fine insécable.
thousands-separator = { "\u202F" }
decimal-separator = ,
# Une date : jour, mois abrégé, année.
date = { $day_number } { $month_name } { $year }
month-short = { $month ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avr.
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] déc.
}

## Nombres de choses

session-count = { $count ->
    [one] { $count } séance
   *[other] { $count } séances
}

## Raccourcis : les mots de la barre du bas

hint-add-note = note
hint-back = retour
hint-brief = fiche
hint-card = carte
hint-choose = choisir
hint-cohort = groupe
hint-deck = jeu
hint-drill = exercice
hint-filter = filtrer
hint-help = aide
hint-hide-start = masquer, démarrer
hint-home = accueil
hint-leave = quitter
hint-mark = repère
hint-minute = minute
hint-new-seed = autre tirage
hint-next = suivant
hint-next-field = champ suivant
hint-next-person = personne suivante
hint-next-round = tour suivant
hint-no = non
hint-open = ouvrir
hint-pause = pause
hint-person = personne
hint-progress = progrès
hint-quit = quitter
hint-rate = noter
hint-reverse = inverser
hint-review = relire
hint-save = enregistrer
hint-scroll = défiler
hint-sort = trier
hint-start = démarrer
hint-talk = parole
hint-tick = cocher
hint-yes = oui

## Raccourcis : une ligne par touche dans l'aide (?)

# brief
key-brief-start = Masquer la fiche et lancer le chrono du tour
key-brief-down = Faire défiler la fiche vers le bas
key-brief-up = Faire défiler la fiche vers le haut
key-brief-back = Retour à la préparation ; rien n'a commencé
# feedback
key-feedback-save = Enregistrer la séance et afficher le bilan
key-feedback-next-field = Champ suivant (Entrée aussi, dans un champ de texte)
key-feedback-prev-field = Champ précédent
key-feedback-next-part = Partie suivante : la personne suivante, les critères, l'engagement
key-feedback-prev-part = Partie précédente
key-feedback-help = Cette aide (aussi ? hors des champs de texte)
key-feedback-leave = Quitter le formulaire (demande d'abord ; ce qui est saisi est gardé)
key-feedback-edit-set = Une note : la choisir
key-feedback-edit-lower = Une note ou une réponse : un cran plus bas / plus haut
key-feedback-edit-higher = Une note ou une réponse : un cran plus haut
key-feedback-edit-clear = Effacer une note ou une réponse (l'une comme l'autre peut rester vide)
key-feedback-edit-toggle = Un critère : observé / non observé
key-feedback-edit-help = Cette aide
# home
key-home-up = Monter
key-home-down = Descendre
key-home-choose = Choisir l'entrée en surbrillance
key-home-start = Commencer un nouveau tour d'entraînement
key-home-resume = Reprendre le tour inachevé
key-home-review = Relire les séances enregistrées et ajouter des notes de coach
key-home-progress = Courbes de progrès et point à travailler
key-home-drill = S'exercer sur le point à travailler : son étape, sur son jeu, pour son organisateur
key-home-quit = Quitter tandem (Ctrl-C marche partout)
# practice
key-practice-next = Étape suivante (après la dernière : le débrief, demande d'abord)
key-practice-back = Étape précédente (son chrono continue)
key-practice-pause = Mettre en pause ou reprendre le chrono
key-practice-more = Une minute de plus pour cette étape (- une de moins)
key-practice-less = Une minute de moins pour cette étape
key-practice-talk = Qui parle : organisateur, partenaire, personne (alimente la jauge de parole)
key-practice-card = Carte de questions suivante
key-practice-mark = Ajouter le repère de ce numéro au moment présent
key-practice-undo = Retirer le dernier repère
key-practice-scale = Noter l'échelle du jeu posée à cette étape (par ex. de 0 à 10)
key-practice-persona = Afficher ou masquer la fiche privée du partenaire (demande d'abord si l'organisateur peut voir)
key-practice-scroll-down = Faire défiler la carte et le personnage quand ils ne tiennent pas (« ↓ suite »)
key-practice-scroll-up = Remonter dans la carte et le personnage
key-practice-leave = Quitter l'entraînement (demande d'abord ; le tour reste à reprendre)
# progress
key-progress-previous-person = Personne précédente (ou tout le monde)
key-progress-next-person = Personne suivante (ou tout le monde)
key-progress-next-deck = Famille de jeux suivante : on ne compare les tours qu'au sein d'un jeu ou d'une compétence
key-progress-cohort = Courbes, ou tableau du groupe (personnes × étapes) pour ce jeu
key-progress-back = Retour à l'accueil
# review
key-review-up = Séance précédente
key-review-down = Séance suivante
key-review-page-up = Une page plus haut
key-review-page-down = Une page plus bas
key-review-first = Première séance
key-review-last = Dernière séance
key-review-open = Ouvrir la séance : durées, repères, retours, notes
key-review-filter = Filtrer en tapant (noms, jeu, mode, date) ; Entrée garde le filtre, Échap l'efface
key-review-sort = Trier selon la colonne suivante (date, organisateur, partenaire, jeu, mode, durée, note)
key-review-reverse = Inverser l'ordre
key-review-back = Retour à l'accueil
# session
key-session-up = Remonter
key-session-down = Descendre
key-session-page-up = Une page plus haut
key-session-page-down = Une page plus bas
key-session-add-note = Ajouter une note de coach (enregistrée à part ; la séance n'est jamais modifiée)
key-session-back = Retour à la liste des séances
# setup
key-setup-start = Lancer le tour
key-setup-next-field = Champ suivant
key-setup-prev-field = Champ précédent
key-setup-reseed = Nouveau tirage (un autre personnage, un autre ordre des cartes)
key-setup-help = Cette aide
key-setup-back = Retour à l'accueil
# summary
key-summary-next = Tour suivant, même jeu, rôles échangés (le tour suivant du plan, s'il y en a un)
key-summary-down = Descendre
key-summary-up = Remonter
key-summary-page-down = Une page plus bas
key-summary-page-up = Une page plus haut
key-summary-home = Retour à l'accueil
key-summary-quit = Quitter tandem
# confirm
key-confirm-yes = Dans une question : oui
key-confirm-no = Dans une question : non
key-help = Cette aide

## L'aide et les questions

# { $screen } est le nom de l'écran, par ex. « entraînement ».
help-title = { " " }Touches : { $screen }{ " " }
help-close = { " " }? ou Échap pour fermer{ " " }
help-more = { " " }… suite : agrandir la fenêtre{ " " }
confirm-title = { " " }Confirmer{ " " }
# L'indication de `p` quand le chrono est en pause.
hint-continue = reprendre
# La « touche » de la saisie de texte, dans l'aide.
key-typing = saisie
key-feedback-answer = Une réponse : oui (y), peut-être (m), non (n)
key-feedback-typing = Modifie le champ de texte actif
key-session-note-tab = Formulaire de note : passer de l'auteur à la note
key-session-note-save = Formulaire de note : enregistrer la note
key-session-note-discard = Formulaire de note : abandonner la note
key-setup-deck = Choisir le jeu (champ du jeu)
key-setup-choice = Choisir le mode, l'étape à travailler ou l'étape à minuter
key-setup-minutes = Minutes de l'étape choisie (champ Durée)
key-setup-typing = Modifie le nom actif ou les minutes disponibles
key-setup-recent = Dans un champ de nom : choisir un des noms récents proposés

## Le vocabulaire de la méthode

mode-pair = binôme
mode-triad = trio
mode-solo = solo
mode-drill = exercice
role-organizer = organisateur
role-partner = partenaire
role-observer = observateur
answer-yes = oui
answer-maybe = peut-être
answer-no = non
trend-rising = en hausse
trend-falling = en baisse
trend-steady = stable
trend-unknown = trop peu
trend-unknown-sentence = pas assez de tours pour le dire
light-green = dans les temps
light-yellow = concluez bientôt
light-red = temps écoulé
talk-too-quiet = bien en dessous de la cible
talk-low = un peu bas
talk-within = dans la cible
talk-high = un peu haut
talk-too-much = bien au-dessus de la cible
date-field-action = date de l'action
date-field-follow-up = date de relance
people-alone = { $organizer } (en solo)
people-pair = { $organizer } avec { $partner }
people-triad = { $organizer } avec { $partner }, { $observer } observe
roles-alone = { $organizer }, en solo
roles-pair = { $organizer } (organisateur) avec { $partner } (partenaire)
roles-triad = { $organizer } (organisateur) avec { $partner } (partenaire), { $observer } observe

## Accueil

home-tagline = S'entraîner au tête-à-tête : intention, exploration, échange, engagement.
home-menu = { " " }Menu{ " " }
home-menu-resume = Reprendre : { $round }
home-menu-start = Commencer l'entraînement
home-menu-review = Relire les séances et ajouter des notes de coach
home-menu-progress = Progrès : notes, temps de parole, point à travailler
home-menu-help = Aide : touches
home-menu-quit = Quitter
home-last-session = Dernière séance :{ " " }
home-no-session = aucune pour l'instant — lancez votre premier tour.
home-focus-label = À travailler :{ " " }
home-data = Données :{ " " }
# L'étape la plus faible des derniers tours de l'organisateur, et la
# commande qui la fait travailler ($command reste telle quelle : elle se
# tape dans un shell).
home-focus = { $stage } pour { $organizer } (note récente { $rating }, { $trend }) ; pour s'y exercer : { $command }
home-replace-question = Commencer un nouveau tour ? Le tour inachevé sera remplacé dès que celui-ci démarre.
home-choice-title = { " " }Quel tour ?{ " " }
home-choice-waiting = Un tour inachevé attend : { $round }.
home-choice-waiting-any = Un tour inachevé attend.
home-choice-asked = Vous avez demandé : { $round }.
home-choice-resume = reprendre le tour inachevé
home-choice-start = lancer celui-ci (il remplace le tour inachevé)
home-choice-later = décider plus tard

## L'application : avis, lignes d'état, le tour inachevé

notice-deck-not-loaded = jeu non chargé : { $error }
notice-unfinished-unreadable = tour inachevé illisible : { $error }
notice-unfinished-left = tour inachevé impossible à lire (laissé en place) : { $error }
status-drill-no-stage = Impossible de lancer l'exercice : le jeu `{ $deck }` n'a plus d'étape `{ $stage }`
status-drill-failed = Impossible de lancer l'exercice : { $error }
status-note-not-saved = Note non enregistrée : { $error }
status-cannot-start = Impossible de commencer : { $error }.
status-unfinished-waiting = Un tour inachevé attend : reprenez-le, ou recommencez pour le remplacer.
status-cannot-resume = Impossible de reprendre : { $error }
status-saved-unfinished-stays = Enregistré, mais le tour inachevé reste : { $error }
status-round-not-saved = Tour NON enregistré : { $problem }
form-save-failed = { $error } (rien n'est perdu : corrigez et appuyez de nouveau sur Ctrl-S)
form-save-failed-unsaved = { $error } (le tour n'est pas enregistré non plus, voir plus bas : corrigez et appuyez de nouveau sur Ctrl-S)
farewell-saved = tandem : le tour inachevé est enregistré dans { $path } et gardé ; pour le reprendre, lancez `tandem` et appuyez sur Entrée (ou `tandem practice`).
unfinished-in-form = formulaire de débrief
unfinished-in-stage = { $stage }, à { $time }
# Noms des écrans, dans le titre de l'aide.
screen-home = accueil
screen-setup = préparation
screen-brief = fiche du partenaire
screen-practice = entraînement
screen-feedback = débrief
screen-summary = bilan
screen-review = relecture
screen-session = séance
screen-progress = progrès
loading-reading = Lecture des séances enregistrées : { $read } sur { $total }…
loading-looking = Recherche des séances enregistrées…
notice-index-rebuilt = l'index a été reconstruit : { $why }
notice-sessions-not-all-read = séances pas toutes lues : { $error }
notice-skipped = ignoré : { $problem }

## Préparation

setup-title = Nouveau tour d'entraînement
setup-deck = Jeu (↑/↓)
setup-deck-line = { $title } · { $minutes } min
setup-mode = Mode (←/→)
setup-stage = {"  "}étape{" "}
setup-mode-pair = un organisateur et un partenaire
setup-mode-triad = un binôme plus un observateur, qui tient les repères et la jauge de parole
setup-mode-solo = répéter seul à voix haute, puis s'auto-évaluer
setup-mode-drill = une seule étape, tour après tour (partenaire facultatif)
setup-time = Durée
setup-time-focused = Durée (minutes disponibles ; ←/→ et +/- par étape)
setup-have = Dispo{" "}
setup-have-minutes = {" "}min ·{" "}
setup-organizer = Organisateur
setup-partner = Partenaire
setup-partner-optional = Partenaire (facultatif)
setup-observer = Observateur
setup-organizer-placeholder = qui mène le tête-à-tête
setup-partner-placeholder = qui est rencontré
setup-observer-placeholder = qui observe et note
setup-recent = Récents :{" "}
setup-recent-picks = {"  "}↓/↑ choisit
setup-seed = Tirage
setup-seed-note = {"  "}(choisit le personnage et les cartes ; `tandem practice --seed { $seed }` les refait)
setup-needs = Un tour en { $mode } demande { $what }.
setup-needs-organizer = le nom de l'organisateur
setup-needs-partner = le nom du partenaire
setup-needs-observer = le nom de l'observateur
setup-does-not-fit = Les tours ne tiennent pas : { $error }.
setup-one-round = Un tour : { $round } min + { $debrief } min de débrief (tapez les minutes dont vous disposez pour prévoir un tour par personne)
# « · Ana, puis Ben, puis Cy organisent »
setup-plan-order = {" "}· { $first }, puis { $rest } organisent
setup-plan-then = , puis{" "}
fit-plan = { $rounds ->
    [one] { $rounds } tour
   *[other] { $rounds } tours
} × ({ $round } min + { $debrief } min de débrief) = { $total } min
fit-too-short = { $available } min, c'est trop court : il faut au moins { $needed } min ({ $rounds } tour(s) de { $stages } étape(s), débriefs de { $debrief } min)
fit-no-stages = le jeu n'a aucune étape à répartir

## tandem practice

practice-config-deck-unused = tandem : le jeu de la configuration n'est pas utilisé ({ $error }) ; jeu utilisé : { $deck }
practice-config-drill = le mode de la configuration (mode = "drill")
practice-drill-needs-stage = { $drill } demande --stage, parmi : { $stages }
practice-no-such-stage = le jeu `{ $deck }` n'a pas d'étape `{ $stage }` ; ses étapes sont : { $stages }
practice-stage-without-drill = --stage { $stage } ne va qu'avec --mode drill (une seule étape, tour après tour) ; ajoutez --mode drill, ou retirez --stage pour un tour complet
practice-observer-needs-triad = --observer ne sert qu'avec --mode triad
practice-fit-not-for-drill = --fit prévoit des tours complets ; un exercice ne travaille qu'une étape

## Morceaux partagés

# Une étiquette devant son texte : « Tient à : » (espace avant les deux-points).
label-colon = { $label } :{" "}
more-below = {" "}↓ suite{" "}
persona-cares-about = Tient à
persona-resources = Peut apporter
persona-reluctance = Réticences
persona-play = Comment l'incarner

## Fiche du partenaire

brief-readers = { $partner }, lisez ceci — { $organizer }, détournez le regard.
brief-readers-triad = { $partner } et { $observer }, lisez ceci — { $organizer }, détournez le regard.
brief-readers-own = Votre fiche : vous seul (et un observateur) la voyez.
brief-subtitle = La fiche privée du partenaire : ce que l'organisateur doit découvrir.
brief-you-are = Vous êtes{" "}
brief-they-know = On sait de vous :{" "}
brief-partner-only = {" "}Partenaire seulement{" "}
talk-short-too-quiet = trop discret
talk-short-low = un peu bas
talk-short-within = dans la cible
talk-short-high = un peu haut
talk-short-too-much = trop bavard
too-small = Agrandissez la fenêtre
too-small-sizes = tandem a besoin de { $min_width }×{ $min_height } ; la fenêtre fait { $width }×{ $height }.
too-small-quit = Ctrl-C quitte ; un tour inachevé est gardé.

## Entraînement

practice-show-private = Afficher la fiche privée du partenaire ? { $organizer } doit détourner le regard.
practice-leave-question = Quitter l'entraînement ? Le tour est gardé ; reprenez-le depuis l'accueil.
practice-end-question = Terminer le tour et commencer le débrief ?
practice-scale-range = un nombre entier de { $min } à { $max }
practice-goal = Objectif :{" "}
practice-last-time = La dernière fois :{" "}
practice-persona = Partenaire
practice-persona-shown = Partenaire · fiche privée affichée (h la masque)
practice-persona-open = Partenaire (h masque la partie privée)
practice-persona-hidden = Partenaire · le reste, c'est à l'organisateur de le découvrir
practice-card-title = {" "}{ $stage } · carte { $card } sur { $cards } (Tab){" "}
practice-more = {" "}↓ suite : ↓/j{" "}
practice-back-up = {" "}↑/k remonter{" "}
practice-no-persona = Pas de personnage : le partenaire joue son propre rôle.
practice-stage-of = étape { $stage } sur { $stages }
practice-round-of = tour { $round } sur { $rounds }
practice-paused = EN PAUSE
practice-left = restant
practice-over = de trop
practice-paused-state = en pause : p reprend
practice-time = {" "}Temps{" "}
practice-planned-spent = prévu { $planned } · passé { $spent }
practice-alone = Seul : dites votre partie à voix haute, comme si l'autre était là.
practice-nobody = personne
practice-talking = { $name } parle
practice-nobody-talking = personne ne parle
practice-talk = {" "}Parole{" "}
practice-talk-space = {" "}Parole (Espace){" "}
practice-talk-observer = {" "}Parole (observateur : Espace){" "}
practice-talk-stage = étape
practice-talk-round = tour
# Avant que quiconque ait parlé : « étape : viser 15–35 % ».
practice-talk-aim = { $label } : viser { $low }–{ $high } %
practice-tip = Conseil :{" "}
practice-ask = Demander :{" "}
practice-scale-not-asked = pas encore demandé (r)
practice-scale-value = { $value } (r pour changer)
practice-marks = {" "}Repères ({ $count }) · u retire le dernier{" "}
practice-no-marks = Aucun repère : tapez le numéro quand vous le voyez.
practice-latest = Derniers :{" "}
practice-scale = {" "}Échelle{" "}
practice-scale-record = noter
practice-scale-skip = passer et continuer
practice-scale-cancel = annuler

## Débrief (le formulaire)

feedback-title = Débrief
feedback-order = {" "}· organisateur, puis partenaire, puis observateur
feedback-clock-left = { $time } restant
feedback-clock-over = +{ $time } de trop
feedback-debrief-clock = débrief { $clock }
feedback-turn-organizer = d'abord : ce qui a marché, ce qu'il faut changer
feedback-turn-partner = ensuite : le ressenti, vous seriez-vous engagé ?
feedback-turn-observer = enfin : lire les repères, une phrase
feedback-what-worked = Qu'est-ce qui a marché ?
feedback-to-change = Une chose à changer la prochaine fois
feedback-to-make-yes = Qu'est-ce qui aurait donné un oui ?
feedback-phrase = Une phrase qui a marché, citée
feedback-ask = La demande
feedback-action = L'action convenue
feedback-date = Sa date (AAAA-MM-JJ)
feedback-follow-up = Relance (AAAA-MM-JJ, facultatif)
feedback-would-say-yes = Auriez-vous dit oui ?
feedback-felt-heard = Vous êtes-vous senti écouté ?
feedback-marks-to-read = {"  "}Repères à lire :
feedback-checks = Critères : observés ou non
feedback-checks-who = {" "}— { $name } les coche
feedback-commitment = Engagement : ce qui a été demandé, et ce qu'il en est sorti
feedback-answer = La réponse
feedback-type-here = tapez ici ; Entrée pour continuer
feedback-leave-question = Quitter le formulaire sans l'enregistrer ? Il est gardé ; reprenez-le depuis l'accueil.
feedback-and = {" "}et{" "}
feedback-save-anyway = { $names } { $count ->
    [one] n'a donné
   *[other] n'ont donné
} aucun retour. Enregistrer quand même ?
feedback-not-saved = Non enregistré : { $error }
# $arrows vaut « ↑ », « ↓ » ou les deux.
feedback-more = { $arrows }suite : Tab/↓ et PgSuiv parcourent le formulaire
feedback-bad-date = { $field } : `{ $text }` n'est pas une date ; écrivez-la AAAA-MM-JJ

## Bilan, et le compte rendu d'un tour enregistré

summary-saved = Tour enregistré
summary-title = {" "}Bilan{" "}
summary-saved-to = Enregistré dans { $path }
summary-next-planned = Ensuite : tour { $round } sur { $rounds }, { $organizer } organise (s)
summary-plan-done = Les { $rounds } tours prévus sont faits.
summary-next = s : un autre tour, { $organizer } organise
record-times = Temps et parole par étape
record-stage = Étape
record-plan = Prévu
record-actual = Réel
record-diff = Écart
record-organizer-talk = Parole de l'organisateur (cible)
record-alone = — (seul : parole non mesurée)
record-round = Tour
record-stage-rating = Étape (1–5)
record-before = Avant
record-change = Évol.
record-ratings = Notes
record-before-note = {"  "}Avant : les tours précédents sur ce jeu, organisés par { $organizer }.
record-scales = Échelles
record-marks = Repères ({ $count })
record-no-marks = {"  "}Aucun pendant ce tour.
record-checks-by = , cochés par { $name }
record-checks = Critères : { $seen } sur { $total } observés{ $by }
record-commitment = Engagement —{" "}
record-commitment-counts = un engagement : un oui avec une date
record-commitment-no-date = un oui sans date ne compte pas encore
record-commitment-maybe = un peut-être : revenez à ce qui compte pour l'autre, ou fixez un moment pour décider
record-commitment-no = un non : cherchez pourquoi, et proposez une autre porte d'entrée
record-commitment-none = aucune réponse notée
record-ask = Demande
record-answer = Réponse
record-action = Action
record-date = Date
record-follow-up = Relance
record-persona = Ce que { $name } gardait pour soi
record-known-before = Connu d'avance
record-what-worked = Ce qui a marché
record-to-change = Une chose à changer
record-to-change-short = À changer
record-would-say-yes = Aurait dit oui
record-to-make-yes = Ce qui aurait donné un oui
record-felt-heard = S'est senti écouté
record-of-five = { $score } sur 5
record-phrase = Une phrase qui a marché

## Relecture

review-title = Relecture
# « · 1 séance sur 3 · triées par date ↓ »
review-count = {" "}· { $shown } sur { $total } { $count ->
    [one] séance
   *[other] séances
} · triées par { $column } { $order }
review-filter = Filtre /
review-type-to-filter = tapez pour filtrer
review-none = {" "}Aucune séance pour l'instant : faites d'abord un tour{" "}
review-no-match = {" "}Rien ne correspond au filtre{" "}
review-sessions = {" "}Séances{" "}
review-date = Date
review-organizer = Organisateur
review-partner = Partenaire
review-deck = Jeu
review-mode = Mode
review-length = Durée
review-rating = Note

## Une séance enregistrée et ses notes de coach

session-title = {" "}Séance{" "}
session-plan = {" "}· tour { $round } sur { $rounds } en { $minutes } min
session-seed = tirage { $seed }
session-notes = Notes de coach ({ $count })
session-no-notes = {"  "}Aucune pour l'instant : appuyez sur a pour en ajouter une.
session-more-lines = … ({ $count } lignes de plus)
session-note-saved = Note enregistrée (dans son propre fichier, sous notes/).
session-new-note = {" "}Nouvelle note de coach{" "}
session-note-keys = {" "}Tab changer · Ctrl-S enregistrer · Échap abandonner{" "}
session-author = Auteur
session-your-name = votre nom
session-note-placeholder = Ce que vous avez remarqué, et une chose à essayer au prochain tour
session-discard-question = Jeter cette note ? Elle n'a pas été enregistrée.
session-note-empty = La note est vide.

## Progrès

progress-title = Progrès ·{" "}
progress-everyone = tout le monde
progress-rounds = { $count ->
    [one] {" "}· { $count } tour
   *[other] {" "}· { $count } tours
}
progress-of-family = {" "}de { $family }
progress-per-week = {" "}· { $per_week }/semaine · { $streak } sem. d'affilée
progress-no-rounds-for = Aucun tour pour { $name } : tout le monde est affiché (←/→ choisit une personne).
progress-no-rounds = Aucun tour enregistré pour l'instant : faites un tour, puis revenez ici.
progress-no-rounds-of-deck = Pas encore de tour de ce jeu pour { $name } : d pour un autre jeu, ←/→ pour une autre personne.
progress-cohort = {" "}Groupe : note moyenne par étape, ce jeu (▼ la plus faible){" "}
progress-rating-chart = {" "}Note (1–5), moyenne des { $rounds } derniers tours{" "}
progress-rounds-axis = tours →
progress-talk-average = {" "}Parole orga. : { $percent } % moy. { $arrow }{" "}
progress-talk-share = {" "}Part de parole de l'organisateur{" "}
progress-band = cible
progress-share = part
progress-stage = Étape
progress-average = Moy.
progress-recent = Récent
progress-trend = Tendance
progress-self-others = Soi−autres
progress-self-others-title = {" "}Soi−autres = sa note − celle des autres (! > 1){" "}
progress-footer = {" "}à l'heure { $on_time } · engagés { $committed } · p.-ê. { $maybe }{" "}
progress-weekly = {" "}Tours par semaine (max { $peak }){" "}
progress-focus = {" "}Point à travailler{" "}
progress-focus-none = Notez quelques tours pour obtenir un point à travailler.
progress-focus-drill = Exercez-vous sur { $stage } : la note récente la plus basse.

## Noms des touches, comme sur les claviers français

key-name-enter = Entrée
key-name-esc = Échap
key-name-space = Espace
key-name-shift = Maj
key-name-page-up = PgPréc
key-name-page-down = PgSuiv
key-name-home = Début
key-name-end = Fin

## tandem decks

decks-id = ID
decks-title = TITRE
decks-lang = LANG
decks-min = MIN
decks-source = SOURCE
decks-bundled = intégré
decks-overrides = { $path } (remplace le jeu intégré)
decks-broken = illisible : { $problem }
decks-wrote = { $path } écrit (vérifiez-le avec `tandem decks check { $path }`)
decks-show-minutes = { $minutes } minutes en { $stages } étapes, puis un débrief de { $debrief } minutes
decks-show-stage = { $number }. { $name } ({ $minutes } min, l'organisateur parle { $band }) : { $goal }
decks-show-tip = conseil : { $tip }
decks-show-checks = critères : { $checks }
decks-show-marks = Repères :
decks-show-scales = Échelles :
decks-show-scale = { $id } (de { $min } à { $max }, demandée à : { $at }) : { $label }
decks-show-personas = Personnages (la partie publique ; chacun a une fiche privée pour le partenaire) :
decks-check-ok = { $file } : ok ({ $id }, { $stages } étapes)
decks-bad-id = l'identifiant de jeu `{ $id }` ne peut contenir que a-z, 0-9 et -
decks-cannot-create = impossible de créer { $path } (un fichier n'est jamais écrasé)
error-cannot-write = impossible d'écrire { $path }

## tandem stats

stats-none = Aucune séance{ $scope } pour l'instant.
stats-sessions = Séances
stats-per-week = Par semaine
stats-streak = Série
stats-streak-weeks = { $count ->
    [one] { $count } semaine d'affilée
   *[other] { $count } semaines d'affilée
}
stats-weekly = Hebdo
stats-weekly-counts = { $counts }  (semaines depuis le { $from }, la plus ancienne d'abord)
stats-legend =
    Chaque famille de jeux (la compétence d'un jeu, sinon le jeu) est comptée à part.
    Récent : les 5 dernières séances. Les tendances comparent les 5 derniers tours aux 5
    d'avant et ne disent « en hausse » ou « en baisse » qu'au-delà de deux fois l'erreur type
    de l'écart (il faut 10 tours) ; les notes du partenaire et de l'observateur (autres) à
    part de celles de l'organisateur (soi). Calibrage : sa note moins celle des autres ;
    ! signale un écart de plus d'un point. Parole : ! signale une part bien hors de la cible
    de l'étape.
stats-family-decks = {" "}(jeux { $decks })
stats-family = Jeu { $name }{ $also } : { $count ->
    [one] { $count } séance
   *[other] { $count } séances
}
stats-no-band = pas de cible
stats-talk = Part de parole
stats-talk-average = { $percent } pour l'organisateur en moyenne, cible du tour { $band }{ $verdict }
stats-talk-in-band = { $share } de { $count ->
    [one] { $count } séance mesurée
   *[other] { $count } séances mesurées
} dans la cible de leur tour, { $flagged } bien en dehors
stats-talk-trend = tendance { $trend } (pente de { $slope } points par séance sur les 10 dernières)
stats-talk-trend-none = tendance : { $trend }
stats-talk-not-measured = non mesurée (cible du tour { $band })
stats-stage-talk = { $percent } (cible { $band })
stats-stage-not-measured = non mesurée (cible { $band })
stats-time-keeping = Tenue du temps
stats-no-planned-stages = aucune étape prévue
stats-time-kept = { $percent } des étapes à ±20 % du temps prévu
stats-commitments = Engagements
stats-committed = { $percent } des séances finissent par un oui daté ({ $committed } sur { $sessions })
stats-commitment-others = peut-être { $percent } ({ $maybe }) ; oui sans date { $undated }, non { $no }, sans réponse { $unanswered }
stats-scale = Échelle
stats-scale-shift = { $id } : évolution moyenne { $shift } sur { $count ->
    [one] { $count } tour
   *[other] { $count } tours
}
stats-scale-none = { $id } : aucun tour avec deux mesures
stats-felt-heard = Écoute ressentie
stats-felt-heard-value = { $heard } sur 5 (partenaire, moyenne)
stats-marks = Repères/séance
stats-none-yet = aucun
stats-focus = À travailler
stats-focus-stage = { $stage } (moyenne récente { $recent }{ $slope })
stats-focus-slope = , pente { $slope }
stats-focus-none = rien pour l'instant (aucune note)
stats-col-stage = Étape
stats-col-rated = Notés
stats-col-average = Moyenne
stats-col-recent = Récente
stats-col-others = Par autres
stats-col-self = Par soi
stats-col-slope = Pente
stats-col-calibration = Calibrage
stats-scope-person = {" "}organisées par { $person }
stats-scope-deck = {" "}avec le jeu { $deck }
stats-scope-family = {" "}(famille { $family })
stats-span-one = le { $day }
stats-span = du { $first } au { $last }
stats-percent = { $percent } %

## Erreurs en ligne de commande

config-broken-using-defaults = tandem : { $problem } ; valeurs par défaut utilisées
error-man-page = impossible d'écrire la page de manuel
error-needs-terminal = tandem a besoin d'un terminal : lancez-le dans un shell interactif, pas à travers un tube
error-no-data-dir = pas de dossier de données : passez --data-dir ou définissez TANDEM_DATA_DIR
error-open-data-dir = impossible d'ouvrir le dossier de données { $path }
error-skipped = tandem : ignoré { $problem }
error-stdout = impossible d'écrire sur la sortie standard
error-signals = impossible d'installer les gestionnaires de signaux
error-terminal = impossible de préparer le terminal
error-clear-terminal = impossible d'effacer le terminal
error-mouse = impossible d'activer la souris
error-save-failed = l'enregistrement lui-même a échoué (voir plus haut)
error-round-not-saved = le tour inachevé n'a PAS pu être enregistré ({ $problem }) ; ce qui a changé depuis son dernier enregistrement est perdu
error-internal = arrêt sur une erreur interne (voir plus haut)

## tandem serve : clés et connexions

serve-key-io = impossible de lire ou d'écrire { $path } : { $error }
serve-key-unprotected = { $path } est lisible par d'autres (mode { $mode }) : une clé privée ne doit être lisible que par son propriétaire, comme l'exige OpenSSH (chmod 600 { $path })
serve-key-not-regular = { $path } n'est pas un fichier ordinaire : les fichiers de clés ne sont lus que comme fichiers ordinaires, jamais à travers un lien symbolique
serve-key-too-large = { $path } est trop grand pour être un fichier de clé
serve-key-not-text = ce n'est pas du texte
serve-host-key-invalid = { $path } n'est pas une clé privée OpenSSH ({ $error }) ; déplacez-le et tandem serve en crée une nouvelle
serve-host-key-encrypted = elle est protégée par une phrase secrète, que tandem serve ne peut pas taper
serve-authorized-key-invalid = { $path }:{ $line } : pas une clé publique ({ $error })
serve-authorized-key-option = { $path }:{ $line } : { $error }
serve-from-invalid = from="…" : `{ $pattern }` n'est ni une adresse, ni une adresse avec * ou ?, ni un bloc d'adresses
serve-expiry-unsupported = expiry-time= n'est pas appliqué par tandem serve : retirez l'option, ou la clé
serve-authorized-keys-empty = { $path } ne contient aucune clé publique : personne ne pourrait se connecter
serve-cannot-listen = impossible d'écouter sur { $address } : { $error }
serve-facilitator-prompt = Code de l'animateur :{" "}
serve-needs-terminal = tandem a besoin d'un terminal : connectez-vous avec ssh -t
serve-idle-farewell = Fermé après { $minutes } minutes sans une touche. Reconnectez-vous pour reprendre où vous en étiez.
serve-login-timeout = connexion trop longue
serve-stopped = tandem serve s'est arrêté

## tandem config

config-no-dir = pas de dossier de configuration : passez --config-dir ou définissez TANDEM_CONFIG_DIR
config-wrote = { $path } écrit : chaque clé y est en commentaire ; retirez le `#` pour en utiliser une
config-file = fichier de configuration : { $path } ({ $state })
config-state-broken = non utilisé : illisible, voir l'erreur plus haut
config-state-read = lu
config-state-missing = absent : toutes les valeurs sont par défaut
config-exists = { $path } existe déjà et n'est jamais écrasé ; modifiez-le, ou déplacez-le d'abord
source-flag = option { $flag }
source-config-file = fichier de configuration
source-environment = environnement { $var }
source-default = par défaut
note-count = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}

## tandem sync

sync-created = { $path } est maintenant un dépôt git synchronisé avec { $remote }
sync-privacy-warning = tandem : les fichiers de séance contiennent des récits personnels (ce que les partenaires ont partagé, leurs fiches privées) : ne synchronisez qu'avec un dépôt privé que seul votre groupe peut lire. (affiché une seule fois)
sync-not-regular = tandem : non envoyé : { $path } : ce n'est pas un fichier ordinaire
sync-up-to-date = à jour : rien à envoyer ni à recevoir
sync-sent = envoyé : { $sent }
sync-received = reçu : { $received }
sync-sent-received = envoyé : { $sent } ; reçu : { $received }
sync-retries = { $count ->
    [one] {" "}(une autre machine a poussé entre-temps : récupéré et renvoyé, { $count } fois)
   *[other] {" "}(une autre machine a poussé entre-temps : récupéré et renvoyé, { $count } fois)
}

## Jeux impossibles à charger

deck-error-io = { $path } : impossible de lire le jeu : { $error }
deck-error-dir = { $path } : impossible de lire le dossier des jeux de l'utilisateur, aucun jeu personnel n'est chargé : { $error }
deck-error-too-large = { $path } : le jeu fait { $size } octets ; la limite est de { $limit }
deck-error-not-utf8 = { $path } : le jeu n'est pas du texte UTF-8 valide
deck-error-not-found = aucun jeu d'identifiant `{ $id }`{ $suggestion } ; disponibles : { $available }
deck-error-did-you-mean = {" "}(vouliez-vous dire { $id } ?)

## tandem import
import-done = { $sessions ->
    [one] { $sessions } séance importée
   *[other] { $sessions } séances importées
} et { $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
} ; { $here } déjà là, laissées de côté ; { $unreadable } illisibles
import-not-saved = { $count ->
    [one] { $count } fichier n'a pas pu être enregistré
   *[other] { $count } fichiers n'ont pas pu être enregistrés
} (voir plus haut)
import-cannot-read = impossible de lire { $path }
import-not-a-dir = { $path } n'est pas un dossier : donnez un dossier de données ou son dossier sessions/
import-not-a-data-dir = { $path } n'est pas un dossier de données tandem : il n'a ni dossier sessions/ ni notes/, ni fichier de séance (*.toml) ; donnez un dossier de données ou son dossier sessions/
import-same-dir = { $path } est ce dossier de données même ; importez depuis un autre
import-could-not = impossible d'importer { $path } : { $error }

## Command-line help (tandem --help): one message per command and option
cli = Un entraîneur en terminal pour les rencontres individuelles (tête-à-tête) relationnelles
cli--data_dir = Où les séances sont gardées (par défaut : le dossier de données de la plateforme)
cli--config_dir = Où lire `config.toml` et les jeux personnels (`decks/*.toml`) (par défaut : le dossier de configuration de la plateforme)
cli--cache_dir = Où garder l'index, qui se reconstruit (par défaut : le dossier de cache de la plateforme)
cli--lang = La langue de l'interface, une étiquette BCP 47 comme en ou fr (par défaut : la configuration, sinon LC_ALL / LC_MESSAGES / LANG, sinon en)
cli--no_color = Dessiner sans couleur (aussi quand NO_COLOR est défini)
cli--no_bell = Ne pas faire sonner le terminal à la fin de chaque étape
cli--high_contrast = Couleurs vives et contrastées pour les salles claires et les projecteurs
cli--no_mouse = Ignorer la souris (ni clic ni défilement)
cli-practice = Commencer un tour d'entraînement (directement au minuteur quand les deux noms sont donnés)
cli-practice--deck = Identifiant du jeu, ou chemin d'un fichier de jeu `.toml` (par défaut : le `deck` de la configuration, sinon relational-1on1)
cli-practice--organizer = Qui mène le tête-à-tête
cli-practice--partner = Qui est rencontré (inutile en solo ; facultatif pour un exercice ciblé)
cli-practice--observer = Qui observe et note les repères (trio)
cli-practice--mode = Comment le tour se pratique (par défaut : le `mode` de la configuration, sinon binôme)
cli-practice--stage = L'étape à travailler (avec `--mode drill`)
cli-practice--seed = Graine du tirage du personnage et des cartes ; la même graine donne le même tirage
cli-practice--fit = Les minutes dont dispose le sous-groupe (« 30m » ou « 30 ») : chacun organise une fois, avec un retour après chaque tour ; la préparation montre le plan avant de commencer
cli-review = Parcourir les séances enregistrées et ajouter des notes de coach
cli-progress = Graphiques des progrès d'un organisateur ou de tout le groupe
cli-progress--person = Ouvrir sur les progrès de cet organisateur
cli-progress--deck = Ouvrir sur la famille de ce jeu (sa compétence, ou le jeu lui-même)
cli-export = Écrire les séances enregistrées en Markdown, CSV ou JSON sur la sortie standard
cli-export--person = Seulement les séances auxquelles cette personne a pris part
cli-export--since = Seulement les séances commencées à cette date ou après (AAAA-MM-JJ)
cli-export--anonymize = Remplacer chaque nom, texte libre compris, par person-1, person-2, …
cli-import = Copier les séances et les notes d'un autre dossier de données, sans reprendre les identifiants connus
cli-import--path = L'autre dossier de données (ou son dossier `sessions/`)
cli-sync = Partager le dossier de données avec un groupe par git : ajouter les nouvelles séances et notes, tirer avec rebase, pousser
cli-sync--remote = Le dépôt git à partager (la première fois seulement) ; prenez-en un privé
cli-serve = Héberger des salles d'entraînement par SSH pour un atelier en ligne : chacun se connecte depuis son propre terminal, l'animateur voit toutes les salles
cli-serve--listen = L'adresse et le port d'écoute
cli-serve--rooms = Combien de salles ouvrir (de 1 à 50)
cli-serve--deck = Le paquet pratiqué dans chaque salle (par défaut : le `deck` de la configuration, sinon relational-1on1)
cli-serve--fit = Les minutes dont disposent les sous-groupes (« 30m » ou « 30 ») : chaque salle y fait tenir un tour par participant
cli-serve--authorized_keys = N'admettre que les clés de ce fichier (format `authorized_keys` d'OpenSSH), en plus du code de la salle
cli-serve--idle_timeout = Fermer une connexion après ce nombre de minutes sans touche
cli-stats = Comptes, moyennes par étape et tendances sur toutes les séances enregistrées
cli-stats--person = Seulement les séances que cette personne a organisées
cli-stats--deck = Seulement les séances de la famille de ce jeu (sa compétence, ou le jeu lui-même)
cli-decks = Lister, montrer, vérifier et créer des jeux
cli-decks-list = Chaque jeu : identifiant, titre, langue, minutes et provenance
cli-decks-show = Un résumé lisible des étapes, cartes et repères d'un jeu
cli-decks-show--id = Identifiant du jeu, ou chemin d'un fichier de jeu `.toml`
cli-decks-check = Vérifier des fichiers de jeu ; ne sort avec 0 que si chaque fichier est valide
cli-decks-new = Écrire `ID.toml`, un modèle commenté, dans le dossier courant
cli-decks-new--id = L'identifiant du nouveau jeu (a-z, 0-9 et -)
cli-completions = Afficher un script de complétion pour le shell (bash, zsh, fish, elvish, powershell)
cli-man = Afficher la page de manuel (roff) sur la sortie standard, par ex. `tandem man | man -l -`
cli-config = Montrer, situer ou créer le fichier de configuration
cli-config-path = Afficher le chemin du fichier de configuration
cli-config-show = Chaque réglage en vigueur et d'où il vient
cli-config-init = Écrire un `config.toml` commenté qui liste chaque clé (n'écrase jamais)

## tandem serve : rejoindre une salle, l'accueil de la salle, le tableau de l'animateur

screen-join = rejoindre une salle
screen-lobby = salle
screen-board = tableau de l'animateur
hint-join = rejoindre
hint-role = rôle
key-join = Prendre le rôle choisi sous le nom saisi
key-join-role = Choisir un autre rôle libre
join-title = Salle { $room } · { $deck }
join-name = Votre nom
join-name-placeholder = tapez votre nom
join-role = Votre rôle
join-seated = { $name } ({ $role })
join-here = Déjà là : { $people }
join-nobody-yet = Personne n'est encore là.
join-rejoin = { $role } — revenir en tant que { $name }
join-room-full = Tous les rôles sont pris. Demandez une autre salle à l'animateur.
join-error-no-name = Tapez d'abord votre nom.
join-error-taken = Quelqu'un a pris ce rôle entre-temps : choisissez-en un autre.
join-error-not-in-round = Le tour a commencé sans ce rôle.
hint-edit = modifier ma partie
key-lobby-start = Lancer le tour (il faut un organisateur et un partenaire)
key-lobby-edit = Reprendre votre partie du débriefing pour la modifier
lobby-free = libre
lobby-you = { $name } (vous)
lobby-away = { $name } (connexion perdue, peut revenir)
lobby-plan = Plan : { $plan }
lobby-no-plan = Un tour de { $minutes } min, puis le débriefing.
lobby-plan-too-short = Les tours ne tiennent pas : { $error }
lobby-waiting-partner = En attente d'un organisateur et d'un partenaire.
lobby-ready-organizer = Le partenaire lit sa fiche. Appuyez sur Entrée pour lancer quand il est prêt, ou attendez l'animateur.
lobby-ready = Appuyez sur Entrée pour lancer le tour, ou attendez l'animateur.
lobby-handed-in = Votre partie est remise. En attente de : { $waiting }.
hint-start-all = tout lancer
hint-pause-all = tout mettre en pause
hint-continue-all = reprendre
hint-broadcast = message
hint-end = terminer
hint-send = envoyer
hint-cancel = annuler
key-board-start = Lancer le tour dans chaque salle où il y a un organisateur et un partenaire
key-board-pause = Mettre en pause chaque tour en cours
key-board-continue = Reprendre chaque tour en pause
key-board-broadcast = Écrire une ligne qui s'affiche sur chaque écran de chaque salle
key-board-send = Envoyer la ligne (une ligne vide retire la précédente)
key-board-cancel = Fermer la ligne sans l'envoyer
key-board-end = Terminer les sous-groupes : garder chaque tour et fermer chaque connexion
board-title = { $rooms ->
    [one] Une salle
   *[other] { $rooms } salles
}, { $running } avec un tour en cours
board-room = Salle
board-code = Code
board-people = Personnes
board-stage = Étape
board-time = Temps
board-gathering = accueil
board-paused = { $stage } (en pause)
board-left = reste { $time }
board-over = { $time } de trop
board-debrief = débriefing, { $done } parties sur { $parts }
board-saved = enregistré
board-away = { $name } (absent)
board-broadcast = Message à toutes les salles
board-broadcast-placeholder = p. ex. plus que 2 minutes, passez à votre demande
board-sent = Sur chaque écran : { $line }
board-end-question = Terminer les sous-groupes ? Chaque tour inachevé est gardé et chaque connexion fermée.
serve-broadcast = Animateur : { $line }
serve-bye = Vous avez quitté la salle. Reconnectez-vous pour reprendre votre rôle.
serve-bye-rejoin = Vous avez quitté le tour ; il continue. Reconnectez-vous pour reprendre votre rôle.
serve-cannot-start = Le tour peut commencer dès qu'un organisateur et un partenaire sont là.
serve-ended = L'animateur a terminé les sous-groupes. Merci d'avoir pratiqué !
serve-stopping = Le serveur s'arrête ; votre tour est gardé. Reconnectez-vous à son retour pour reprendre votre rôle.
serve-no-size = Votre terminal indique une taille de { $cols }×{ $rows } ; tandem a besoin d'au moins 60×20.
serve-listening = { $rooms ->
    [one] Une salle
   *[other] { $rooms } salles
} sur { $address }, avec le paquet { $deck }.
serve-fitted = Chaque salle fait tenir ses tours en { $minutes } min.
serve-room-line = Salle { $room } : { $command }
serve-facilitator-line = Tableau de l'animateur : { $command } (mot de passe : { $code })
serve-stop-hint = Ctrl-C arrête le serveur et garde chaque tour inachevé.
serve-kept = Tour inachevé gardé dans { $path }
serve-done = Les sous-groupes sont terminés.
serve-no-random = pas de nombres aléatoires pour les codes
serve-no-runtime = impossible de démarrer le moteur réseau
serve-log-restored = Salle { $room } : reprise du tour inachevé de { $people }, en pause jusqu'à leur retour.
serve-no-thread = impossible de démarrer le fil qui dessine les salles
serve-log-saved = Salle { $room } : séance enregistrée dans { $path }
serve-log-started = { $count ->
    [one] Tour lancé dans une salle.
   *[other] Tour lancé dans { $count } salles.
}
