//! The saved sessions behind the screens: the index is opened and brought
//! up to date off the UI thread, so the first frame never waits for it;
//! screens draw what they have and say what is still coming.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::i18n::integer;
use crate::record::CoachNote;
use crate::store::{Index, Progress, Store};
use crate::tr;

/// What loading found, handed over once.
pub struct Loaded {
    pub index: Index,
    pub notes: Vec<CoachNote>,
    /// Files that could not be read, and why the index was rebuilt.
    pub notices: Vec<String>,
}

/// What the loading thread reports.
pub enum Event {
    Progress(Progress),
    Done(Box<Loaded>),
}

/// Loading in progress, or done.
pub enum Library {
    /// Reading behind the screens; the last progress heard.
    Loading {
        events: Receiver<Event>,
        progress: Option<Progress>,
    },
    Ready(Index),
}

impl Library {
    /// Starts loading `store`'s sessions on a thread of its own.
    pub fn behind(store: &Store) -> Library {
        let (send, events) = mpsc::channel();
        let store = store.clone();
        std::thread::spawn(move || {
            let progress = send.clone();
            let loaded = load(&store, &mut |p| {
                let _ = progress.send(Event::Progress(p));
            });
            let _ = send.send(Event::Done(Box::new(loaded)));
        });
        Library::Loading {
            events,
            progress: None,
        }
    }

    /// Not loading yet, nor ready.
    pub fn waiting() -> Library {
        Library::Loading {
            events: mpsc::channel().1,
            progress: None,
        }
    }

    /// Loads `store`'s sessions here and now (tests).
    pub fn at_once(store: &Store) -> Loaded {
        load(store, &mut |_| {})
    }

    /// Takes what the loading thread reported; returns what it loaded
    /// once it is done (the caller then makes the library ready).
    pub fn poll(&mut self) -> Option<Loaded> {
        let Library::Loading { events, progress } = self else {
            return None;
        };
        loop {
            match events.try_recv() {
                Ok(Event::Progress(p)) => *progress = Some(p),
                Ok(Event::Done(loaded)) => return Some(*loaded),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return None,
            }
        }
    }

    /// Waits for the loading thread to finish; what it loaded (tests).
    #[cfg(test)]
    pub fn wait(&mut self) -> Option<Loaded> {
        let Library::Loading { events, .. } = self else {
            return None;
        };
        while let Ok(event) = events.recv() {
            if let Event::Done(loaded) = event {
                return Some(*loaded);
            }
        }
        None
    }

    /// The index, once loading is done.
    pub fn index(&self) -> Option<&Index> {
        match self {
            Library::Ready(index) => Some(index),
            Library::Loading { .. } => None,
        }
    }

    /// The index, once loading is done, to record a new file.
    pub fn index_mut(&mut self) -> Option<&mut Index> {
        match self {
            Library::Ready(index) => Some(index),
            Library::Loading { .. } => None,
        }
    }

    /// "Reading saved sessions: 3,200 of 10,000…" while loading.
    pub fn status(&self) -> Option<String> {
        match self {
            Library::Ready(_) => None,
            Library::Loading {
                progress: Some(p), ..
            } if p.to_read > 0 => Some(tr!(
                "loading-reading",
                read = integer(p.read),
                total = integer(p.to_read)
            )),
            Library::Loading { .. } => Some(tr!("loading-looking")),
        }
    }
}

/// Opens and refreshes the index, then reads the coach notes.
fn load(store: &Store, progress: &mut dyn FnMut(Progress)) -> Loaded {
    let mut index = store.index();
    let mut notices = Vec::new();
    match index.refresh(progress) {
        Ok(refreshed) => {
            if let Some(why) = refreshed.rebuilt {
                notices.push(tr!("notice-index-rebuilt", why = why.to_string()));
            }
        }
        Err(err) => notices.push(tr!("notice-sessions-not-all-read", error = err.to_string())),
    }
    match index.problems() {
        Ok(problems) => notices.extend(
            problems
                .iter()
                .map(|p| tr!("notice-skipped", problem = p.to_string())),
        ),
        Err(err) => notices.push(err.to_string()),
    }
    let notes = store.load_notes();
    notices.extend(
        notes
            .problems
            .iter()
            .map(|p| tr!("notice-skipped", problem = p.to_string())),
    );
    Loaded {
        index,
        notes: notes.notes,
        notices,
    }
}
