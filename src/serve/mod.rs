//! `tandem serve`: practice rooms over SSH. Another front end over the same
//! screens: a room holds one shared round, each connection draws its own
//! view of it at its own size, and the facilitator's board shows them all.

pub mod board;
pub mod join;
pub mod lobby;
pub mod room;
pub mod transport;
pub mod workshop;
