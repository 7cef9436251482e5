//! A saved round as lines of text: what the summary shows after a round
//! and the session screen shows in review, from one place, so the two
//! never tell a round differently.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::deck::{Deck, TalkBand};
use crate::i18n::{self, words};
use crate::practice::secs_text;
use crate::record::{Answer, Role, SessionRecord, scale_shifts};
use crate::stats;
use crate::text::{cap_chars, fit_width, fit_width_right};
use crate::tr;
use crate::tui::theme::Theme;
use crate::tui::widgets::talk_verdict;

/// The longest text shown whole; longer ones end in "…".
pub const MAX_SHOWN_CHARS: usize = 4000;

/// What to draw a record with.
pub struct RecordView<'a> {
    pub record: &'a SessionRecord,
    /// The deck, if still known: stage names and mark order.
    pub deck: Option<&'a Deck>,
    /// Per stage, the organizer's earlier average on this deck (summary
    /// only).
    pub before: Option<&'a [Option<f64>]>,
    pub theme: &'a Theme,
    /// Width available, for tables and cut-off text.
    pub width: usize,
}

impl RecordView<'_> {
    fn stage_name(&self, id: &str) -> String {
        self.deck
            .and_then(|d| d.stage(id))
            .map_or(id.to_owned(), |s| s.name.clone())
    }

    fn heading(&self, text: &str) -> Line<'static> {
        Line::styled(text.to_owned(), self.theme.title)
    }

    /// "  Label: text", the text cut to [`MAX_SHOWN_CHARS`] so that a huge
    /// file never makes a huge layout.
    fn label_line(&self, label: &str, text: &str) -> Line<'static> {
        let text = if text.trim().is_empty() { "—" } else { text };
        Line::from(vec![
            Span::styled(
                format!("  {}", tr!("label-colon", label = label)),
                self.theme.title,
            ),
            Span::raw(cap_chars(text, MAX_SHOWN_CHARS).into_owned()),
        ])
    }

    /// Every part of the round, top to bottom.
    pub fn lines(&self) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        self.times(&mut lines);
        self.ratings(&mut lines);
        self.scales(&mut lines);
        self.marks(&mut lines);
        self.checks(&mut lines);
        self.commitment(&mut lines);
        self.persona(&mut lines);
        self.feedback(&mut lines);
        lines
    }

    fn times(&self, lines: &mut Vec<Line<'static>>) {
        let r = self.record;
        let theme = self.theme;
        let name_width = r
            .stages
            .iter()
            .map(|s| self.stage_name(&s.id).chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 16);
        lines.push(self.heading(&tr!("record-times")));
        lines.push(Line::styled(
            format!(
                "  {:<name_width$} {:>6} {:>6} {:>7}  {}",
                tr!("record-stage"),
                tr!("record-plan"),
                tr!("record-actual"),
                tr!("record-diff"),
                tr!("record-organizer-talk")
            ),
            theme.text.add_modifier(Modifier::ITALIC),
        ));
        let alone = r.people.partner.is_empty();
        for s in &r.stages {
            let talk = match s.organizer_share() {
                _ if alone => Span::raw("—"),
                None => Span::raw(format!("–   ({}–{})", s.talk.low, s.talk.high)),
                Some(share) => talk_span(share, s.talk, theme),
            };
            let over = s.actual_secs > s.planned_secs.saturating_mul(6) / 5;
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "  {:<name_width$} {:>6} {:>6} ",
                    fit_width(&self.stage_name(&s.id), name_width),
                    secs_text(s.planned_secs),
                    secs_text(s.actual_secs),
                )),
                Span::styled(
                    format!("{:>7}  ", difference(s.actual_secs, s.planned_secs)),
                    if over { theme.warning } else { theme.text },
                ),
                talk,
            ]));
        }
        let planned: u64 = r.stages.iter().map(|s| s.planned_secs).sum();
        let actual: u64 = r.stages.iter().map(|s| s.actual_secs).sum();
        let (organizer, partner) = r.talk_totals();
        let total = match (
            crate::record::share(organizer, partner),
            r.round_talk_band(),
        ) {
            _ if alone => Span::raw(tr!("record-alone")),
            (Some(share), Some(band)) => talk_span(share, band, theme),
            _ => Span::raw("–"),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {:<name_width$} {:>6} {:>6} {:>7}  ",
                    tr!("record-round"),
                    secs_text(planned),
                    secs_text(actual),
                    difference(actual, planned)
                ),
                theme.title,
            ),
            total,
        ]));
        lines.push(Line::from(""));
    }

    fn ratings(&self, lines: &mut Vec<Line<'static>>) {
        let r = self.record;
        if r.feedback.iter().all(|f| f.ratings.is_empty()) {
            return;
        }
        let raters: Vec<(Role, String)> = r
            .feedback
            .iter()
            .map(|f| (f.role, f.name.clone()))
            .collect();
        let name_width = 16;
        let mut header = format!("  {:<name_width$}", tr!("record-stage-rating"));
        for (_, name) in &raters {
            header.push_str(&format!(" {}", fit_width_right(name, 6)));
        }
        if self.before.is_some() {
            header.push_str(&format!(
                " {:>7} {:>7}",
                tr!("record-before"),
                tr!("record-change")
            ));
        }
        lines.push(self.heading(&tr!("record-ratings")));
        lines.push(Line::styled(
            header,
            self.theme.text.add_modifier(Modifier::ITALIC),
        ));
        let number = |v: Option<f64>| v.map_or("·".to_owned(), |v| i18n::decimal(v, 1));
        let summary = crate::record::SessionSummary::of(r);
        for (i, s) in r.stages.iter().enumerate() {
            let mut row = format!(
                "  {:<name_width$}",
                fit_width(&self.stage_name(&s.id), name_width)
            );
            for (role, _) in &raters {
                row.push_str(&format!(" {:>6}", number(r.average_rating(*role, &s.id))));
            }
            if let Some(before) = self.before {
                let before = before.get(i).copied().flatten();
                let change = match (stats::stage_score(&summary, &s.id), before) {
                    (Some(now), Some(before)) => {
                        let delta = now - before;
                        let arrow = if delta > 0.05 {
                            "▲"
                        } else if delta < -0.05 {
                            "▼"
                        } else {
                            "="
                        };
                        let delta = if delta.abs() < 0.05 { 0.0 } else { delta };
                        let sign = if delta < 0.0 { "-" } else { "+" };
                        format!("{arrow}{sign}{}", i18n::decimal(delta.abs(), 1))
                    }
                    _ => "·".to_owned(),
                };
                row.push_str(&format!(" {:>7} {:>7}", number(before), change));
            }
            lines.push(Line::from(row));
        }
        if self.before.is_some() {
            lines.push(Line::styled(
                tr!(
                    "record-before-note",
                    organizer = r.people.organizer.as_str()
                ),
                self.theme.text.add_modifier(Modifier::ITALIC),
            ));
        }
        lines.push(Line::from(""));
    }

    fn scales(&self, lines: &mut Vec<Line<'static>>) {
        let shifts = scale_shifts(&self.record.scales);
        if shifts.is_empty() {
            return;
        }
        lines.push(self.heading(&tr!("record-scales")));
        for (id, first, last) in shifts {
            let label = self
                .deck
                .and_then(|d| d.scales.iter().find(|s| s.id == id))
                .map_or(id.to_owned(), |s| s.label.clone());
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {first} → {last} ({:+})  ", last - first),
                    self.theme.key,
                ),
                Span::raw(fit_width(&label, self.width.saturating_sub(20))),
            ]));
        }
        lines.push(Line::from(""));
    }

    fn marks(&self, lines: &mut Vec<Line<'static>>) {
        let marks = &self.record.marks;
        lines.push(self.heading(&tr!("record-marks", count = marks.len())));
        if marks.is_empty() {
            lines.push(Line::from(tr!("record-no-marks")));
        } else {
            // In the deck's order (by kind), not in order of first use.
            let mut kinds: Vec<(usize, &str, usize)> = Vec::new();
            for mark in marks {
                match kinds.iter_mut().find(|(_, label, _)| *label == mark.label) {
                    Some((_, _, count)) => *count += 1,
                    None => kinds.push((mark.kind, &mark.label, 1)),
                }
            }
            kinds.sort_by_key(|(kind, _, _)| *kind);
            let text: Vec<String> = kinds
                .iter()
                .map(|(_, label, count)| format!("{label} ×{count}"))
                .collect();
            lines.push(Line::from(format!("  {}", text.join(" · "))));
            for mark in marks {
                lines.push(Line::from(format!(
                    "    {:>6}  {} · {}",
                    secs_text(mark.at_secs),
                    self.stage_name(&mark.stage),
                    cap_chars(&mark.label, MAX_SHOWN_CHARS)
                )));
            }
        }
        lines.push(Line::from(""));
    }

    fn checks(&self, lines: &mut Vec<Line<'static>>) {
        let r = self.record;
        if r.checks.is_empty() {
            return;
        }
        let seen = r.checks.iter().filter(|c| c.observed).count();
        let by = r
            .checked_by
            .and_then(|role| r.feedback.iter().find(|f| f.role == role))
            .map_or(String::new(), |f| {
                tr!("record-checks-by", name = f.name.as_str())
            });
        lines.push(self.heading(&tr!(
            "record-checks",
            seen = seen,
            total = r.checks.len(),
            by = by
        )));
        for check in &r.checks {
            let tick = if check.observed { "[x]" } else { "[ ]" };
            lines.push(Line::from(format!(
                "  {tick} {} · {}",
                cap_chars(&check.item, MAX_SHOWN_CHARS),
                self.stage_name(&check.stage)
            )));
        }
        lines.push(Line::from(""));
    }

    fn commitment(&self, lines: &mut Vec<Line<'static>>) {
        let c = &self.record.commitment;
        if c.is_empty() {
            return;
        }
        let verdict = match c.answer {
            Some(Answer::Yes) if c.counts() => {
                (tr!("record-commitment-counts"), self.theme.on_time)
            }
            Some(Answer::Yes) => (tr!("record-commitment-no-date"), self.theme.warning),
            Some(Answer::Maybe) => (tr!("record-commitment-maybe"), self.theme.warning),
            Some(Answer::No) => (tr!("record-commitment-no"), self.theme.text),
            None => (tr!("record-commitment-none"), self.theme.text),
        };
        lines.push(Line::from(vec![
            Span::styled(tr!("record-commitment"), self.theme.title),
            Span::styled(verdict.0, verdict.1),
        ]));
        lines.push(self.label_line(&tr!("record-ask"), &c.ask));
        lines.push(self.label_line(
            &tr!("record-answer"),
            &c.answer.map_or("—".to_owned(), words::answer),
        ));
        lines.push(self.label_line(&tr!("record-action"), &c.action));
        let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_owned(), i18n::date);
        lines.push(self.label_line(&tr!("record-date"), &date(c.date)));
        lines.push(self.label_line(&tr!("record-follow-up"), &date(c.follow_up)));
        lines.push(Line::from(""));
    }

    fn persona(&self, lines: &mut Vec<Line<'static>>) {
        let Some(p) = &self.record.persona else {
            return;
        };
        lines.push(self.heading(&tr!("record-persona", name = p.name.as_str())));
        if !p.summary.is_empty() {
            lines.push(self.label_line(&tr!("record-known-before"), &p.summary));
        }
        for (field, text) in p.private_fields() {
            lines.push(self.label_line(&words::private_field(field), text));
        }
        lines.push(Line::from(""));
    }

    fn feedback(&self, lines: &mut Vec<Line<'static>>) {
        for f in &self.record.feedback {
            lines.push(self.heading(&format!("{} ({})", f.name, words::role(f.role))));
            match f.role {
                Role::Organizer => {
                    lines.push(self.label_line(&tr!("record-what-worked"), &f.what_worked));
                    lines.push(self.label_line(&tr!("record-to-change"), &f.to_change));
                }
                Role::Partner => {
                    lines.push(self.label_line(
                        &tr!("record-would-say-yes"),
                        &f.would_say_yes.map_or("—".to_owned(), words::answer),
                    ));
                    lines.push(self.label_line(&tr!("record-to-make-yes"), &f.to_make_yes));
                    lines.push(
                        self.label_line(
                            &tr!("record-felt-heard"),
                            &f.felt_heard
                                .map_or("—".to_owned(), |h| tr!("record-of-five", score = h)),
                        ),
                    );
                }
                Role::Observer => {
                    lines.push(self.label_line(&tr!("record-phrase"), &f.phrase));
                }
            }
            // A version-1 file may hold text in fields its role no longer has.
            for (label, text, role) in [
                (tr!("record-what-worked"), &f.what_worked, Role::Organizer),
                (tr!("record-to-change-short"), &f.to_change, Role::Organizer),
            ] {
                if f.role != role && !text.is_empty() {
                    lines.push(self.label_line(&label, text));
                }
            }
            lines.push(Line::from(""));
        }
    }
}

/// A talk share against its band, as a span.
fn talk_span(share: f64, band: TalkBand, theme: &Theme) -> Span<'static> {
    let (text, style) = talk_verdict(share, band, theme);
    Span::styled(text, style)
}

/// `+m:ss` over plan or `-m:ss` under it.
fn difference(actual: u64, planned: u64) -> String {
    if actual >= planned {
        format!("+{}", secs_text(actual - planned))
    } else {
        format!("-{}", secs_text(planned - actual))
    }
}
