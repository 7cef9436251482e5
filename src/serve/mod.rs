//! `tandem serve`: practice rooms hosted over SSH, one more front end.
//!
//! The transport ([`transport`]) runs the SSH server: it admits a login by
//! its join code ([`codes`]) within the server's [`limits`], offers nothing
//! but a pty and the tandem interface, turns each client's bytes into the
//! same key events as local input ([`input`]), and hands the hub one
//! [`transport::ClientEvent`] stream; the hub answers each client through
//! its [`transport::ClientOutput`]. The host key lives in the data dir
//! ([`host_key`]).

pub mod codes;
pub mod host_key;
pub mod input;
pub mod limits;
pub mod transport;
