//! A workshop's load on `tandem serve`, from 60 SSH clients on one machine:
//!
//! ```text
//! cargo build --release --example serve_load
//! target/release/examples/serve_load SERVER_STDOUT [--samples N] [--gap-ms M]
//! ```
//!
//! SERVER_STDOUT is what `tandem --lang en serve` printed (its "Room N:
//! ssh -p PORT CODE@HOST" lines). In every room an organizer, a partner and
//! an observer log in with the room code (SSH "none" login), ask for an
//! 80×24 pty, type a name and join their role; then the organizer starts
//! the round and every screen waits for the practice screen.
//!
//! Then N samples (default 200), one every M ms (default 75), spread over
//! the rooms in turn (a room's samples never overlap) and over the three
//! roles: one client keys a mark
//! digit, and the time until each of the room's two other screens shows
//! the room's new mark count ("Marks (k)") is one latency. Each screen is
//! a vt100 parser fed by the client's SSH reader, and the reader itself
//! notes the instant the text appears. Prints the median, p90 and max.
//!
//! Afterwards every client stays connected, its round running, until
//! stdin ends (the benchmark script measures the idle server meanwhile);
//! then it checks that every screen is still open and ticking, and hangs
//! up.

use std::net::{Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use russh::client::{self, Handle, Msg};
use russh::{ChannelMsg, ChannelWriteHalf, Disconnect};
use tokio::sync::{oneshot, watch};

/// Columns and rows of every client's terminal.
const COLS: u16 = 80;
const ROWS: u16 = 24;
const COLS_NZ: NonZeroU16 = NonZeroU16::new(COLS).unwrap();
const ROWS_NZ: NonZeroU16 = NonZeroU16::new(ROWS).unwrap();
/// The limit of every wait while setting up, and of every sample.
const WAIT: Duration = Duration::from_secs(10);
/// The three clients of a room, in the order they join.
const ROLES: [&str; 3] = ["organizer", "partner", "observer"];
/// Mark digits keyed in turn (the quick round has eight marks).
const MARK_DIGITS: u8 = 8;

struct Args {
    server_out: PathBuf,
    samples: usize,
    gap: Duration,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = std::env::args().skip(1);
    let mut server_out = None;
    let mut samples = 200;
    let mut gap = Duration::from_millis(75);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--samples" => samples = args.next().context("--samples N")?.parse()?,
            "--gap-ms" => gap = Duration::from_millis(args.next().context("--gap-ms M")?.parse()?),
            _ if server_out.is_none() => server_out = Some(PathBuf::from(arg)),
            other => bail!("unexpected argument {other}"),
        }
    }
    Ok(Args {
        server_out: server_out
            .context("usage: serve_load SERVER_STDOUT [--samples N] [--gap-ms M]")?,
        samples,
        gap,
    })
}

/// The server's address and the room codes, in room order, from the
/// "Room N: ssh -p PORT CODE@HOST" lines.
fn parse_rooms(text: &str) -> anyhow::Result<(SocketAddr, Vec<String>)> {
    let mut address = None;
    let mut codes = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("Room ")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "-p") else {
            continue;
        };
        let (Some(port), Some(target)) = (words.get(at + 1), words.get(at + 2)) else {
            continue;
        };
        let (code, host) = target.split_once('@').context("CODE@HOST")?;
        address = (host, port.parse::<u16>()?).to_socket_addrs()?.next();
        codes.push(code.to_owned());
    }
    match address {
        Some(address) if !codes.is_empty() => Ok((address, codes)),
        _ => bail!("no \"Room N: ssh -p PORT CODE@HOST\" line in the server's output"),
    }
}

/// Trusts any host key (the server is ours, on loopback).
struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A text a screen is waited for, and where to tell the instant it showed.
struct Expect {
    needle: String,
    seen: oneshot::Sender<Instant>,
}

/// What the reader task shares with the rest: the screen and the text
/// awaited on it.
struct Screen {
    parser: vt100::Parser,
    expect: Option<Expect>,
}

/// One participant's SSH connection with its interface open.
struct Client {
    name: String,
    handle: Handle<Trusting>,
    writer: ChannelWriteHalf<Msg>,
    screen: Arc<Mutex<Screen>>,
    /// Bumped at each data message; closed when the channel closes.
    changed: watch::Receiver<u64>,
    reader: tokio::task::JoinHandle<()>,
}

impl Client {
    /// Connects from `source`, logs in with `code` and opens an 80×24
    /// interface.
    async fn join(
        address: SocketAddr,
        source: Ipv4Addr,
        code: &str,
        name: String,
    ) -> anyhow::Result<Client> {
        let config = Arc::new(client::Config {
            inactivity_timeout: None,
            ..Default::default()
        });
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::new(source.into(), 0))?;
        let stream = socket.connect(address).await?;
        stream.set_nodelay(true)?;
        let mut handle = client::connect_stream(config, stream, Trusting).await?;
        if !handle.authenticate_none(code).await?.success() {
            bail!("{name}: the room code {code} was refused");
        }
        let channel = handle.channel_open_session().await?;
        channel
            .request_pty(false, "xterm-256color", COLS.into(), ROWS.into(), 0, 0, &[])
            .await?;
        channel.request_shell(false).await?;
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(ROWS_NZ, COLS_NZ, 0),
            expect: None,
        }));
        let (bump, changed) = watch::channel(0u64);
        let (mut read, writer) = channel.split();
        let shared = screen.clone();
        let reader = tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                match msg {
                    ChannelMsg::Data { data } => {
                        let now = Instant::now();
                        let mut screen = lock(&shared);
                        screen.parser.process(&data);
                        let shows = screen
                            .expect
                            .as_ref()
                            .is_some_and(|e| screen.parser.screen().contents().contains(&e.needle));
                        if shows && let Some(expect) = screen.expect.take() {
                            let _ = expect.seen.send(now);
                        }
                        drop(screen);
                        bump.send_modify(|n| *n += 1);
                    }
                    ChannelMsg::Close => break,
                    _ => {}
                }
            }
        });
        Ok(Client {
            name,
            handle,
            writer,
            screen,
            changed,
            reader,
        })
    }

    async fn send(&self, bytes: &[u8]) -> anyhow::Result<()> {
        self.writer
            .data_bytes(bytes.to_vec())
            .await
            .map_err(|_| anyhow::anyhow!("{}: the channel is closed", self.name))
    }

    fn contents(&self) -> String {
        lock(&self.screen).parser.screen().contents()
    }

    /// Waits until `check` holds for the screen's text.
    async fn wait_for(&mut self, what: &str, check: impl Fn(&str) -> bool) -> anyhow::Result<()> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if check(&self.contents()) {
                return Ok(());
            }
            match tokio::time::timeout_at(deadline, self.changed.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => bail!("{}: closed before {what}:\n{}", self.name, self.contents()),
                Err(_) => bail!(
                    "{}: no {what} within {WAIT:?}:\n{}",
                    self.name,
                    self.contents()
                ),
            }
        }
    }

    /// From now on, the instant the screen shows `needle` (at once if it
    /// already does).
    fn expect(&self, needle: String) -> oneshot::Receiver<Instant> {
        let (seen, when) = oneshot::channel();
        let mut screen = lock(&self.screen);
        if screen.parser.screen().contents().contains(&needle) {
            let _ = seen.send(Instant::now());
        } else {
            screen.expect = Some(Expect { needle, seen });
        }
        when
    }

    async fn hang_up(self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "")
            .await;
        self.reader.abort();
    }
}

fn lock(screen: &Mutex<Screen>) -> std::sync::MutexGuard<'_, Screen> {
    screen.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Seats an organizer, a partner and an observer in room `room` (one after
/// the other, so each takes the first open role), starts the round and
/// waits until all three see the practice screen.
///
/// A room's clients connect from a loopback address of their own,
/// 127.0.0.(10 + room), as people on other machines would: the server
/// allows 8 connections per address.
async fn fill_room(address: SocketAddr, room: usize, code: String) -> anyhow::Result<Vec<Client>> {
    let source = Ipv4Addr::new(
        127,
        0,
        0,
        u8::try_from(room + 10).context("at most 245 rooms")?,
    );
    let mut clients = Vec::new();
    for role in ROLES {
        let name = format!("{role}{}", room + 1);
        let mut client = Client::join(address, source, &code, name.clone()).await?;
        client
            .wait_for("the join screen", |s| s.contains("Your name"))
            .await?;
        client.send(name.as_bytes()).await?;
        client
            .wait_for("the typed name", |s| s.contains(&name))
            .await?;
        client.send(b"\r").await?;
        client
            .wait_for("the room", |s| !s.contains("Your name"))
            .await?;
        clients.push(client);
    }
    clients[0]
        .wait_for("the start prompt", |s| s.contains("Press Enter to start"))
        .await?;
    clients[0].send(b"\r").await?;
    for client in &mut clients {
        client
            .wait_for("the practice screen", |s| s.contains("Marks (0)"))
            .await?;
    }
    Ok(clients)
}

/// The value at quantile `q` of sorted `values` (nearest rank).
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn millis(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let text = std::fs::read_to_string(&args.server_out)
        .with_context(|| format!("cannot read {}", args.server_out.display()))?;
    let (address, codes) = parse_rooms(&text)?;
    let rooms = codes.len();

    let begun = Instant::now();
    let mut filling = tokio::task::JoinSet::new();
    for (room, code) in codes.into_iter().enumerate() {
        filling.spawn(async move { (room, fill_room(address, room, code).await) });
    }
    let mut by_room: Vec<Option<Vec<Client>>> = (0..rooms).map(|_| None).collect();
    while let Some(joined) = filling.join_next().await {
        let (room, clients) = joined?;
        by_room[room] = Some(clients.with_context(|| format!("room {}", room + 1))?);
    }
    let by_room: Vec<Vec<Client>> = by_room.into_iter().flatten().collect();
    println!(
        "serve_load: {} clients in {rooms} rooms, every round running ({:.1} s to set up)",
        rooms * ROLES.len(),
        begun.elapsed().as_secs_f64()
    );

    // The samples: room by room in turn, the keying role rotating.
    let by_room = Arc::new(by_room);
    let mut marks = vec![0usize; rooms];
    let turns: Vec<_> = (0..rooms)
        .map(|_| Arc::new(tokio::sync::Mutex::new(())))
        .collect();
    let mut ticks = tokio::time::interval(args.gap);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut sampling = tokio::task::JoinSet::new();
    for sample in 0..args.samples {
        ticks.tick().await;
        let room = sample % rooms;
        let keyer = (sample / rooms) % ROLES.len();
        marks[room] += 1;
        let count = marks[room];
        let digit = b'1' + ((count - 1) % usize::from(MARK_DIGITS)) as u8;
        let clients = by_room.clone();
        let turn = turns[room].clone();
        sampling.spawn(async move {
            // A room's samples never overlap (with few rooms and a short
            // gap, the next waits for the one before).
            let _turn = turn.lock().await;
            let room_clients = &clients[room];
            let needle = format!("Marks ({count})");
            let seen: Vec<_> = (0..ROLES.len())
                .filter(|&i| i != keyer)
                .map(|i| room_clients[i].expect(needle.clone()))
                .collect();
            let sent = Instant::now();
            room_clients[keyer].send(&[digit]).await?;
            let mut latencies = Vec::new();
            for when in seen {
                let at = tokio::time::timeout(WAIT, when)
                    .await
                    .with_context(|| format!("room {}: {needle} never showed", room + 1))??;
                latencies.push(at.saturating_duration_since(sent));
            }
            anyhow::Ok(latencies)
        });
    }
    let mut latencies = Vec::new();
    while let Some(sample) = sampling.join_next().await {
        latencies.extend(sample??);
    }
    latencies.sort();
    println!(
        "serve_load: key to the other screens, {} samples ({} screens), one key every {} ms",
        args.samples,
        latencies.len(),
        args.gap.as_millis()
    );
    println!(
        "latency_ms median {} p90 {} max {} min {}",
        millis(quantile(&latencies, 0.5)),
        millis(quantile(&latencies, 0.9)),
        millis(quantile(&latencies, 1.0)),
        millis(quantile(&latencies, 0.0)),
    );

    // Idle: hold every connection until stdin ends.
    println!(
        "serve_load: holding {} clients; close stdin to end",
        rooms * ROLES.len()
    );
    let (ended, stdin_ended) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = ended.send(());
    });
    let _ = stdin_ended.await;

    let Ok(by_room) = Arc::try_unwrap(by_room) else {
        bail!("a sample still holds the clients");
    };
    // Each still open, and its clock still counting: a second's change
    // shows within 3 s. Then it hangs up.
    let mut checks = tokio::task::JoinSet::new();
    for client in by_room.into_iter().flatten() {
        checks.spawn(async move {
            let before = client.contents();
            let mut probe = client.changed.clone();
            probe.mark_unchanged();
            let moved = tokio::time::timeout(Duration::from_secs(3), async {
                while probe.changed().await.is_ok() {
                    if client.contents() != before {
                        return true;
                    }
                }
                false
            })
            .await;
            client.hang_up().await;
            matches!(moved, Ok(true))
        });
    }
    let total = checks.len();
    let mut ticking = 0;
    while let Some(check) = checks.join_next().await {
        ticking += usize::from(check?);
    }
    println!("serve_load: {ticking} of {total} clients still connected, their clocks ticking");
    if ticking != total {
        bail!("some clients were closed or frozen during the idle phase");
    }
    Ok(())
}
