# tandem's interface in English, the fallback language: every message
# used anywhere exists here. Keep i18n/fr/tandem.ftl in step (a test
# fails when one file has a message the other lacks).

## Numbers and dates

thousands-separator = { "," }
decimal-separator = .
# A date: ISO in English.
date = { $year }-{ $month }-{ $day }
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}

## Counts

session-count = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}

## Key hints (one or two words in the hint bar)

hint-add-note = add note
hint-back = back
hint-brief = brief
hint-card = card
hint-choose = choose
hint-cohort = cohort
hint-deck = deck
hint-drill = drill
hint-filter = filter
hint-help = help
hint-hide-start = hide, start
hint-home = home
hint-leave = leave
hint-mark = mark
hint-minute = minute
hint-new-seed = new seed
hint-next = next
hint-next-field = next field
hint-next-person = next person
hint-next-round = next round
hint-no = no
hint-open = open
hint-pause = pause
hint-person = person
hint-progress = progress
hint-quit = quit
hint-rate = rate
hint-reverse = reverse
hint-review = review
hint-save = save
hint-scroll = scroll
hint-sort = sort
hint-start = start
hint-talk = talk
hint-tick = tick
hint-yes = yes

## Key help (one line per key in the ? overlay)

# brief
key-brief-start = Hide the brief and start the round's clock
key-brief-down = Scroll the brief down
key-brief-up = Scroll the brief up
key-brief-back = Back to setup; nothing has started
# feedback
key-feedback-save = Save the session and show the summary
key-feedback-next-field = Next field (Enter too, in a text field)
key-feedback-prev-field = Previous field
key-feedback-next-part = Next part: the next person, the checks, the commitment
key-feedback-prev-part = Previous part
key-feedback-help = This help (also ? outside text fields)
key-feedback-leave = Leave the form (asks first; what you typed is kept)
key-feedback-edit-set = A rating: set it
key-feedback-edit-lower = A rating or an answer: one lower / higher
key-feedback-edit-higher = A rating or an answer: one higher
key-feedback-edit-clear = Clear a rating or an answer (either may stay empty)
key-feedback-edit-toggle = A check: observed / not observed
key-feedback-edit-help = This help
# home
key-home-up = Move up
key-home-down = Move down
key-home-choose = Choose the highlighted entry
key-home-start = Start a new practice round
key-home-resume = Resume the unfinished round
key-home-review = Review saved sessions and add coach notes
key-home-progress = Progress charts and the suggested focus
key-home-drill = Drill the suggested focus: its stage, on its deck, for its organizer
key-home-quit = Quit tandem (Ctrl-C works everywhere)
# practice
key-practice-next = Next stage (after the last one: the debrief, asks first)
key-practice-back = Previous stage (its clock carries on)
key-practice-pause = Pause or resume the clock
key-practice-more = One minute more for this stage (- one less)
key-practice-less = One minute less for this stage
key-practice-talk = Who is talking: organizer, partner, nobody (drives the talk meter)
key-practice-card = Next prompt card
key-practice-mark = Add the mark with that number at the current time
key-practice-undo = Take back the last mark
key-practice-scale = Record the deck's scale asked at this stage (e.g. 0 to 10)
key-practice-persona = Show or hide the partner's private brief (asks first when the organizer may see)
key-practice-scroll-down = Scroll the card and the persona when they do not fit ("↓ more")
key-practice-scroll-up = Scroll the card and the persona back up
key-practice-leave = Leave practice (asks first; the round stays resumable)
# progress
key-progress-previous-person = Previous person (or everyone)
key-progress-next-person = Next person (or everyone)
key-progress-next-deck = Next deck family: rounds compare only within a deck or skill
key-progress-cohort = Charts or the cohort table (people × stages) of this deck
key-progress-back = Back to the home screen
# review
key-review-up = Previous session
key-review-down = Next session
key-review-page-up = One page up
key-review-page-down = One page down
key-review-first = First session
key-review-last = Last session
key-review-open = Open the session: timings, marks, feedback, notes
key-review-filter = Filter by typing (names, deck, mode, date); Enter keeps it, Esc clears it
key-review-sort = Sort by the next column (date, organizer, partner, deck, mode, time, rating)
key-review-reverse = Reverse the order
key-review-back = Back to the home screen
# session
key-session-up = Scroll up
key-session-down = Scroll down
key-session-page-up = One page up
key-session-page-down = One page down
key-session-add-note = Add a coach note (saved as its own file; the session is never edited)
key-session-back = Back to the list of sessions
# setup
key-setup-start = Start the round
key-setup-next-field = Next field
key-setup-prev-field = Previous field
key-setup-reseed = Draw a new seed (another persona and card order)
key-setup-help = This help
key-setup-back = Back to the home screen
# summary
key-summary-next = Next round, same deck, roles rotated (the plan's next round, if there is one)
key-summary-down = Scroll down
key-summary-up = Scroll up
key-summary-page-down = One page down
key-summary-page-up = One page up
key-summary-home = Back to the home screen
key-summary-quit = Quit tandem
# confirm
key-confirm-yes = In a question: yes
key-confirm-no = In a question: no
key-help = This help

## The help overlay and questions

# { $screen } is the screen's name, e.g. "practice".
help-title = { " " }Keys: { $screen }{ " " }
help-close = { " " }? or Esc to close{ " " }
help-more = { " " }… more: a larger window{ " " }
confirm-title = { " " }Confirm{ " " }
# The hint of `p` while the clock is paused.
hint-continue = continue
# The "key" of typing text, in the help overlay.
key-typing = typing
key-feedback-answer = An answer: yes, maybe, no
key-feedback-typing = Edits the focused text field
key-session-note-tab = Note form: switch between author and note
key-session-note-save = Note form: save the note
key-session-note-discard = Note form: discard the note
key-setup-deck = Choose the deck (deck field)
key-setup-choice = Choose the mode, the stage to drill, or the stage to time
key-setup-minutes = Minutes of the chosen stage (Time field)
key-setup-typing = Edits the focused name or the minutes available
key-setup-recent = In a name field: pick one of the recent names offered

## The method's vocabulary

mode-pair = pair
mode-triad = triad
mode-solo = solo
mode-drill = drill
role-organizer = organizer
role-partner = partner
role-observer = observer
answer-yes = yes
answer-maybe = maybe
answer-no = no
trend-rising = rising
trend-falling = falling
trend-steady = steady
trend-unknown = too few
trend-unknown-sentence = not enough rounds to tell
light-green = on time
light-yellow = wrap up soon
light-red = time is up
talk-too-quiet = far below the band
talk-low = a little low
talk-within = in the band
talk-high = a little high
talk-too-much = far above the band
date-field-action = action date
date-field-follow-up = follow-up date
people-alone = { $organizer } (alone)
people-pair = { $organizer } with { $partner }
people-triad = { $organizer } with { $partner }, { $observer } observing
roles-alone = { $organizer }, alone
roles-pair = { $organizer } (organizer) with { $partner } (partner)
roles-triad = { $organizer } (organizer) with { $partner } (partner), { $observer } observing

## Home

home-tagline = Practice the relational 1:1: purpose, exploration, exchange, commitment.
home-menu = { " " }Menu{ " " }
home-menu-resume = Resume: { $round }
home-menu-start = Start practice
home-menu-review = Review sessions and add coach notes
home-menu-progress = Progress: ratings, talk share, focus
home-menu-help = Help: keys
home-menu-quit = Quit
home-last-session = Last session:{ " " }
home-no-session = none yet — start your first round.
home-focus-label = Suggested focus:{ " " }
home-data = Data:{ " " }
# The weakest stage of the last organizer's rounds, and the command that
# drills it ($command stays as it is: it is typed in a shell).
home-focus = { $stage } for { $organizer } (recent rating { $rating }, { $trend }); drill it: { $command }
home-replace-question = Start a new round? The unfinished one will be replaced once it starts.
home-choice-title = { " " }Which round?{ " " }
home-choice-waiting = An unfinished round is waiting: { $round }.
home-choice-waiting-any = An unfinished round is waiting: a round.
home-choice-asked = You asked for: { $round }.
home-choice-resume = resume the unfinished round
home-choice-start = start this one (it replaces the unfinished one)
home-choice-later = decide later

## The app: notices, status lines, the unfinished round

notice-deck-not-loaded = deck not loaded: { $error }
notice-unfinished-unreadable = unfinished round not readable: { $error }
notice-unfinished-left = unfinished round cannot be read (left where it is): { $error }
status-drill-no-stage = Cannot start the drill: deck `{ $deck }` has no stage `{ $stage }` any more
status-drill-failed = Cannot start the drill: { $error }
status-note-not-saved = Note not saved: { $error }
status-cannot-start = Cannot start: { $error }.
status-unfinished-waiting = An unfinished round is waiting: resume it, or start again to replace it.
status-cannot-resume = Cannot resume: { $error }
status-saved-unfinished-stays = Saved, but the unfinished round stays: { $error }
status-round-not-saved = Round NOT saved: { $problem }
form-save-failed = { $error } (nothing was lost: fix it and press Ctrl-S again)
form-save-failed-unsaved = { $error } (the round is not saved either, see below: fix it and press Ctrl-S again)
farewell-saved = tandem: the unfinished round is saved in { $path } and kept; to resume it, run `tandem` and press Enter (or `tandem practice`).
unfinished-in-form = feedback form
unfinished-in-stage = { $stage }, { $time } in
# Screen names, in the help overlay's title.
screen-home = home
screen-setup = setup
screen-brief = partner's brief
screen-practice = practice
screen-feedback = feedback
screen-summary = summary
screen-review = review
screen-session = session
screen-progress = progress
loading-reading = Reading saved sessions: { $read } of { $total }…
loading-looking = Looking for saved sessions…
notice-index-rebuilt = the index was rebuilt: { $why }
notice-sessions-not-all-read = sessions not all read: { $error }
notice-skipped = skipped { $problem }

## Setup

setup-title = New practice round
setup-deck = Deck (↑/↓)
setup-deck-line = { $title } · { $minutes } min
setup-mode = Mode (←/→)
setup-stage = {"  "}stage{" "}
setup-mode-pair = an organizer and a partner
setup-mode-triad = a pair plus an observer, who keeps the marks and talk meter
setup-mode-solo = rehearse alone aloud, then rate yourself
setup-mode-drill = one stage only, round after round (partner optional)
setup-time = Time
setup-time-focused = Time (type minutes available; ←/→ and +/- per stage)
setup-have = Have{" "}
setup-have-minutes = {" "}min ·{" "}
setup-organizer = Organizer
setup-partner = Partner
setup-partner-optional = Partner (optional)
setup-observer = Observer
setup-organizer-placeholder = who runs the 1:1
setup-partner-placeholder = who is being met
setup-observer-placeholder = who watches and marks
setup-recent = Recent:{" "}
setup-recent-picks = {"  "}↓/↑ picks
setup-seed = Seed
setup-seed-note = {"  "}(draws the persona and cards; `tandem practice --seed { $seed }` repeats them)
setup-needs = A { $mode } round needs { $what }.
setup-needs-organizer = the organizer's name
setup-needs-partner = the partner's name
setup-needs-observer = the observer's name
setup-does-not-fit = The rounds do not fit: { $error }.
setup-one-round = One round: { $round } min + { $debrief } min debrief (type the minutes you have to fit rounds for everyone)
# " · Ana, then Ben, then Cy organize"
setup-plan-order = {" "}· { $first }, then { $rest } organize
setup-plan-then = , then{" "}
fit-plan = { $rounds ->
    [one] { $rounds } round
   *[other] { $rounds } rounds
} × ({ $round } min + { $debrief } min debrief) = { $total } min
fit-too-short = { $available } min is too short: it needs at least { $needed } min ({ $rounds } round(s) of { $stages } stage(s), { $debrief }-min debriefs)
fit-no-stages = the deck has no stages to fit

## tandem practice

practice-config-deck-unused = tandem: the config's deck is not used ({ $error }); using { $deck }
practice-config-drill = the config's mode = "drill"
practice-drill-needs-stage = { $drill } needs --stage, one of: { $stages }
practice-no-such-stage = deck `{ $deck }` has no stage `{ $stage }`; its stages are: { $stages }
practice-stage-without-drill = --stage { $stage } only goes with --mode drill (one stage, round after round); add --mode drill, or leave --stage out for a whole round
practice-observer-needs-triad = --observer is for --mode triad
practice-fit-not-for-drill = --fit plans whole rounds; a drill runs one stage

## Shared bits

# A label before its text: "Cares about: ".
label-colon = { $label }:{" "}
more-below = {" "}↓ more{" "}
persona-cares-about = Cares about
persona-resources = Could bring
persona-reluctance = Holds back
persona-play = How to play

## Partner's brief

brief-readers = { $partner }, read this — { $organizer }, look away.
brief-readers-triad = { $partner } and { $observer }, read this — { $organizer }, look away.
brief-readers-own = Your brief: only you (and an observer) see it.
brief-subtitle = The partner's private brief: what the organizer has to discover.
brief-you-are = You are{" "}
brief-they-know = They know:{" "}
brief-partner-only = {" "}Partner only{" "}
talk-short-too-quiet = too quiet
talk-short-low = a bit low
talk-short-within = in band
talk-short-high = a bit high
talk-short-too-much = too much
too-small = Make the window larger
too-small-sizes = tandem needs { $min_width }×{ $min_height }; this is { $width }×{ $height }.
too-small-quit = Ctrl-C quits; an unfinished round is kept.

## Practice

practice-show-private = Show the partner's private brief? { $organizer } should look away.
practice-leave-question = Leave practice? The round is kept; resume it from the home screen.
practice-end-question = End the round and start the debrief?
practice-scale-range = a whole number from { $min } to { $max }
practice-goal = Goal:{" "}
practice-last-time = Last time:{" "}
practice-persona = Partner
practice-persona-shown = Partner · private brief shown (h hides)
practice-persona-open = Partner (h hides the private part)
practice-persona-hidden = Partner · the rest is for the organizer to discover
practice-card-title = {" "}{ $stage } · card { $card } of { $cards } (Tab){" "}
practice-more = {" "}↓ more: ↓/j{" "}
practice-back-up = {" "}↑/k back up{" "}
practice-no-persona = No persona: the partner plays themself.
practice-stage-of = stage { $stage } of { $stages }
practice-round-of = round { $round } of { $rounds }
practice-paused = PAUSED
practice-left = left
practice-over = over
practice-paused-state = paused: p continues
practice-time = {" "}Time{" "}
practice-planned-spent = planned { $planned } · spent { $spent }
practice-alone = Alone: say your part aloud, as if they were here.
practice-nobody = nobody
practice-talking = { $name } talking
practice-nobody-talking = nobody talking
practice-talk = {" "}Talk{" "}
practice-talk-space = {" "}Talk (Space){" "}
practice-talk-observer = {" "}Talk (observer: Space){" "}
practice-talk-stage = stage
practice-talk-round = round
# Before anyone has talked: "stage: aim 15–35%".
practice-talk-aim = { $label }: aim { $low }–{ $high }%
practice-tip = Tip:{" "}
practice-ask = Ask:{" "}
practice-scale-not-asked = not asked yet (r)
practice-scale-value = { $value } (r changes)
practice-marks = {" "}Marks ({ $count }) · u takes back the last{" "}
practice-no-marks = No marks yet: press the number when you see it.
practice-latest = Latest:{" "}
practice-scale = {" "}Scale{" "}
practice-scale-record = record
practice-scale-skip = skip and go on
practice-scale-cancel = cancel

## Feedback (the debrief form)

feedback-title = Debrief
feedback-order = {" "}· organizer, then partner, then observer
feedback-clock-left = { $time } left
feedback-clock-over = +{ $time } over
feedback-debrief-clock = debrief { $clock }
feedback-turn-organizer = first: what worked, what to change
feedback-turn-partner = then: how it felt, would you commit?
feedback-turn-observer = last: read out the marks, one phrase
feedback-what-worked = What worked?
feedback-to-change = One thing to change next time
feedback-to-make-yes = What would have made it a yes?
feedback-phrase = One phrase that worked, quoted
feedback-ask = The ask
feedback-action = The action agreed
feedback-date = Its date (YYYY-MM-DD)
feedback-follow-up = Follow-up (YYYY-MM-DD, optional)
feedback-would-say-yes = Would you have said yes?
feedback-felt-heard = Did you feel heard?
feedback-marks-to-read = {"  "}Marks to read out:
feedback-checks = Checks: observed or not
feedback-checks-who = {" "}— { $name } ticks them
feedback-commitment = Commitment: what was asked, and what came of it
feedback-answer = The answer
feedback-type-here = type here; Enter goes on
feedback-leave-question = Leave the form unsaved? It is kept; resume it from the home screen.
feedback-and = {" "}and{" "}
feedback-save-anyway = { $names } { $count ->
    [one] gave
   *[other] gave
} no feedback. Save anyway?
feedback-not-saved = Not saved: { $error }
# $arrows is "↑ ", "↓ " or both.
feedback-more = { $arrows }more: Tab/↓ and PgDn move through the form
feedback-bad-date = { $field } `{ $text }` is not a date: write it as YYYY-MM-DD

## Summary and a saved round's record

summary-saved = Round saved
summary-title = {" "}Summary{" "}
summary-saved-to = Saved to { $path }
summary-next-planned = Next: round { $round } of { $rounds }, { $organizer } organizes (s)
summary-plan-done = The plan's { $rounds } rounds are done.
summary-next = s: another round, { $organizer } organizes
record-times = Time and talk per stage
record-stage = Stage
record-plan = Plan
record-actual = Actual
record-diff = Diff
record-organizer-talk = Organizer talk (band)
record-alone = — (alone: no talk measured)
record-round = Round
record-stage-rating = Stage (1–5)
record-before = Before
record-change = Change
record-ratings = Ratings
record-before-note = {"  "}Before: { $organizer }'s earlier rounds on this deck.
record-scales = Scales
record-marks = Marks ({ $count })
record-no-marks = {"  "}None this round.
record-checks-by = , ticked by { $name }
record-checks = Checks: { $seen } of { $total } observed{ $by }
record-commitment = Commitment —{" "}
record-commitment-counts = a commitment: a yes with a date
record-commitment-no-date = a yes without a date does not count yet
record-commitment-maybe = a maybe: go back to what they care about, or set a time to decide
record-commitment-no = a no: find out why, and offer another way in
record-commitment-none = no answer recorded
record-ask = Ask
record-answer = Answer
record-action = Action
record-date = Date
record-follow-up = Follow-up
record-persona = What { $name } was holding
record-known-before = Known before
record-what-worked = What worked
record-to-change = One thing to change
record-to-change-short = To change
record-would-say-yes = Would have said yes
record-to-make-yes = What would have made it a yes
record-felt-heard = Felt heard
record-of-five = { $score } of 5
record-phrase = A phrase that worked

## Review

review-title = Review
# " · 1 of 3 sessions · sorted by date ↓"
review-count = {" "}· { $shown } of { $total } { $count ->
    [one] session
   *[other] sessions
} · sorted by { $column } { $order }
review-filter = Filter /
review-type-to-filter = type to filter
review-none = {" "}No sessions yet: practise a round first{" "}
review-no-match = {" "}Nothing matches the filter{" "}
review-sessions = {" "}Sessions{" "}
review-date = Date
review-organizer = Organizer
review-partner = Partner
review-deck = Deck
review-mode = Mode
review-length = Length
review-rating = Rating

## A saved session and its coach notes

session-title = {" "}Session{" "}
session-plan = {" "}· round { $round } of { $rounds } in { $minutes } min
session-seed = seed { $seed }
session-notes = Coach notes ({ $count })
session-no-notes = {"  "}None yet: press a to add one.
session-more-lines = … ({ $count } more lines)
session-note-saved = Note saved (as its own file in notes/).
session-new-note = {" "}New coach note{" "}
session-note-keys = {" "}Tab switch · Ctrl-S save · Esc discard{" "}
session-author = Author
session-your-name = your name
session-note-placeholder = What you noticed, and one thing to try next round
session-discard-question = Throw this note away? It has not been saved.
session-note-empty = The note is empty.

## Progress

progress-title = Progress ·{" "}
progress-everyone = everyone
progress-rounds = { $count ->
    [one] {" "}· { $count } round
   *[other] {" "}· { $count } rounds
}
progress-of-family = {" "}of { $family }
progress-per-week = {" "}· { $per_week }/week · { $streak }-week streak
progress-no-rounds-for = No rounds for { $name }: showing everyone (←/→ picks a person).
progress-no-rounds = No rounds saved yet: practise a round, then come back here.
progress-no-rounds-of-deck = No rounds of this deck for { $name } yet: press d for another deck, ←/→ for another person.
progress-cohort = {" "}Cohort: average rating per stage, this deck (▼ weakest){" "}
progress-rating-chart = {" "}Rating (1–5), mean of the last { $rounds } rounds{" "}
progress-rounds-axis = rounds →
progress-talk-average = {" "}Organizer talk: { $percent }% avg { $arrow }{" "}
progress-talk-share = {" "}Organizer talk share{" "}
progress-band = band
progress-share = share
progress-stage = Stage
progress-average = Avg
progress-recent = Recent
progress-trend = Trend
progress-self-others = Self−others
progress-self-others-title = {" "}Self−others = own rating − others' (! > 1){" "}
progress-footer = {" "}on time { $on_time } · committed { $committed } · maybe { $maybe }{" "}
progress-weekly = {" "}Rounds per week (max { $peak }){" "}
progress-focus = {" "}Suggested focus{" "}
progress-focus-none = Rate a few rounds to get a suggested focus.
progress-focus-drill = Drill { $stage }: the lowest recent rating.

## Key names, as keyboards print them

key-name-enter = Enter
key-name-esc = Esc
key-name-space = Space
key-name-shift = Shift
key-name-page-up = PgUp
key-name-page-down = PgDn
key-name-home = Home
key-name-end = End

## tandem decks

decks-id = ID
decks-title = TITLE
decks-lang = LANG
decks-min = MIN
decks-source = SOURCE
decks-bundled = bundled
decks-overrides = { $path } (overrides bundled)
decks-broken = broken: { $problem }
decks-wrote = wrote { $path } (check it with `tandem decks check { $path }`)
decks-show-minutes = { $minutes } minutes in { $stages } stages, then a { $debrief }-minute debrief
decks-show-stage = { $number }. { $name } ({ $minutes } min, organizer talks { $band }): { $goal }
decks-show-tip = tip: { $tip }
decks-show-checks = checks: { $checks }
decks-show-marks = Marks:
decks-show-scales = Scales:
decks-show-scale = { $id } ({ $min } to { $max }, asked at { $at }): { $label }
decks-show-personas = Personas (the public part; each has a private brief for the partner):
decks-check-ok = { $file }: ok ({ $id }, { $stages } stages)
decks-bad-id = deck id `{ $id }` may use only a-z, 0-9 and -
decks-cannot-create = cannot create { $path } (it is never overwritten)
error-cannot-write = cannot write { $path }

## tandem stats

stats-none = No sessions{ $scope } yet.
stats-sessions = Sessions
stats-per-week = Per week
stats-streak = Streak
stats-streak-weeks = { $count ->
    [one] { $count } week in a row
   *[other] { $count } weeks in a row
}
stats-weekly = Weekly
stats-weekly-counts = { $counts }  (weeks from { $from }, oldest first)
stats-legend =
    Each deck family (a deck's skill, else the deck) is counted on its own. Recent: the
    last 5 sessions. Trends compare the last 5 rounds with the 5 before and say rising or
    falling only beyond twice the difference's standard error (needs 10 rounds); the
    partner's and observer's ratings (others) apart from the organizer's own (self).
    Calibration: own rating minus others'; ! marks a gap over 1 point. Talk: ! marks a
    share well outside its stage's band.
stats-family-decks = {" "}(decks { $decks })
stats-family = Deck { $name }{ $also }: { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}
stats-no-band = no band
stats-talk = Talk share
stats-talk-average = { $percent } organizer on average, round band { $band }{ $verdict }
stats-talk-in-band = { $share } of { $count ->
    [one] { $count } measured session
   *[other] { $count } measured sessions
} within their round's band, { $flagged } far outside
stats-talk-trend = trend { $trend } (slope { $slope } points per session over the last 10)
stats-talk-trend-none = trend: { $trend }
stats-talk-not-measured = not measured (round band { $band })
stats-stage-talk = { $percent } (band { $band })
stats-stage-not-measured = not measured (band { $band })
stats-time-keeping = Time keeping
stats-no-planned-stages = no planned stages
stats-time-kept = { $percent } of stages within ±20% of plan
stats-commitments = Commitments
stats-committed = { $percent } of sessions ended in a yes with a date ({ $committed } of { $sessions })
stats-commitment-others = maybe { $percent } ({ $maybe }); yes without a date { $undated }, no { $no }, no answer { $unanswered }
stats-scale = Scale
stats-scale-shift = { $id }: mean shift { $shift } over { $count ->
    [one] { $count } round
   *[other] { $count } rounds
}
stats-scale-none = { $id }: no round with two readings
stats-felt-heard = Felt heard
stats-felt-heard-value = { $heard } of 5 (partner, mean)
stats-marks = Marks per session
stats-none-yet = none
stats-focus = Suggested focus
stats-focus-stage = { $stage } (recent average { $recent }{ $slope })
stats-focus-slope = , slope { $slope }
stats-focus-none = none yet (no ratings)
stats-col-stage = Stage
stats-col-rated = Rated
stats-col-average = Average
stats-col-recent = Recent
stats-col-others = By others
stats-col-self = By self
stats-col-slope = Slope
stats-col-calibration = Calibration
stats-scope-person = {" "}organized by { $person }
stats-scope-deck = {" "}with deck { $deck }
stats-scope-family = {" "}(family { $family })
stats-span-one = on { $day }
stats-span = { $first } to { $last }
stats-percent = { $percent }%

## Errors at the command line

config-broken-using-defaults = tandem: { $problem }; using the defaults
error-man-page = cannot write the man page
error-needs-terminal = tandem needs a terminal: run it in an interactive shell, not through a pipe
error-no-data-dir = no data dir: pass --data-dir or set TANDEM_DATA_DIR
error-open-data-dir = cannot open the data dir { $path }
error-skipped = tandem: skipped { $problem }
error-stdout = cannot write to stdout
error-signals = cannot install the signal handlers
error-terminal = cannot set up the terminal
error-clear-terminal = cannot clear the terminal
error-mouse = cannot turn on the mouse
error-save-failed = the save itself failed (reported above)
error-round-not-saved = the unfinished round could NOT be saved ({ $problem }); what changed since its last save is lost
error-internal = stopped by an internal error (reported above)

## tandem serve: keys and connections

serve-key-io = cannot read or write { $path }: { $error }
serve-key-unprotected = { $path } may be read by others (mode { $mode }): a private key must be readable by its owner only, as OpenSSH requires (chmod 600 { $path })
serve-key-not-regular = { $path } is not a regular file: key files are only read as regular files, never through a symbolic link
serve-key-too-large = { $path } is too large to be a key file
serve-key-not-text = it is not text
serve-host-key-invalid = { $path } is not an OpenSSH private key ({ $error }); move it aside and tandem serve makes a new one
serve-host-key-encrypted = it is protected by a passphrase, which tandem serve cannot type
serve-authorized-key-invalid = { $path }:{ $line }: not a public key ({ $error })
serve-authorized-key-option = { $path }:{ $line }: { $error }
serve-from-invalid = from="…": `{ $pattern }` is not an address, an address with * or ?, or an address block
serve-expiry-unsupported = expiry-time= is not applied by tandem serve: remove the option, or the key
serve-authorized-keys-empty = { $path } holds no public key: nobody could join
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-facilitator-prompt = Facilitator code:{" "}
serve-needs-terminal = tandem needs a terminal: connect with ssh -t
serve-idle-farewell = Closed after { $minutes } minutes without a key. Connect again to pick up where you left off.
serve-login-timeout = too long to log in
serve-stopped = tandem serve has stopped

## tandem config

config-no-dir = no config dir: pass --config-dir or set TANDEM_CONFIG_DIR
config-wrote = wrote { $path }: every key is commented out; remove the `#` to use one
config-file = config file: { $path } ({ $state })
config-state-broken = not used: broken, see the error above
config-state-read = read
config-state-missing = not found: every value is a default
config-exists = { $path } already exists and is never overwritten; edit it, or move it away first
source-flag = flag { $flag }
source-config-file = config file
source-environment = environment { $var }
source-default = default
note-count = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}

## tandem sync

sync-created = { $path } is now a git repository that syncs with { $remote }
sync-privacy-warning = tandem: session files hold personal stories (what partners shared, their private briefs): sync only with a private repository that just your cohort can read. (shown once)
sync-not-regular = tandem: not sent: { $path }: not a regular file
sync-up-to-date = up to date: nothing to send or receive
sync-sent = sent { $sent }
sync-received = received { $received }
sync-sent-received = sent { $sent }; received { $received }
sync-retries = { $count ->
    [one] {" "}(another machine pushed meanwhile: pulled and pushed again, { $count } time)
   *[other] {" "}(another machine pushed meanwhile: pulled and pushed again, { $count } times)
}

## Decks that cannot be loaded

deck-error-io = { $path }: cannot read deck: { $error }
deck-error-dir = { $path }: cannot read the user decks dir, so no user deck is loaded: { $error }
deck-error-too-large = { $path }: deck is { $size } bytes; the limit is { $limit }
deck-error-not-utf8 = { $path }: deck is not valid UTF-8 text
deck-error-not-found = no deck with id `{ $id }`{ $suggestion }; available: { $available }
deck-error-did-you-mean = {" "}(did you mean { $id }?)

## tandem import
import-done = imported { $sessions ->
    [one] { $sessions } session
   *[other] { $sessions } sessions
} and { $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
}; skipped { $here } already here; { $unreadable } unreadable
import-not-saved = { $count ->
    [one] { $count } file
   *[other] { $count } files
} could not be saved (see above)
import-cannot-read = cannot read { $path }
import-not-a-dir = { $path } is not a directory: give a data dir or its sessions/ dir
import-not-a-data-dir = { $path } is not a tandem data dir: it has no sessions/ or notes/ folder and no session files (*.toml); give a data dir or its sessions/ dir
import-same-dir = { $path } is this data dir; import from another one
import-could-not = could not import { $path }: { $error }

## Command-line help (tandem --help): one message per command and option
cli = A terminal practice coach for relational 1:1 meetings
cli--data_dir = Where sessions are kept (default: the platform data dir)
cli--config_dir = Where `config.toml` and user decks (`decks/*.toml`) are read from (default: the platform config dir)
cli--cache_dir = Where the rebuildable index is kept (default: the platform cache dir)
cli--lang = The interface language, a BCP 47 tag such as en or fr (default: the config, else LC_ALL / LC_MESSAGES / LANG, else en)
cli--no_color = Draw without colour (also when NO_COLOR is set)
cli--no_bell = Do not ring the terminal bell at the end of each stage
cli--high_contrast = Bold, high-contrast colours for bright rooms and projectors
cli--no_mouse = Ignore the mouse (no clicking or scrolling)
cli-practice = Start a practice round (straight to the timer when both names are given)
cli-practice--deck = Deck id, or a path to a deck `.toml` file (default: the config's `deck`, else relational-1on1)
cli-practice--organizer = Who runs the 1:1
cli-practice--partner = Who is being met (not needed for solo; optional for a drill)
cli-practice--observer = Who watches and keeps the marks (triad)
cli-practice--mode = How the round is practised (default: the config's `mode`, else pair)
cli-practice--stage = The stage to drill (with `--mode drill`)
cli-practice--seed = Seed for drawing the persona and prompt cards; the same seed gives the same draw
cli-practice--fit = The minutes the breakout has ("30m" or "30"): every participant organizes once, with a debrief after each round; setup shows the plan before it starts
cli-review = Browse saved sessions and add coach notes
cli-progress = Charts of progress for one organizer or the whole cohort
cli-progress--person = Open on this organizer's progress
cli-progress--deck = Open on this deck's family (its skill, or the deck itself)
cli-export = Write saved sessions as Markdown, CSV or JSON to stdout
cli-export--person = Only sessions this person took part in
cli-export--since = Only sessions started on or after this date (YYYY-MM-DD)
cli-export--anonymize = Replace every name, free text included, with person-1, person-2, …
cli-import = Copy sessions and notes from another data dir, skipping known ids
cli-import--path = The other data dir (or its `sessions/` dir)
cli-sync = Share the data dir with a cohort through git: add new sessions and notes, pull with rebase, push
cli-sync--remote = The git repository to share with (first time only); use a private one
cli-serve = Host practice rooms over SSH for an online workshop: each person joins from their own terminal, the facilitator sees every room
cli-serve--listen = The address and port to listen on
cli-serve--rooms = How many breakout rooms to open (1 to 50)
cli-serve--deck = The deck every room practises (default: the config's `deck`, else relational-1on1)
cli-serve--fit = The minutes the breakout has ("30m" or "30"): each room fits one round per participant into it
cli-serve--authorized_keys = Admit only the keys in this file (OpenSSH `authorized_keys` format), besides the room code
cli-serve--idle_timeout = Close a connection after this many minutes without a key
cli-stats = Counts, per-stage averages and trends over every saved session
cli-stats--person = Only sessions this person organized
cli-stats--deck = Only sessions of this deck's family (its skill, or the deck itself)
cli-decks = List, show, check and create decks
cli-decks-list = Every deck: id, title, language, minutes and where it comes from
cli-decks-show = A readable summary of one deck's stages, prompts and marks
cli-decks-show--id = Deck id, or a path to a deck `.toml` file
cli-decks-check = Check deck files; exits 0 only when every file is valid
cli-decks-new = Write `ID.toml`, a commented template, in the current directory
cli-decks-new--id = The new deck's id (a-z, 0-9 and -)
cli-completions = Print a shell completion script (bash, zsh, fish, elvish, powershell)
cli-man = Print the man page (roff) to stdout, e.g. `tandem man | man -l -`
cli-config = Show, locate or create the configuration file
cli-config-path = Print the config file's path
cli-config-show = Every effective setting and where it comes from
cli-config-init = Write a commented `config.toml` listing every key (never overwrites)

## tandem serve: joining a room, the room's lobby, the facilitator's board

screen-join = join a room
screen-lobby = room
screen-board = facilitator's board
hint-join = join
hint-role = role
key-join = Take the chosen role under the name typed
key-join-role = Choose another open role
join-title = Room { $room } · { $deck }
join-name = Your name
join-name-placeholder = type your name
join-role = Your role
join-seated = { $name } ({ $role })
join-here = Already here: { $people }
join-nobody-yet = Nobody is here yet.
join-rejoin = { $role } — rejoin as { $name }
join-room-full = Every role is taken. Ask the facilitator for another room.
join-error-no-name = Type your name first.
join-error-taken = Someone took that role meanwhile: choose another.
join-error-not-in-round = The round has started without that role.
hint-edit = change my part
key-lobby-start = Start the round (an organizer and a partner must be here)
key-lobby-edit = Take your part of the debrief back to change it
lobby-free = free
lobby-you = { $name } (you)
lobby-away = { $name } (connection lost, can rejoin)
lobby-plan = Plan: { $plan }
lobby-no-plan = One round of { $minutes } min, then the debrief.
lobby-plan-too-short = The rounds do not fit: { $error }
lobby-waiting-partner = Waiting for an organizer and a partner to join.
lobby-ready-organizer = The partner is reading their brief. Press Enter to start when they are ready, or wait for the facilitator.
lobby-ready = Press Enter to start the round, or wait for the facilitator.
lobby-handed-in = Your part is in. Waiting for: { $waiting }.
hint-start-all = start all
hint-pause-all = pause all
hint-continue-all = go on
hint-broadcast = message
hint-end = end
hint-send = send
hint-cancel = cancel
key-board-start = Start the round in every room where an organizer and a partner are
key-board-pause = Pause every running round
key-board-continue = Go on with every paused round
key-board-broadcast = Write a line that appears on every screen of every room
key-board-send = Send the line (an empty line takes the last one down)
key-board-cancel = Close the line without sending it
key-board-end = End the breakout: keep every round and close every connection
board-title = { $rooms ->
    [one] One room
   *[other] { $rooms } rooms
}, { $running } with a round under way
board-room = Room
board-code = Code
board-people = People
board-stage = Stage
board-time = Time
board-gathering = gathering
board-paused = { $stage } (paused)
board-left = { $time } left
board-over = { $time } over
board-debrief = debrief, { $done } of { $parts } parts in
board-saved = saved
board-away = { $name } (away)
board-broadcast = Message to every room
board-broadcast-placeholder = e.g. 2 minutes left, move to your ask
board-sent = On every screen: { $line }
board-end-question = End the breakout? Every unfinished round is kept and every connection is closed.
serve-broadcast = Facilitator: { $line }
serve-bye = You left the room. Connect again to rejoin your role.
serve-bye-rejoin = You left the round; it goes on. Connect again to rejoin your role.
serve-cannot-start = The round can start once an organizer and a partner are here.
serve-ended = The facilitator ended the breakout. Thank you for practising!
serve-stopping = The server is stopping; your round is kept. Connect again when it is back to rejoin your role.
serve-no-size = Your terminal reports a size of { $cols }×{ $rows }; tandem needs at least 60×20.
serve-listening = { $rooms ->
    [one] One room
   *[other] { $rooms } rooms
} on { $address }, practising { $deck }.
serve-fitted = Each room fits its rounds into { $minutes } min.
serve-room-line = Room { $room }: { $command }
serve-facilitator-line = Facilitator's board: { $command } (password: { $code })
serve-stop-hint = Ctrl-C stops the server and keeps every unfinished round.
serve-kept = Unfinished round kept in { $path }
serve-done = The breakout is over.
serve-no-random = no random numbers for the join codes
serve-no-runtime = cannot start the network runtime
serve-log-restored = Room { $room }: took up the unfinished round of { $people }, paused until they rejoin.
serve-no-thread = cannot start the thread that draws the rooms
serve-log-saved = Room { $room }: session saved to { $path }
serve-log-started = { $count ->
    [one] Started the round in one room.
   *[other] Started the round in { $count } rooms.
}
