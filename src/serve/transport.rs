//! The SSH server.

/// One SSH connection's id, unique for the server's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientId(pub u64);

/// What a login was admitted as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// A participant of the room at this index.
    Room(usize),
    /// The facilitator, who sees every room.
    Facilitator,
}
