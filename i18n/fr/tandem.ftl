# L'interface de tandem en français. Chaque message de
# i18n/en/tandem.ftl a son pendant ici (un test le vérifie).

## Nombres et dates

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
