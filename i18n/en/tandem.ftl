# tandem's interface in English, the fallback language: every message
# used anywhere exists here. Keep i18n/fr/tandem.ftl in step (a test
# fails when one file has a message the other lacks).

## Numbers and dates

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
