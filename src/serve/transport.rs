//! The SSH server: logins by join code, one pty and the tandem interface
//! per connection, and nothing else.
//!
//! Each accepted connection is counted against the [`Limits`] before the
//! handshake starts, runs as its own russh session, and talks to the hub
//! through one channel of [`ClientEvent`]s. A joined client has two tasks of
//! its own: the input task (bytes → key events, the Esc wait, the idle
//! timeout) and the writer task (the hub's frames → SSH data), so a slow or
//! hostile client only ever waits on itself.

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;
use russh::keys::{PrivateKey, PublicKey};
use russh::server::{Auth, Msg, Session};
use russh::{Channel, ChannelId, Disconnect, MethodKind, MethodSet, Pty};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc, oneshot, watch};
use tokio::task::JoinSet;

use super::codes::{FACILITATOR_USER, JoinCodes};
use super::host_key::{AuthorizedKey, is_authorized};
use super::input::{ESC_WAIT, InputParser};
use super::limits::{Connections, FailedCodes, Limits, Source};
use crate::i18n::Language;
use crate::tr;

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

/// What the transport tells the hub.
#[derive(Debug)]
pub enum ClientEvent {
    /// A client has a pty and asked for the interface (shell request).
    Joined {
        id: ClientId,
        admission: Admission,
        cols: u16,
        rows: u16,
        /// The language the client's locale names (`LANG`, `LC_*` sent
        /// with `SendEnv`), when tandem speaks it.
        language: Option<Language>,
        output: ClientOutput,
    },
    /// A key (or paste) from the client, parsed as local input is.
    Input { id: ClientId, event: Event },
    /// The client's terminal changed size.
    Resized { id: ClientId, cols: u16, rows: u16 },
    /// The connection closed (or timed out); sent once, after every other
    /// event of this client.
    Left { id: ClientId },
}

/// The most bytes of frames waiting for one client: a client that stops
/// reading is closed once this much is queued, rather than growing the
/// server's memory.
pub const MAX_QUEUED_BYTES: usize = 1024 * 1024;

/// Puts a client's terminal back as it was (attributes, mouse, bracketed
/// paste, cursor, main screen) before a farewell line.
const RESTORE_TERMINAL: &str =
    "\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// How long a client told goodbye may take to hang up before it is cut.
const HANG_UP_GRACE: Duration = Duration::from_secs(1);

/// What the hub sends a client's writer task.
#[derive(Debug)]
pub enum Outgoing {
    /// Screen bytes, as flushed.
    Frame(Vec<u8>),
    /// A last line, then the channel closes.
    Close(String),
}

/// Where a client's screen bytes go. `write` buffers; `flush` hands the
/// buffered bytes to the connection as one SSH data message without
/// waiting for the client. Once the client is gone, writes are dropped
/// silently. A clone shares the connection, not the buffer.
#[derive(Debug)]
pub struct ClientOutput {
    buffer: Vec<u8>,
    queue: mpsc::UnboundedSender<Outgoing>,
    queued_bytes: Arc<AtomicUsize>,
    /// Told when the client falls [`MAX_QUEUED_BYTES`] behind.
    overflow: Arc<Notify>,
}

impl Clone for ClientOutput {
    fn clone(&self) -> Self {
        ClientOutput {
            buffer: Vec::new(),
            queue: self.queue.clone(),
            queued_bytes: self.queued_bytes.clone(),
            overflow: self.overflow.clone(),
        }
    }
}

/// The receiving end of a [`ClientOutput`], for a writer task or a test.
#[derive(Debug)]
pub struct OutputReceiver {
    queue: mpsc::UnboundedReceiver<Outgoing>,
    queued_bytes: Arc<AtomicUsize>,
    overflow: Arc<Notify>,
}

impl OutputReceiver {
    /// The next message, or `None` once every [`ClientOutput`] is dropped.
    pub async fn recv(&mut self) -> Option<Outgoing> {
        let message = self.queue.recv().await?;
        if let Outgoing::Frame(bytes) = &message {
            self.queued_bytes.fetch_sub(bytes.len(), Ordering::AcqRel);
        }
        Some(message)
    }

    /// Resolves when the client has fallen too far behind.
    pub async fn overflowed(&self) {
        self.overflow.notified().await;
    }
}

impl ClientOutput {
    /// An output and its receiving end, not tied to any connection: the
    /// transport makes one per client; the hub's tests can read frames
    /// from it.
    pub fn channel() -> (ClientOutput, OutputReceiver) {
        let (sender, receiver) = mpsc::unbounded_channel();
        let queued_bytes = Arc::new(AtomicUsize::new(0));
        let overflow = Arc::new(Notify::new());
        (
            ClientOutput {
                buffer: Vec::new(),
                queue: sender,
                queued_bytes: queued_bytes.clone(),
                overflow: overflow.clone(),
            },
            OutputReceiver {
                queue: receiver,
                queued_bytes,
                overflow,
            },
        )
    }

    /// Writes `farewell` on its own line, after the frames already sent and
    /// with the client's terminal restored, then closes the connection
    /// ("the breakout has ended", "room full", "window too small"...).
    pub fn close(&self, farewell: &str) {
        let _ = self.queue.send(Outgoing::Close(farewell.to_owned()));
    }
}

impl io::Write for ClientOutput {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let frame = std::mem::take(&mut self.buffer);
        let queued = self.queued_bytes.fetch_add(frame.len(), Ordering::AcqRel);
        if queued + frame.len() > MAX_QUEUED_BYTES {
            self.queued_bytes.fetch_sub(frame.len(), Ordering::AcqRel);
            self.overflow.notify_one();
            return Ok(());
        }
        let length = frame.len();
        if self.queue.send(Outgoing::Frame(frame)).is_err() {
            // The client is gone: the frame is dropped, and its count.
            self.queued_bytes.fetch_sub(length, Ordering::AcqRel);
        }
        Ok(())
    }
}

/// Settings of the listener.
pub struct TransportConfig {
    /// Where to listen; port 0 picks a free port (see [`Transport::local_addr`]).
    pub listen: SocketAddr,
    /// The server's own key (see [`super::host_key::load_or_create`]).
    pub host_key: PrivateKey,
    /// When set, only these client keys are admitted, in addition to the
    /// code (see [`super::host_key::load_authorized_keys`]).
    pub authorized_keys: Option<Vec<AuthorizedKey>>,
    /// Caps on clients, failures and time.
    pub limits: Limits,
}

/// What stops the server from serving.
#[derive(Debug)]
pub enum TransportError {
    /// The listening socket could not be opened.
    Listen {
        address: SocketAddr,
        source: io::Error,
    },
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransportError::Listen { address, source } => f.write_str(&tr!(
                "serve-cannot-listen",
                address = address.to_string(),
                error = source.to_string()
            )),
        }
    }
}

impl std::error::Error for TransportError {}

/// A bound listener, not yet serving: its address is known (tests bind
/// port 0), and [`Transport::serve`] runs it.
pub struct Transport {
    listener: TcpListener,
    config: TransportConfig,
}

/// Binds `config.listen` and serves until `shutdown` resolves.
pub async fn serve(
    config: TransportConfig,
    codes: Arc<JoinCodes>,
    events: mpsc::Sender<ClientEvent>,
    shutdown: impl Future<Output = ()>,
) -> Result<(), TransportError> {
    Transport::bind(config)
        .await?
        .serve(codes, events, shutdown)
        .await;
    Ok(())
}

impl Transport {
    /// Opens the listening socket.
    pub async fn bind(config: TransportConfig) -> Result<Transport, TransportError> {
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| TransportError::Listen {
                    address: config.listen,
                    source,
                })?;
        Ok(Transport { listener, config })
    }

    /// The address actually listened on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or(self.config.listen)
    }

    /// Serves clients until `shutdown` resolves, then disconnects them all
    /// and returns.
    pub async fn serve(
        self,
        codes: Arc<JoinCodes>,
        events: mpsc::Sender<ClientEvent>,
        shutdown: impl Future<Output = ()>,
    ) {
        let Transport { listener, config } = self;
        let limits = config.limits.clone();
        let (stopping, stop_signal) = watch::channel(false);
        let shared = Arc::new(Shared {
            ssh: Arc::new(ssh_config(config.host_key, &limits)),
            codes,
            events,
            authorized_keys: config.authorized_keys,
            limits,
            guard: Mutex::new(Guard::default()),
            next_id: AtomicU64::new(1),
            stop_signal,
        });
        let mut connections = JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, peer)) => {
                        let source = Source::from(peer.ip());
                        if shared.lock().connections.try_open(source, &shared.limits) {
                            let permit = Permit {
                                shared: shared.clone(),
                                source,
                                address: peer.ip(),
                            };
                            connections.spawn(run_connection(stream, permit));
                        }
                        // Over a limit: the socket is dropped unanswered.
                    }
                    // Out of descriptors and the like: wait rather than spin.
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                },
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        drop(listener);
        let _ = stopping.send(true);
        let all_closed = async { while connections.join_next().await.is_some() {} };
        // A connection may take a grace for its farewell to go out, one for
        // the client to hang up, and one for the disconnect: see
        // `run_connection`.
        if tokio::time::timeout(HANG_UP_GRACE * 4, all_closed)
            .await
            .is_err()
        {
            connections.shutdown().await;
        }
    }
}

fn ssh_config(host_key: PrivateKey, limits: &Limits) -> russh::server::Config {
    russh::server::Config {
        server_id: russh::SshId::Standard(
            concat!("SSH-2.0-tandem_", env!("CARGO_PKG_VERSION")).into(),
        ),
        methods: login_methods(),
        auth_rejection_time: limits.auth_rejection_delay,
        auth_rejection_time_initial: Some(limits.auth_rejection_delay),
        keys: vec![host_key],
        // A backstop only: the login and idle timeouts close a connection
        // first, and tell the client why.
        inactivity_timeout: Some(limits.idle_timeout.saturating_add(limits.login_timeout)),
        max_auth_attempts: 6,
        nodelay: true,
        ..Default::default()
    }
}

fn login_methods() -> MethodSet {
    MethodSet::from(
        &[
            MethodKind::None,
            MethodKind::PublicKey,
            MethodKind::Password,
            MethodKind::KeyboardInteractive,
        ][..],
    )
}

fn methods(kinds: &[MethodKind]) -> MethodSet {
    MethodSet::from(kinds)
}

/// What a refused login may go on with: only host-based authentication,
/// which clients do not attempt (OpenSSH's default is off), so `ssh` stops
/// with "Permission denied". An empty list would not do: OpenSSH reads it
/// as "try everything" and asks for a password that cannot help.
const NOTHING_TO_TRY: &[MethodKind] = &[MethodKind::HostBased];

/// The facilitator's ways to type the code.
const PASSWORD_METHODS: &[MethodKind] = &[MethodKind::Password, MethodKind::KeyboardInteractive];

/// State shared by every connection.
struct Shared {
    ssh: Arc<russh::server::Config>,
    codes: Arc<JoinCodes>,
    events: mpsc::Sender<ClientEvent>,
    authorized_keys: Option<Vec<AuthorizedKey>>,
    limits: Limits,
    guard: Mutex<Guard>,
    next_id: AtomicU64,
    stop_signal: watch::Receiver<bool>,
}

/// The counters the limits are checked against.
#[derive(Default)]
struct Guard {
    connections: Connections,
    failed: FailedCodes,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Guard> {
        self.guard.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One counted connection; dropping it gives its place back.
struct Permit {
    shared: Arc<Shared>,
    source: Source,
    /// The client's own address (`source` may be its whole network).
    address: IpAddr,
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.shared.lock().connections.close(self.source);
    }
}

/// Runs one connection from handshake to hang-up.
async fn run_connection(stream: TcpStream, permit: Permit) {
    let shared = permit.shared.clone();
    let id = ClientId(shared.next_id.fetch_add(1, Ordering::Relaxed));
    let _ = stream.set_nodelay(true);
    let (joined_sender, mut joined) = oneshot::channel();
    let hang_up = Arc::new(Notify::new());
    // Dropped when this task ends: the client's writer task then ends too,
    // even if the hub keeps its output.
    let (_alive, ended) = watch::channel(());
    let language: Arc<Mutex<Option<Language>>> = Arc::default();
    // A goodbye from this task, in the client's language once it sent one.
    let said = |make: fn() -> String| {
        let language = *language.lock().unwrap_or_else(PoisonError::into_inner);
        match language {
            Some(language) => language.within(make),
            None => make(),
        }
    };
    let handler = Connection {
        shared: shared.clone(),
        id,
        source: permit.source,
        address: permit.address,
        admission: None,
        key_verified: false,
        channel: None,
        pty: None,
        locale: LocaleEnv::default(),
        language: language.clone(),
        input: None,
        joined: Some(joined_sender),
        hang_up: hang_up.clone(),
        ended,
    };
    let login_deadline = tokio::time::Instant::now() + shared.limits.login_timeout;
    let started = tokio::time::timeout_at(
        login_deadline,
        russh::server::run_stream(shared.ssh.clone(), stream, handler),
    )
    .await;
    let Ok(Ok(session)) = started else {
        return;
    };
    let handle = session.handle();
    tokio::pin!(session);
    let mut stop_signal = shared.stop_signal.clone();
    let mut is_joined = false;
    // A session stuck writing to a client that reads nothing takes no
    // message: the goodbye is bounded too.
    let disconnect = |reason: String| {
        let handle = handle.clone();
        async move {
            let goodbye = handle.disconnect(Disconnect::ByApplication, reason, String::new());
            let _ = tokio::time::timeout(HANG_UP_GRACE, goodbye).await;
        }
    };
    let ended = loop {
        tokio::select! {
            _ = &mut session => break true,
            () = stopped(&mut stop_signal) => {
                if is_joined {
                    // The hub said goodbye before stopping: the writer
                    // sends the farewell and closes the channel, then
                    // tells `hang_up`; the client then hangs up itself.
                    // ssh drops output still unprinted when a disconnect
                    // arrives, so it is sent only to a client that stays.
                    let _ = tokio::time::timeout(HANG_UP_GRACE, hang_up.notified()).await;
                    if tokio::time::timeout(HANG_UP_GRACE, &mut session).await.is_ok() {
                        return;
                    }
                }
                disconnect(said(|| tr!("serve-stopped"))).await;
                break false;
            }
            // An error here means the handler is gone: the session is
            // ending, and the branch above will say so.
            _ = &mut joined, if !is_joined => is_joined = true,
            () = tokio::time::sleep_until(login_deadline), if !is_joined => {
                disconnect(said(|| tr!("serve-login-timeout"))).await;
                break false;
            }
            () = hang_up.notified() => {
                // Told goodbye (or too far behind): a moment to hang up.
                if tokio::time::timeout(HANG_UP_GRACE, &mut session).await.is_ok() {
                    break true;
                }
                disconnect(String::new()).await;
                break false;
            }
        }
    };
    if !ended {
        // The place stays taken while the session lives: at most until
        // russh's own inactivity backstop ends it.
        let backstop = shared.ssh.inactivity_timeout.unwrap_or(HANG_UP_GRACE);
        let _ = tokio::time::timeout(backstop, &mut session).await;
    }
}

/// Resolves once the server is stopping.
async fn stopped(signal: &mut watch::Receiver<bool>) {
    let _ = signal.wait_for(|stopping| *stopping).await;
}

/// One connection's russh handler.
struct Connection {
    shared: Arc<Shared>,
    id: ClientId,
    source: Source,
    /// The client's own address, for the keys' `from=`.
    address: IpAddr,
    admission: Option<Admission>,
    /// `--authorized-keys` is set and the client proved it holds one.
    key_verified: bool,
    /// The one session channel.
    channel: Option<ChannelId>,
    /// The pty's size, once asked for.
    pty: Option<(u16, u16)>,
    /// The locale variables the client sent.
    locale: LocaleEnv,
    /// The language they name, for the connection's task to say goodbye
    /// in (it cannot see the handler).
    language: Arc<Mutex<Option<Language>>>,
    /// The input task's mailbox, once joined.
    input: Option<mpsc::Sender<FromClient>>,
    /// Told when the client has joined.
    joined: Option<oneshot::Sender<()>>,
    /// Wakes the connection's task to hang up.
    hang_up: Arc<Notify>,
    /// Closed when the connection's task ends.
    ended: watch::Receiver<()>,
}

/// The locale variables a client sent, kept to choose its language.
#[derive(Debug, Default)]
struct LocaleEnv {
    all: Option<String>,
    messages: Option<String>,
    lang: Option<String>,
}

impl LocaleEnv {
    /// The most of a value kept: no locale name is longer.
    const MAX_VALUE: usize = 64;

    /// Keeps `name=value` when `name` is `LC_ALL`, `LC_MESSAGES` or `LANG`;
    /// whether it was one of them.
    fn set(&mut self, name: &str, value: &str) -> bool {
        let slot = match name {
            "LC_ALL" => &mut self.all,
            "LC_MESSAGES" => &mut self.messages,
            "LANG" => &mut self.lang,
            _ => return false,
        };
        *slot = Some(value.chars().take(Self::MAX_VALUE).collect());
        true
    }

    /// The language named by the first variable set and not empty, in
    /// POSIX order (`LC_ALL`, `LC_MESSAGES`, `LANG`); none for `C` or a
    /// language tandem does not speak.
    fn language(&self) -> Option<Language> {
        [&self.all, &self.messages, &self.lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty())
            .and_then(|value| Language::from_locale(value))
    }
}

/// What one login attempt brings.
#[derive(Clone, Copy)]
enum Attempt<'a> {
    /// Nothing ("none", or keyboard-interactive before its prompt).
    Bare,
    /// A key whose ownership russh has verified.
    Key(&'a PublicKey),
    /// A typed code (a password, or the answer to the prompt).
    Code(&'a str),
}

/// What the handler passes to the input task, in arrival order.
enum FromClient {
    Bytes(Vec<u8>),
    Resize(u16, u16),
}

/// A client-claimed size as the hub gets it: saturated, never allocated.
fn size(cols: u32, rows: u32) -> (u16, u16) {
    (
        u16::try_from(cols).unwrap_or(u16::MAX),
        u16::try_from(rows).unwrap_or(u16::MAX),
    )
}

impl Connection {
    fn is_blocked(&self) -> bool {
        let now = Instant::now();
        self.shared
            .lock()
            .failed
            .is_blocked(self.source, now, &self.shared.limits)
    }

    fn record_failure(&self) {
        let now = Instant::now();
        self.shared
            .lock()
            .failed
            .record(self.source, now, &self.shared.limits);
    }

    /// A refusal that ends the login: nothing left to try.
    fn refuse() -> Auth {
        Self::proceed_with(NOTHING_TO_TRY)
    }

    fn proceed_with(kinds: &[MethodKind]) -> Auth {
        Auth::Reject {
            proceed_with_methods: Some(methods(kinds)),
            partial_success: false,
        }
    }

    fn is_facilitator(user: &str) -> bool {
        user.eq_ignore_ascii_case(FACILITATOR_USER)
    }

    fn keys_required(&self) -> bool {
        self.shared.authorized_keys.is_some()
    }

    fn is_known_key(&self, key: &PublicKey) -> bool {
        self.shared
            .authorized_keys
            .as_deref()
            .is_some_and(|keys| is_authorized(keys, key, self.address))
    }

    /// Where a login that proved nothing may go next (no code was tried,
    /// so no failure is counted).
    fn other_ways(&self, user: &str) -> Auth {
        if self.keys_required() && !self.key_verified {
            Self::proceed_with(&[MethodKind::PublicKey])
        } else if Self::is_facilitator(user) {
            Self::proceed_with(PASSWORD_METHODS)
        } else {
            Self::proceed_with(&[MethodKind::None])
        }
    }

    /// The one rule of every login method: blocked sources are refused; with
    /// `--authorized-keys` a listed key comes first; then a room code is
    /// the user name, and the facilitator types the facilitator code.
    /// Every wrong code counts against the source.
    fn decide(&mut self, user: &str, attempt: Attempt<'_>) -> Auth {
        if self.is_blocked() {
            return Self::refuse();
        }
        if let Attempt::Key(key) = attempt {
            if !self.is_known_key(key) {
                return self.other_ways(user);
            }
            self.key_verified = true;
        }
        if self.keys_required() && !self.key_verified {
            return Self::proceed_with(&[MethodKind::PublicKey]);
        }
        if !Self::is_facilitator(user) {
            return match self.shared.codes.admit(user, None) {
                Some(admission) => self.admit(admission),
                None => {
                    self.record_failure();
                    Self::refuse()
                }
            };
        }
        match attempt {
            Attempt::Code(code) => match self.shared.codes.admit(user, Some(code)) {
                Some(admission) => self.admit(admission),
                None => {
                    self.record_failure();
                    if self.is_blocked() {
                        Self::refuse()
                    } else {
                        Self::proceed_with(PASSWORD_METHODS)
                    }
                }
            },
            Attempt::Key(_) => Auth::Reject {
                proceed_with_methods: Some(methods(PASSWORD_METHODS)),
                partial_success: true,
            },
            Attempt::Bare => Self::proceed_with(PASSWORD_METHODS),
        }
    }

    fn admit(&mut self, admission: Admission) -> Auth {
        self.admission = Some(admission);
        Auth::Accept
    }

    fn is_our_channel(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }

    /// Starts the client's tasks and tells the hub it joined.
    async fn join(&mut self, channel: ChannelId, session: &mut Session) {
        let Some(admission) = self.admission else {
            return;
        };
        let (output, receiver) = ClientOutput::channel();
        tokio::spawn(write_frames(
            receiver,
            session.handle(),
            channel,
            self.hang_up.clone(),
            self.ended.clone(),
        ));
        let language = self.locale.language();
        let Some((cols, rows)) = self.pty else {
            let farewell = {
                let _speaking = language.map(Language::speak);
                tr!("serve-needs-terminal")
            };
            output.close(&farewell);
            return;
        };
        let (input, mailbox) = mpsc::channel(64);
        let joined = ClientEvent::Joined {
            id: self.id,
            admission,
            cols,
            rows,
            language,
            output: output.clone(),
        };
        if self.shared.events.send(joined).await.is_err() {
            return;
        }
        self.input = Some(input);
        if let Some(joined) = self.joined.take() {
            let _ = joined.send(());
        }
        tokio::spawn(read_input(
            mailbox,
            self.id,
            self.shared.events.clone(),
            self.shared.limits.idle_timeout,
            language,
            output,
        ));
    }

    async fn pass_on(&mut self, message: FromClient) {
        if let Some(input) = &self.input
            && input.send(message).await.is_err()
        {
            self.input = None;
        }
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        Ok(self.decide(user, Attempt::Bare))
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only a listed key is worth its signature; nothing is decided yet.
        Ok(if self.is_known_key(offer.public_key) {
            Auth::Accept
        } else {
            self.other_ways(user)
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.decide(user, Attempt::Key(key.public_key)))
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.decide(user, Attempt::Code(password)))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(mut answers) = response else {
            let may_type = Self::is_facilitator(user)
                && !self.is_blocked()
                && (!self.keys_required() || self.key_verified);
            return Ok(if may_type {
                Auth::Partial {
                    name: "".into(),
                    instructions: "".into(),
                    prompts: vec![(tr!("serve-facilitator-prompt").into(), false)].into(),
                }
            } else {
                self.decide(user, Attempt::Bare)
            });
        };
        let code = answers
            .next()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        Ok(self.decide(user, Attempt::Code(&code)))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One interface per connection: a second channel is refused (by
        // dropping the reply).
        if self.channel.is_none() && self.admission.is_some() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_our_channel(channel) && self.input.is_none() {
            self.pty = Some(size(cols, rows));
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_our_channel(channel) || self.input.is_some() || self.joined.is_none() {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        self.join(channel, session).await;
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The locale chooses the client's language; nothing else is used
        // (the interface runs in the server).
        if self.is_our_channel(channel) && self.input.is_none() && self.locale.set(name, value) {
            *self.language.lock().unwrap_or_else(PoisonError::into_inner) = self.locale.language();
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_our_channel(channel) {
            return Ok(());
        }
        let (cols, rows) = size(cols, rows);
        if self.input.is_some() {
            self.pass_on(FromClient::Resize(cols, rows)).await;
        } else if self.pty.is_some() {
            self.pty = Some((cols, rows));
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_our_channel(channel) {
            self.pass_on(FromClient::Bytes(data.to_vec())).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channel_close(channel, session).await
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_our_channel(channel) {
            // The client is leaving: its input ends (and the hub hears it
            // left), and the connection hangs up.
            self.input = None;
            self.hang_up.notify_one();
        }
        Ok(())
    }
}

/// The client's writer task: the hub's frames, in order, as SSH data.
async fn write_frames(
    mut frames: OutputReceiver,
    handle: russh::server::Handle,
    channel: ChannelId,
    hang_up: Arc<Notify>,
    mut ended: watch::Receiver<()>,
) {
    let overflow = frames.overflow.clone();
    loop {
        let message = tokio::select! {
            message = frames.recv() => message,
            _ = ended.changed() => return,
            () = overflow.notified() => {
                hang_up.notify_one();
                return;
            }
        };
        match message {
            Some(Outgoing::Frame(bytes)) => {
                if handle.data(channel, bytes).await.is_err() {
                    return;
                }
            }
            Some(Outgoing::Close(farewell)) => {
                let last = format!("{RESTORE_TERMINAL}\r\n{farewell}\r\n");
                let _ = handle.data(channel, last.into_bytes()).await;
                // A clean end: OpenSSH's `ssh` then exits with 0, not 255.
                let _ = handle.exit_status_request(channel, 0).await;
                let _ = handle.eof(channel).await;
                let _ = handle.close(channel).await;
                hang_up.notify_one();
                return;
            }
            None => return,
        }
    }
}

/// The client's input task: bytes to key events (with the wait that tells
/// a lone Esc from a sequence), resizes, and the idle timeout; says
/// `Left` when the client's input ends.
async fn read_input(
    mut mailbox: mpsc::Receiver<FromClient>,
    id: ClientId,
    events: mpsc::Sender<ClientEvent>,
    idle_timeout: Duration,
    language: Option<Language>,
    output: ClientOutput,
) {
    let mut parser = InputParser::new();
    let mut idle_deadline = tokio::time::Instant::now() + idle_timeout;
    let mut esc_deadline: Option<tokio::time::Instant> = None;
    let mut told_idle = false;
    loop {
        let keys = tokio::select! {
            message = mailbox.recv() => {
                let Some(message) = message else { break };
                idle_deadline = tokio::time::Instant::now() + idle_timeout;
                match message {
                    FromClient::Bytes(bytes) => {
                        let keys = parser.feed(&bytes);
                        esc_deadline = parser
                            .needs_flush()
                            .then(|| tokio::time::Instant::now() + ESC_WAIT);
                        keys
                    }
                    FromClient::Resize(cols, rows) => {
                        let _ = events.send(ClientEvent::Resized { id, cols, rows }).await;
                        Vec::new()
                    }
                }
            }
            () = sleep_until_some(esc_deadline) => {
                esc_deadline = None;
                parser.flush_pending()
            }
            () = tokio::time::sleep_until(idle_deadline), if !told_idle => {
                told_idle = true;
                let minutes = idle_timeout.as_secs().div_ceil(60).to_string();
                let farewell = {
                    let _speaking = language.map(Language::speak);
                    tr!("serve-idle-farewell", minutes = minutes)
                };
                output.close(&farewell);
                Vec::new()
            }
        };
        for event in keys {
            let _ = events.send(ClientEvent::Input { id, event }).await;
        }
    }
    let _ = events.send(ClientEvent::Left { id }).await;
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until_some(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_first_locale_variable_set_chooses_the_language() {
        let tag = |env: &LocaleEnv| env.language().map(Language::tag);
        let mut env = LocaleEnv::default();
        assert_eq!(tag(&env), None, "nothing sent: the server's language");
        assert!(env.set("LANG", "fr_FR.UTF-8"));
        assert_eq!(tag(&env).as_deref(), Some("fr"));
        assert!(env.set("LC_MESSAGES", "en_GB.UTF-8"));
        assert_eq!(tag(&env).as_deref(), Some("en"), "LC_MESSAGES before LANG");
        assert!(env.set("LC_ALL", "C"));
        assert_eq!(tag(&env), None, "LC_ALL=C decides: the server's language");
        assert!(env.set("LC_ALL", ""));
        assert_eq!(tag(&env).as_deref(), Some("en"), "an empty one is not set");
        assert!(!env.set("PATH", "/bin"));
        assert!(!env.set("LC_TIME", "fr_FR.UTF-8"));
        assert!(env.set("LANG", &"x".repeat(10_000)));
        assert_eq!(
            env.lang.as_deref().map(str::len),
            Some(LocaleEnv::MAX_VALUE)
        );
    }

    #[test]
    fn claimed_sizes_saturate() {
        assert_eq!(size(0, 0), (0, 0));
        assert_eq!(size(80, 24), (80, 24));
        assert_eq!(size(10_000, 10_000), (10_000, 10_000));
        assert_eq!(size(u32::MAX, 70_000), (u16::MAX, u16::MAX));
    }

    #[tokio::test]
    async fn a_flush_sends_what_was_written_as_one_frame() {
        let (mut output, mut receiver) = ClientOutput::channel();
        output.write_all(b"hello ").unwrap();
        output.write_all(b"there").unwrap();
        output.flush().unwrap();
        output.flush().unwrap();
        output.close("bye");
        assert!(matches!(receiver.recv().await, Some(Outgoing::Frame(f)) if f == b"hello there"));
        assert!(matches!(receiver.recv().await, Some(Outgoing::Close(line)) if line == "bye"));
        drop(output);
        assert!(receiver.recv().await.is_none());
    }

    #[tokio::test]
    async fn a_client_too_far_behind_is_reported_and_its_frames_dropped() {
        let (mut output, receiver) = ClientOutput::channel();
        let frame = vec![b'x'; MAX_QUEUED_BYTES / 2];
        output.write_all(&frame).unwrap();
        output.flush().unwrap();
        output.write_all(&frame).unwrap();
        output.flush().unwrap();
        assert_eq!(
            receiver.queued_bytes.load(Ordering::Acquire),
            MAX_QUEUED_BYTES
        );
        output.write_all(b"one more").unwrap();
        output.flush().unwrap();
        assert_eq!(
            receiver.queued_bytes.load(Ordering::Acquire),
            MAX_QUEUED_BYTES
        );
        tokio::time::timeout(Duration::from_secs(1), receiver.overflowed())
            .await
            .expect("the overflow is told");
    }

    #[tokio::test]
    async fn writing_to_a_client_that_is_gone_is_no_error() {
        let (mut output, receiver) = ClientOutput::channel();
        drop(receiver);
        output.write_all(b"frame").unwrap();
        output.flush().unwrap();
        output.close("bye");
    }

    #[tokio::test]
    async fn received_frames_free_their_place_in_the_queue() {
        let (mut output, mut receiver) = ClientOutput::channel();
        output.write_all(&[0; 1000]).unwrap();
        output.flush().unwrap();
        assert_eq!(receiver.queued_bytes.load(Ordering::Acquire), 1000);
        receiver.recv().await.unwrap();
        assert_eq!(receiver.queued_bytes.load(Ordering::Acquire), 0);
    }
}
