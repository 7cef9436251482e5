//! A running `tandem serve`: the SSH transport on the caller's tokio
//! runtime, and the hub on a thread of its own (the workshop's clock and
//! terminals stay on that thread). The command starts one and waits for
//! it; the tests start one on port 0 and stop it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;

use super::codes::JoinCodes;
use super::hub::{Hub, Wake};
use anyhow::Context;

use super::transport::{Transport, TransportConfig};
use super::workshop::Workshop;
use crate::deck::Deck;
use crate::practice::SystemClock;
use crate::store::Store;
use crate::tr;
use crate::tui::theme::Theme;

/// What a workshop serves.
pub struct Breakout {
    pub deck: Deck,
    /// Minutes each room fits its rounds into.
    pub fit: Option<u32>,
    pub store: Store,
    pub theme: Theme,
    /// Where the operator's lines go (saved sessions, problems).
    pub log: Box<dyn FnMut(&str) + Send>,
}

/// A server that is running.
pub struct Server {
    address: SocketAddr,
    codes: Arc<JoinCodes>,
    wakes: Sender<Wake>,
    hub: JoinHandle<Vec<PathBuf>>,
    transport: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Binds `config.listen` and starts serving `breakout` in one room per
    /// code, on the current tokio runtime.
    pub async fn start(
        config: TransportConfig,
        codes: JoinCodes,
        breakout: Breakout,
    ) -> anyhow::Result<Server> {
        let transport = Transport::bind(config).await?;
        let address = transport.local_addr();
        let codes = Arc::new(codes);
        let (wakes, woken) = std::sync::mpsc::channel();
        let (events, mut incoming) = tokio::sync::mpsc::channel(1024);
        let to_hub = wakes.clone();
        tokio::spawn(async move {
            while let Some(event) = incoming.recv().await {
                if to_hub.send(Wake::Client(event)).is_err() {
                    break;
                }
            }
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let transport = tokio::spawn(transport.serve(codes.clone(), events, async {
            let _ = stopped.await;
        }));
        let rooms = codes.rooms.clone();
        let hub = std::thread::Builder::new()
            .name("tandem-hub".into())
            .spawn(move || {
                let Breakout {
                    deck,
                    fit,
                    store,
                    theme,
                    mut log,
                } = breakout;
                let workshop = Workshop::new(
                    rooms,
                    &deck,
                    fit,
                    store,
                    Box::new(SystemClock::new()),
                    theme,
                    rand::random(),
                );
                let kept = Hub::new(workshop).run(&woken, &mut *log);
                // The hub is done (ended, or stopped): so is the transport.
                let _ = stop.send(());
                kept
            });
        let hub = hub.context(tr!("serve-no-thread"))?;
        Ok(Server {
            address,
            codes,
            wakes,
            hub,
            transport,
        })
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Its join codes.
    pub fn codes(&self) -> &JoinCodes {
        &self.codes
    }

    /// A sender that stops the server (from a signal handler).
    pub fn stopper(&self) -> Sender<Wake> {
        self.wakes.clone()
    }

    /// Waits until the facilitator ends the breakout or a stop arrives;
    /// returns the in-progress files kept for unfinished rounds.
    pub async fn finished(self) -> Vec<PathBuf> {
        let Server { hub, transport, .. } = self;
        let kept = tokio::task::spawn_blocking(move || hub.join().unwrap_or_default())
            .await
            .unwrap_or_default();
        let _ = tokio::time::timeout(CLOSE_GRACE, transport).await;
        kept
    }

    /// Stops the server: every unfinished round is kept, every connection
    /// told and closed.
    pub async fn stop(self) -> Vec<PathBuf> {
        let _ = self.wakes.send(Wake::Stop);
        self.finished().await
    }
}

/// How long the transport may take to say goodbye to every client.
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(5);
