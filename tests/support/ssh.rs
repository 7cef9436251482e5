//! An SSH client for tests of `tandem serve`: it logs in as a participant
//! would (`ssh CODE@host`, or `facilitator@host` with the code as password),
//! asks for a pty and the interface, sends keys, and keeps what the server
//! draws in a vt100 screen.
//!
//! Everything is bounded: every wait has a limit and fails the test with the
//! screen it saw; a client that is dropped hangs up. Waits are woken by the
//! bytes that arrive, never by a fixed sleep.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use russh::client::{self, AuthResult, Handle, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKey};
use russh::{ChannelMsg, ChannelWriteHalf, Disconnect};
use tokio::sync::watch;

/// The default limit of a wait.
pub const WAIT: Duration = Duration::from_secs(5);

/// The largest screen the harness draws, whatever size it claims to the
/// server (a claimed 10000×10000 must not cost the test 100M cells).
const MAX_SCREEN: u16 = 400;

/// Trusts any host key, and remembers the one the server showed and
/// the message of its disconnect.
pub struct Trusting {
    host_key: Arc<Mutex<Option<PublicKey>>>,
    farewell: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        if let russh::keys::PublicKeyOrCertificate::PublicKey { key, .. } = key {
            *self.host_key.lock().unwrap_or_else(PoisonError::into_inner) = Some(key.clone());
        }
        Ok(true)
    }

    async fn disconnected(
        &mut self,
        reason: client::DisconnectReason<Self::Error>,
    ) -> Result<(), Self::Error> {
        match reason {
            client::DisconnectReason::ReceivedDisconnect(info) => {
                *self.farewell.lock().unwrap_or_else(PoisonError::into_inner) = Some(info.message);
                Ok(())
            }
            client::DisconnectReason::Error(err) => Err(err),
        }
    }
}

/// A connection after the handshake, before or after login.
pub struct Connection {
    pub handle: Handle<Trusting>,
    host_key: Arc<Mutex<Option<PublicKey>>>,
    farewell: Arc<Mutex<Option<String>>>,
}

impl Connection {
    /// The message of the server's disconnect, once it came.
    pub fn farewell(&self) -> Option<String> {
        self.farewell
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The host key the server showed.
    pub fn host_key(&self) -> Option<PublicKey> {
        self.host_key
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Logs in as `ssh` does with a room code: the "none" method.
    pub async fn login_none(&mut self, user: &str) -> Result<bool, russh::Error> {
        bounded("login", self.handle.authenticate_none(user))
            .await
            .map(|r| r.success())
    }

    /// Tries the "none" method; the whole answer, to see what the server
    /// offers next.
    pub async fn auth_none(&mut self, user: &str) -> AuthResult {
        bounded("login", self.handle.authenticate_none(user))
            .await
            .expect("the server answers a login")
    }

    /// Logs in with keyboard-interactive, answering the prompt (if one
    /// comes) with `answer`: whether it was admitted.
    pub async fn login_keyboard_interactive(&mut self, user: &str, answer: &str) -> bool {
        use russh::client::KeyboardInteractiveAuthResponse as Reply;
        let start = self
            .handle
            .authenticate_keyboard_interactive_start(user, None);
        match bounded("keyboard-interactive", start).await {
            Ok(Reply::Success) => true,
            Ok(Reply::InfoRequest { prompts, .. }) => {
                let answers = prompts.iter().map(|_| answer.to_owned()).collect();
                let respond = self
                    .handle
                    .authenticate_keyboard_interactive_respond(answers);
                matches!(
                    bounded("keyboard-interactive answer", respond).await,
                    Ok(Reply::Success)
                )
            }
            _ => false,
        }
    }

    /// Logs in with a password.
    pub async fn login_password(
        &mut self,
        user: &str,
        password: &str,
    ) -> Result<bool, russh::Error> {
        bounded(
            "password login",
            self.handle.authenticate_password(user, password),
        )
        .await
        .map(|r| r.success())
    }

    /// Logs in with a key; the whole answer, to see a partial success.
    pub async fn login_key(
        &mut self,
        user: &str,
        key: &PrivateKey,
    ) -> Result<AuthResult, russh::Error> {
        let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
        bounded("key login", self.handle.authenticate_publickey(user, key)).await
    }

    /// Asks for a pty of `cols`×`rows` and the interface.
    pub async fn open(self, cols: u32, rows: u32) -> Result<SshClient, String> {
        self.open_with_env(cols, rows, &[]).await
    }

    /// [`Connection::open`], sending each `(name, value)` first as
    /// OpenSSH's `SendEnv` does; each must be accepted.
    pub async fn open_with_env(
        self,
        cols: u32,
        rows: u32,
        env: &[(&str, &str)],
    ) -> Result<SshClient, String> {
        let mut channel = bounded("open a channel", self.handle.channel_open_session())
            .await
            .map_err(|err| format!("channel refused: {err}"))?;
        for (name, value) in env {
            channel
                .set_env(true, *name, *value)
                .await
                .map_err(|err| format!("env request not sent: {err}"))?;
            reply_to(&mut channel, &format!("env {name}"), &mut |_| {}).await?;
        }
        let screen = Arc::new(Mutex::new(vt100::Parser::new(clamp(rows), clamp(cols), 0)));
        let (arrived, watcher) = watch::channel(0u64);
        let mut raw = Vec::new();
        let take = |msg: &ChannelMsg, raw: &mut Vec<u8>| {
            if let ChannelMsg::Data { data } = msg {
                raw.extend_from_slice(data);
                screen
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .process(data);
            }
        };
        channel
            .request_pty(true, "xterm-256color", cols, rows, 0, 0, &[])
            .await
            .map_err(|err| format!("pty request not sent: {err}"))?;
        reply_to(&mut channel, "pty", &mut |m| take(m, &mut raw)).await?;
        channel
            .request_shell(true)
            .await
            .map_err(|err| format!("shell request not sent: {err}"))?;
        reply_to(&mut channel, "shell", &mut |m| take(m, &mut raw)).await?;
        let raw = Arc::new(Mutex::new(raw));
        let (mut reader, writer) = channel.split();
        let (screen_in, raw_in) = (screen.clone(), raw.clone());
        let reader = tokio::spawn(async move {
            while let Some(msg) = reader.wait().await {
                match msg {
                    ChannelMsg::Data { data } => {
                        raw_in
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .extend_from_slice(&data);
                        screen_in
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .process(&data);
                        arrived.send_modify(|n| *n += 1);
                    }
                    ChannelMsg::Close => break,
                    _ => {}
                }
            }
            // Closed: watchers learn it from the sender going away.
        });
        Ok(SshClient {
            connection: self,
            writer,
            screen,
            raw,
            watcher,
            reader,
        })
    }
}

/// The answer to the last request on `channel`: `Some(true)` for success,
/// `Some(false)` for failure, `None` if the channel closed.
pub async fn request_answer(channel: &mut russh::Channel<Msg>) -> Option<bool> {
    let answer = async {
        loop {
            match channel.wait().await {
                Some(ChannelMsg::Success) => return Some(true),
                Some(ChannelMsg::Failure) => return Some(false),
                Some(ChannelMsg::Close) | None => return None,
                Some(_) => {}
            }
        }
    };
    bounded("a request's answer", answer).await
}

/// Every byte `channel` receives until it closes, as text (lossy).
pub async fn read_until_closed(channel: &mut russh::Channel<Msg>) -> String {
    let mut received = Vec::new();
    let read = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => received.extend_from_slice(&data),
                ChannelMsg::Close => break,
                _ => {}
            }
        }
    };
    bounded("the channel's close", read).await;
    String::from_utf8_lossy(&received).into_owned()
}

/// Waits for the answer to a channel request, taking in any data on the way.
async fn reply_to(
    channel: &mut russh::Channel<Msg>,
    what: &str,
    take: &mut dyn FnMut(&ChannelMsg),
) -> Result<(), String> {
    let answer = async {
        loop {
            match channel.wait().await {
                Some(ChannelMsg::Success) => return Ok(()),
                Some(ChannelMsg::Failure) => return Err(format!("{what} request refused")),
                Some(ChannelMsg::Close) | None => {
                    return Err(format!("closed at the {what} request"));
                }
                Some(other) => take(&other),
            }
        }
    };
    tokio::time::timeout(WAIT, answer)
        .await
        .unwrap_or_else(|_| Err(format!("no answer to the {what} request within {WAIT:?}")))
}

fn clamp(size: u32) -> std::num::NonZeroU16 {
    let size = size.clamp(1, u32::from(MAX_SCREEN)) as u16;
    std::num::NonZeroU16::new(size).unwrap_or(std::num::NonZeroU16::MIN)
}

/// `future`, or a failed test when it takes longer than [`WAIT`].
async fn bounded<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(WAIT, future)
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer within {WAIT:?}"))
}

/// Connects to `address` and runs the handshake (no login yet).
pub async fn connect(address: SocketAddr) -> Result<Connection, russh::Error> {
    connect_from(address, None).await
}

/// [`connect`], from a chosen local address (e.g. 127.0.0.2, to stand for
/// another machine).
pub async fn connect_from(
    address: SocketAddr,
    local: Option<std::net::IpAddr>,
) -> Result<Connection, russh::Error> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(60)),
        ..Default::default()
    });
    let host_key = Arc::new(Mutex::new(None));
    let farewell = Arc::new(Mutex::new(None));
    let handler = Trusting {
        host_key: host_key.clone(),
        farewell: farewell.clone(),
    };
    let attempt = async {
        let socket = match local {
            Some(std::net::IpAddr::V4(ip)) => {
                let socket = tokio::net::TcpSocket::new_v4()?;
                socket.bind(SocketAddr::new(ip.into(), 0))?;
                socket
            }
            Some(std::net::IpAddr::V6(ip)) => {
                let socket = tokio::net::TcpSocket::new_v6()?;
                socket.bind(SocketAddr::new(ip.into(), 0))?;
                socket
            }
            None if address.is_ipv4() => tokio::net::TcpSocket::new_v4()?,
            None => tokio::net::TcpSocket::new_v6()?,
        };
        socket.connect(address).await
    };
    let stream = bounded("connect", attempt).await?;
    stream.set_nodelay(true)?;
    let handle = bounded("handshake", client::connect_stream(config, stream, handler)).await?;
    Ok(Connection {
        handle,
        host_key,
        farewell,
    })
}

/// Connects, logs in with the room `code` (or as `facilitator` with the
/// `password`) and opens a `cols`×`rows` interface; panics with the reason
/// if any step fails.
pub async fn join(
    address: SocketAddr,
    user: &str,
    password: Option<&str>,
    cols: u32,
    rows: u32,
) -> SshClient {
    let mut connection = connect(address).await.expect("connects");
    let admitted = match password {
        None => connection.login_none(user).await,
        Some(password) => connection.login_password(user, password).await,
    };
    assert!(
        matches!(admitted, Ok(true)),
        "{user} not admitted: {admitted:?}"
    );
    connection
        .open(cols, rows)
        .await
        .unwrap_or_else(|err| panic!("{user}: {err}"))
}

/// A logged-in client with its interface open.
pub struct SshClient {
    connection: Connection,
    writer: ChannelWriteHalf<Msg>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Bumped at each data message; closed when the channel closes.
    watcher: watch::Receiver<u64>,
    reader: tokio::task::JoinHandle<()>,
}

impl Drop for SshClient {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

impl SshClient {
    /// Sends `bytes` as one SSH data message (one packet).
    pub async fn send(&self, bytes: &[u8]) {
        bounded("send", self.writer.data_bytes(bytes.to_vec()))
            .await
            .expect("the channel takes data");
    }

    /// Tells the server the terminal is now `cols`×`rows`.
    pub async fn resize(&self, cols: u32, rows: u32) {
        bounded("resize", self.writer.window_change(cols, rows, 0, 0))
            .await
            .expect("the channel takes a window change");
        self.screen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen_mut()
            .set_size(clamp(rows), clamp(cols));
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        text_of(&self.screen)
    }

    /// Every byte received so far, as text (lossy).
    pub fn received(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap_or_else(PoisonError::into_inner))
            .into_owned()
    }

    /// Waits until `check` holds for the screen's text; fails the test
    /// with the screen after `limit`.
    pub async fn wait_for(&mut self, what: &str, limit: Duration, check: impl Fn(&str) -> bool) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if check(&self.contents()) {
                return;
            }
            match tokio::time::timeout_at(deadline, self.watcher.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => {
                    assert!(
                        check(&self.contents()),
                        "the channel closed before {what}; screen:\n{}",
                        self.contents()
                    );
                    return;
                }
                Err(_) => panic!("no {what} within {limit:?}; screen:\n{}", self.contents()),
            }
        }
    }

    /// Waits until the screen shows `text`.
    pub async fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?}"), WAIT, |screen| screen.contains(text))
            .await;
    }

    /// Waits until the server closes the channel; fails the test after
    /// `limit`.
    pub async fn wait_closed(&mut self, limit: Duration) {
        let closed = async { while self.watcher.changed().await.is_ok() {} };
        if tokio::time::timeout(limit, closed).await.is_err() {
            panic!("still open after {limit:?}; screen:\n{}", self.contents());
        }
    }

    /// Whether the server has closed the channel.
    pub fn is_closed(&self) -> bool {
        self.reader.is_finished()
    }

    /// The connection under the interface (to try more requests on it).
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// Hangs up.
    pub async fn disconnect(self) {
        let _ = bounded(
            "disconnect",
            self.connection
                .handle
                .disconnect(Disconnect::ByApplication, "", ""),
        )
        .await;
    }
}

/// The real OpenSSH client in a pty, run as a participant runs it, with
/// no config, no keys and no known hosts of the user's.
pub struct OpenSsh {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    writer: Box<dyn std::io::Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _home: tempfile::TempDir,
}

/// How often a wait on the OpenSSH client's screen looks again.
const POLL: Duration = Duration::from_millis(20);

fn pty_size(cols: u16, rows: u16) -> portable_pty::PtySize {
    portable_pty::PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl OpenSsh {
    /// Whether an `ssh` client is installed.
    pub fn available() -> bool {
        std::process::Command::new("ssh")
            .arg("-V")
            .output()
            .is_ok_and(|out| out.status.success())
    }

    /// Runs `ssh -p PORT USER@127.0.0.1` in a `cols`×`rows` pty.
    pub fn spawn(port: u16, user: &str, cols: u16, rows: u16) -> OpenSsh {
        let pair = portable_pty::native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("open a pty");
        let home = tempfile::tempdir().expect("a home for ssh");
        let mut cmd = portable_pty::CommandBuilder::new("ssh");
        cmd.args([
            "-F",
            "/dev/null",
            "-p",
            &port.to_string(),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "ConnectTimeout=5",
            &format!("{user}@127.0.0.1"),
        ]);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        let child = pair.slave.spawn_command(cmd).expect("spawn ssh");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            clamp(u32::from(rows)),
            clamp(u32::from(cols)),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Linux reports EIO on the master once ssh is gone: the end.
            while let Ok(n @ 1..) = std::io::Read::read(&mut reader, &mut buf) {
                parser
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .process(&buf[..n]);
            }
        });
        OpenSsh {
            child,
            master: pair.master,
            writer,
            screen,
            _home: home,
        }
    }

    /// Types `bytes`.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Resizes the terminal (ssh passes it on as a window change).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen_mut()
            .set_size(clamp(u32::from(rows)), clamp(u32::from(cols)));
        self.master
            .resize(pty_size(cols, rows))
            .expect("resize the pty");
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        text_of(&self.screen)
    }

    /// Waits until the screen shows `text`; fails the test with the screen
    /// after [`WAIT`].
    #[track_caller]
    pub fn wait_for(&self, text: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        while !self.contents().contains(text) {
            assert!(
                std::time::Instant::now() < deadline,
                "no {text:?} within {WAIT:?}; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits for ssh to exit; its exit code.
    #[track_caller]
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll ssh") {
                return status.exit_code();
            }
            if std::time::Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "ssh still running after {WAIT:?}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for OpenSsh {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The text a client's screen shows now.
fn text_of(screen: &Mutex<vt100::Parser>) -> String {
    screen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .screen()
        .contents()
}
