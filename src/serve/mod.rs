//! `tandem serve`: practice rooms hosted over SSH, one more front end.
//!
//! A room ([`room`]) holds one shared round; the workshop ([`workshop`])
//! gives each connection its own view of its room (the same practice,
//! brief, feedback and summary screens as a local round, for one role), a
//! join form ([`join`]), the room's lobby ([`lobby`]) and the facilitator's
//! board ([`board`]); the hub ([`hub`]) draws every connection's frame.
//!
//! The transport ([`transport`]) runs the SSH server: it admits a login by
//! its join code ([`codes`]) within the server's [`limits`], offers nothing
//! but a pty and the tandem interface, turns each client's bytes into the
//! same key events as local input ([`input`]), and hands the hub one
//! [`transport::ClientEvent`] stream; the hub answers each client through
//! its [`transport::ClientOutput`]. The host key lives in the data dir
//! ([`host_key`]).

pub mod board;
pub mod codes;
pub mod from_patterns;
pub mod host_key;
pub mod hub;
pub mod input;
pub mod join;
pub mod keeper;
pub mod limits;
pub mod lobby;
pub mod room;
pub mod server;
pub mod transport;
pub mod workshop;
