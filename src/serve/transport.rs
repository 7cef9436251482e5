//! Stand-in for the SSH transport (being written on the `ssh` branch): the
//! types the workshop shares with it.

/// One SSH connection's id, unique for the server's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientId(pub u64);

/// What a login was admitted as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Room(usize),
    Facilitator,
}
