//! tandem: a terminal practice coach for relational 1:1 meetings.
//!
//! The domain modules (`deck`, `practice`, `record`, `stats`, `store`) know nothing of
//! the terminal; `tui` renders their state and turns keys into actions.

pub mod cli;
pub mod commands;
pub mod config;
pub mod deck;
pub mod export;
pub mod i18n;
pub mod practice;
pub mod record;
pub mod serve;
pub mod stats;
pub mod store;
pub mod text;
pub mod tui;
