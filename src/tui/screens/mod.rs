//! One module per screen: its state, its keys, its drawing.

pub mod brief;
pub mod feedback;
pub mod home;
pub mod practice;
pub mod progress;
pub mod review;
pub mod session;
pub mod setup;
pub mod summary;
