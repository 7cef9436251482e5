//! `tandem serve`'s transport against real SSH clients on 127.0.0.1, with a
//! tiny echo hub in place of the rooms: it answers `Joined` with a banner
//! (admission and size), prints each key event it receives, and writes a
//! journal of every event for the tests to read.

mod support;

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode};
use russh::MethodKind;
use russh::client::AuthResult;
use russh::keys::{Algorithm, PrivateKey, PublicKey};
use support::ssh::{self, OpenSsh, SshClient, WAIT};
use tandem::serve::codes::JoinCodes;
use tandem::serve::from_patterns::FromPatterns;
use tandem::serve::host_key::AuthorizedKey;
use tandem::serve::limits::Limits;
use tandem::serve::transport::{ClientEvent, ClientId, ClientOutput, Transport, TransportConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

/// Limits for tests: the defaults, with a short rejection delay so that
/// refused logins do not slow the suite.
fn test_limits() -> Limits {
    Limits {
        auth_rejection_delay: Duration::from_millis(10),
        ..Limits::default()
    }
}

/// A running transport with its echo hub.
struct Server {
    address: SocketAddr,
    codes: Arc<JoinCodes>,
    host_key: PublicKey,
    journal: mpsc::UnboundedReceiver<String>,
    stop: Option<oneshot::Sender<()>>,
    serving: tokio::task::JoinHandle<()>,
}

impl Server {
    async fn start(limits: Limits, authorized_keys: Option<Vec<AuthorizedKey>>) -> Server {
        let host_key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
        let public = host_key.public_key().clone();
        let config = TransportConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            host_key,
            authorized_keys,
            limits,
        };
        let transport = Transport::bind(config).await.expect("binds");
        let address = transport.local_addr();
        let codes = Arc::new(JoinCodes::generate(2).unwrap());
        let (events, hub_events) = mpsc::channel(64);
        let (journal_in, journal) = mpsc::unbounded_channel();
        tokio::spawn(echo_hub(hub_events, journal_in));
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = tokio::spawn(transport.serve(codes.clone(), events, async {
            let _ = stopped.await;
        }));
        Server {
            address,
            codes,
            host_key: public,
            journal,
            stop: Some(stop),
            serving,
        }
    }

    fn room(&self, index: usize) -> &str {
        &self.codes.rooms[index]
    }

    /// Reads the journal until a line `check` accepts; fails after [`WAIT`].
    async fn expect(&mut self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let mut seen = Vec::new();
        let found = tokio::time::timeout(WAIT, async {
            while let Some(line) = self.journal.recv().await {
                if check(&line) {
                    return Some(line);
                }
                seen.push(line);
            }
            None
        })
        .await;
        match found {
            Ok(Some(line)) => line,
            _ => panic!("the hub never saw {what}; it saw {seen:#?}"),
        }
    }

    /// Stops the server and waits for `serve` to return.
    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(WAIT, &mut self.serving)
            .await
            .expect("serve returns after the shutdown")
            .unwrap();
    }
}

/// A key event as the echo hub prints it: `Up`, `Char('a')`, `Char('c')+CONTROL`.
fn describe(event: &Event) -> String {
    match event {
        Event::Key(key) if key.modifiers.is_empty() => format!("{:?}", key.code),
        Event::Key(key) => format!("{:?}+{:?}", key.code, key.modifiers),
        Event::Paste(text) => format!("Paste({text:?})"),
        other => format!("{other:?}"),
    }
}

/// Answers `Joined` with a banner, echoes keys, closes on `q`, and writes a
/// journal line for every event.
async fn echo_hub(mut events: mpsc::Receiver<ClientEvent>, journal: mpsc::UnboundedSender<String>) {
    let mut outputs: HashMap<ClientId, ClientOutput> = HashMap::new();
    while let Some(event) = events.recv().await {
        let line = match event {
            ClientEvent::Joined {
                id,
                admission,
                cols,
                rows,
                language,
                mut output,
            } => {
                let mut line = format!("joined {admission:?} {cols}x{rows}");
                if let Some(language) = language {
                    line.push_str(&format!(" in {}", language.tag()));
                }
                let _ = write!(output, "{line}\r\n");
                let _ = output.flush();
                outputs.insert(id, output);
                line
            }
            ClientEvent::Input { id, event } => {
                let line = format!("key {}", describe(&event));
                if let Some(output) = outputs.get_mut(&id) {
                    let _ = write!(output, "{line}\r\n");
                    let _ = output.flush();
                    if matches!(event, Event::Key(key) if key.code == KeyCode::Char('q')) {
                        output.close("bye from the hub");
                    }
                }
                line
            }
            ClientEvent::Resized { id, cols, rows } => {
                let line = format!("resized {cols}x{rows}");
                if let Some(output) = outputs.get_mut(&id) {
                    let _ = write!(output, "{line}\r\n");
                    let _ = output.flush();
                }
                line
            }
            ClientEvent::Left { id } => {
                outputs.remove(&id);
                "left".to_owned()
            }
        };
        let _ = journal.send(line);
    }
}

async fn join_room(server: &Server, room: usize, cols: u32, rows: u32) -> SshClient {
    ssh::join(server.address, server.room(room), None, cols, rows).await
}

/// The methods a refused login may go on with.
fn remaining(result: &AuthResult) -> Vec<MethodKind> {
    match result {
        AuthResult::Success => panic!("admitted"),
        AuthResult::Failure {
            remaining_methods, ..
        } => remaining_methods.iter().copied().collect(),
    }
}

#[tokio::test]
async fn a_room_code_joins_with_its_admission_and_size() {
    let mut server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 1, 100, 30).await;
    client.wait_for_text("joined Room(1) 100x30").await;
    server
        .expect("the join", |l| l == "joined Room(1) 100x30")
        .await;
    assert_eq!(
        client
            .connection()
            .host_key()
            .as_ref()
            .map(|k| k.key_data()),
        Some(server.host_key.key_data())
    );
    client.disconnect().await;
    server.expect("the leave", |l| l == "left").await;
    server.stop().await;
}

#[tokio::test]
async fn a_leave_comes_after_every_key_of_the_client() {
    let mut server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 0, 80, 24).await;
    client.wait_for_text("joined").await;
    server.expect("the join", |l| l.starts_with("joined")).await;
    client.send(b"abc").await;
    client.disconnect().await;
    for expected in ["key Char('a')", "key Char('b')", "key Char('c')", "left"] {
        let line = server.expect(expected, |_| true).await;
        assert_eq!(line, expected);
    }
    server.stop().await;
}

#[tokio::test]
async fn keys_arrive_as_key_events() {
    let server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 0, 80, 24).await;
    client.wait_for_text("joined Room(0)").await;
    client.send(b"\r").await;
    client.wait_for_text("key Enter").await;
    // An arrow split across two packets is one Up.
    client.send(b"\x1b[").await;
    client.send(b"A").await;
    client.wait_for_text("key Up").await;
    client.send(b"\x03").await;
    client
        .wait_for_text("key Char('c')+KeyModifiers(CONTROL)")
        .await;
    let euro = "€".as_bytes();
    client.send(&euro[..1]).await;
    client.send(&euro[1..]).await;
    client.wait_for_text("key Char('€')").await;
    // A lone Esc is the Esc key once no more bytes come.
    client.send(b"\x1b").await;
    client.wait_for_text("key Esc").await;
    client.send(b"\x7f").await;
    client.wait_for_text("key Backspace").await;
    assert!(
        !client.contents().contains("key Char('[')"),
        "{}",
        client.contents()
    );
    server.stop().await;
}

#[tokio::test]
async fn a_resize_reaches_the_hub() {
    let mut server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 0, 80, 24).await;
    client.wait_for_text("joined").await;
    client.resize(120, 40).await;
    client.wait_for_text("resized 120x40").await;
    server.expect("the resize", |l| l == "resized 120x40").await;
    server.stop().await;
}

#[tokio::test]
async fn claimed_sizes_reach_the_hub_saturated_and_nothing_breaks() {
    let mut server = Server::start(test_limits(), None).await;
    let empty = join_room(&server, 0, 0, 0).await;
    server
        .expect("a 0×0 join", |l| l == "joined Room(0) 0x0")
        .await;
    let mut huge = join_room(&server, 1, 10_000, 10_000).await;
    server
        .expect("a 10000×10000 join", |l| l == "joined Room(1) 10000x10000")
        .await;
    huge.resize(u32::MAX, 70_000).await;
    server
        .expect("a saturated resize", |l| l == "resized 65535x65535")
        .await;
    // Both still served.
    huge.send(b"x").await;
    huge.wait_for_text("key Char('x')").await;
    drop(empty);
    let mut other = join_room(&server, 0, 80, 24).await;
    other.wait_for_text("joined Room(0) 80x24").await;
    server.stop().await;
}

#[tokio::test]
async fn the_hub_can_close_a_client_with_a_farewell() {
    let mut server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 0, 80, 24).await;
    client.wait_for_text("joined").await;
    client.send(b"q").await;
    client.wait_closed(WAIT).await;
    assert!(
        client.received().contains("bye from the hub"),
        "{:?}",
        client.received()
    );
    // The terminal is put back before the farewell.
    assert!(
        client.received().contains("\x1b[?1049l"),
        "{:?}",
        client.received()
    );
    server.expect("the leave", |l| l == "left").await;
    server.stop().await;
}

#[tokio::test]
async fn a_wrong_code_is_refused_with_nothing_else_to_try() {
    let server = Server::start(test_limits(), None).await;
    let mut connection = ssh::connect(server.address).await.unwrap();
    let result = connection.auth_none("aaaa-bbbb-cccc").await;
    assert_eq!(remaining(&result), vec![MethodKind::HostBased]);
    // The facilitator's code is no room code.
    let mut connection = ssh::connect(server.address).await.unwrap();
    let result = connection
        .auth_none(&server.codes.facilitator.clone())
        .await;
    assert!(!result.success());
    server.stop().await;
}

#[tokio::test]
async fn the_facilitator_needs_the_facilitator_code() {
    let mut server = Server::start(test_limits(), None).await;
    let mut connection = ssh::connect(server.address).await.unwrap();
    let probe = connection.auth_none("facilitator").await;
    let methods = remaining(&probe);
    assert!(methods.contains(&MethodKind::Password), "{methods:?}");
    assert!(
        methods.contains(&MethodKind::KeyboardInteractive),
        "{methods:?}"
    );
    assert_eq!(
        connection.login_password("facilitator", "wrong").await.ok(),
        Some(false)
    );
    assert_eq!(
        connection
            .login_password("facilitator", server.room(0))
            .await
            .ok(),
        Some(false)
    );
    let code = server.codes.facilitator.clone();
    assert_eq!(
        connection.login_password("facilitator", &code).await.ok(),
        Some(true)
    );
    let mut client = connection.open(90, 30).await.unwrap();
    client.wait_for_text("joined Facilitator 90x30").await;
    server
        .expect("the facilitator", |l| l == "joined Facilitator 90x30")
        .await;
    server.stop().await;
}

#[tokio::test]
async fn the_facilitator_can_type_the_code_at_a_keyboard_interactive_prompt() {
    let server = Server::start(test_limits(), None).await;
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert!(
        !connection
            .login_keyboard_interactive("facilitator", "wrong")
            .await
    );
    let code = server.codes.facilitator.clone();
    assert!(
        connection
            .login_keyboard_interactive("facilitator", &code)
            .await
    );
    server.stop().await;
}

#[tokio::test]
async fn a_room_code_joins_by_any_method_ssh_may_try() {
    let server = Server::start(test_limits(), None).await;
    let room = server.room(1).to_owned();
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert_eq!(
        connection.login_password(&room, "anything").await.ok(),
        Some(true)
    );
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert!(
        connection
            .login_keyboard_interactive(&room, "anything")
            .await
    );
    // A key offered without --authorized-keys proves nothing: go on with "none".
    let mut connection = ssh::connect(server.address).await.unwrap();
    let offered = connection.login_key(&room, &client_key()).await.unwrap();
    assert_eq!(remaining(&offered), vec![MethodKind::None]);
    assert_eq!(connection.login_none(&room).await.ok(), Some(true));
    // A wrong code fails by every method.
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert_eq!(
        connection.login_password("aaaa-bbbb-cccc", "x").await.ok(),
        Some(false)
    );
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert!(
        !connection
            .login_keyboard_interactive("aaaa-bbbb-cccc", "x")
            .await
    );
    server.stop().await;
}

#[tokio::test]
async fn exec_subsystems_forwarding_and_a_second_channel_are_refused() {
    let server = Server::start(test_limits(), None).await;
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert_eq!(connection.login_none(server.room(0)).await.ok(), Some(true));
    let handle = &connection.handle;

    let mut exec = handle.channel_open_session().await.unwrap();
    exec.exec(true, "cat /etc/passwd").await.unwrap();
    assert_eq!(ssh::request_answer(&mut exec).await, Some(false), "exec");
    exec.request_subsystem(true, "sftp").await.unwrap();
    assert_eq!(
        ssh::request_answer(&mut exec).await,
        Some(false),
        "subsystem"
    );
    exec.request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .unwrap();
    assert_eq!(ssh::request_answer(&mut exec).await, Some(false), "x11");
    exec.agent_forward(true).await.unwrap();
    assert_eq!(ssh::request_answer(&mut exec).await, Some(false), "agent");

    // The connection's one session channel is taken: no second one.
    let second = tokio::time::timeout(WAIT, handle.channel_open_session())
        .await
        .unwrap();
    assert!(second.is_err(), "a second session channel was opened");

    let forward = tokio::time::timeout(WAIT, handle.tcpip_forward("127.0.0.1", 0))
        .await
        .unwrap();
    assert!(
        forward.is_err(),
        "remote forwarding was accepted: {forward:?}"
    );
    let direct = tokio::time::timeout(
        WAIT,
        handle.channel_open_direct_tcpip(
            "127.0.0.1",
            u32::from(server.address.port()),
            "127.0.0.1",
            4000,
        ),
    )
    .await
    .unwrap();
    assert!(direct.is_err(), "local forwarding was accepted");
    server.stop().await;
}

#[tokio::test]
async fn a_shell_without_a_pty_is_told_to_ask_for_a_terminal() {
    let mut server = Server::start(test_limits(), None).await;
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert_eq!(connection.login_none(server.room(0)).await.ok(), Some(true));
    let mut channel = connection.handle.channel_open_session().await.unwrap();
    channel.request_shell(true).await.unwrap();
    let received = ssh::read_until_closed(&mut channel).await;
    assert!(received.contains("ssh -t"), "{received:?}");
    // The hub never heard of it.
    let mut client = join_room(&server, 1, 80, 24).await;
    client.wait_for_text("joined").await;
    let first = server.expect("any event", |_| true).await;
    assert_eq!(first, "joined Room(1) 80x24");
    server.stop().await;
}

#[tokio::test]
async fn garbage_and_half_handshakes_harm_no_one() {
    let server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 0, 80, 24).await;
    client.wait_for_text("joined").await;
    for garbage in [
        &b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"[..],
        b"SSH-2.0-evil\r\n\x00\x00\xff\xff\xff\xff\x0a\x14garbage garbage garbage",
        b"SSH-2.0-x\r\n",
        &[0xff; 4096][..],
    ] {
        // Sent, then hung up on mid-handshake.
        let mut raw = tokio::net::TcpStream::connect(server.address)
            .await
            .unwrap();
        let _ = raw.write_all(garbage).await;
    }
    // A packet length far past any limit is refused rather than allocated.
    let mut raw = tokio::net::TcpStream::connect(server.address)
        .await
        .unwrap();
    raw.write_all(b"SSH-2.0-x\r\n\xff\xff\xff\xf0\x00")
        .await
        .unwrap();
    let mut sink = Vec::new();
    tokio::time::timeout(WAIT, raw.read_to_end(&mut sink))
        .await
        .expect("the server hangs up on a hostile packet")
        .ok();
    client.send(b"z").await;
    client.wait_for_text("key Char('z')").await;
    let mut other = join_room(&server, 1, 80, 24).await;
    other.wait_for_text("joined Room(1)").await;
    server.stop().await;
}

#[tokio::test]
async fn a_flood_of_wrong_codes_is_refused_without_harming_a_joined_client() {
    let mut server = Server::start(test_limits(), None).await;
    let mut joined = join_room(&server, 0, 80, 24).await;
    joined.wait_for_text("joined Room(0)").await;
    server.expect("the join", |l| l.starts_with("joined")).await;

    let address = server.address;
    let mut flood = tokio::task::JoinSet::new();
    for attempt in 0..200 {
        flood.spawn(async move {
            let code = format!("wrong-code-{attempt:03}");
            match ssh::connect(address).await {
                // Over the per-address cap: dropped before the handshake.
                Err(_) => false,
                Ok(mut connection) => matches!(connection.login_none(&code).await, Ok(true)),
            }
        });
        if attempt % 20 == 19 {
            // Meanwhile the joined client is served as before.
            let key = char::from(b'a' + (attempt / 20) as u8);
            joined.send(key.to_string().as_bytes()).await;
            joined.wait_for_text(&format!("key Char('{key}')")).await;
        }
    }
    let mut refused = 0;
    while let Some(admitted) = flood.join_next().await {
        assert!(!admitted.unwrap(), "a wrong code was admitted");
        refused += 1;
    }
    assert_eq!(refused, 200);

    joined.send(b"!").await;
    joined.wait_for_text("key Char('!')").await;
    // The flooding address is blocked for now, even with a right code...
    let mut blocked = connect_when_free(address, None).await;
    assert_eq!(blocked.login_none(server.room(1)).await.ok(), Some(false));
    // ...while another address still joins.
    let local = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    let mut connection = ssh::connect_from(address, Some(local)).await.unwrap();
    assert_eq!(connection.login_none(server.room(1)).await.ok(), Some(true));
    let mut newcomer = connection.open(80, 24).await.unwrap();
    newcomer.wait_for_text("joined Room(1)").await;
    server.stop().await;
}

#[tokio::test]
async fn connections_are_capped_per_address_and_in_all() {
    let limits = Limits {
        max_clients: 3,
        max_per_address: 2,
        ..test_limits()
    };
    let server = Server::start(limits, None).await;
    let mut first = join_room(&server, 0, 80, 24).await;
    let second = join_room(&server, 1, 80, 24).await;
    first.wait_for_text("joined").await;
    // A third from the same address is dropped before the handshake.
    assert!(ssh::connect(server.address).await.is_err());
    let elsewhere = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));
    let third = ssh::connect_from(server.address, Some(elsewhere))
        .await
        .unwrap();
    // The server is full now, whatever the address.
    let fourth = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 4));
    assert!(
        ssh::connect_from(server.address, Some(fourth))
            .await
            .is_err()
    );
    // A place freed is a place taken again.
    second.disconnect().await;
    drop(third);
    connect_when_free(server.address, Some(fourth)).await;
    server.stop().await;
}

/// Connects from `local`, again while the server has not yet freed a
/// place (it frees it once it has seen the hang-up).
async fn connect_when_free(address: SocketAddr, local: Option<IpAddr>) -> ssh::Connection {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match ssh::connect_from(address, local).await {
            Ok(connection) => return connection,
            Err(err) if tokio::time::Instant::now() > deadline => {
                panic!("no place within {WAIT:?}: {err}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

fn client_key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap()
}

/// `key`, authorized from any address.
fn anywhere(key: &PrivateKey) -> AuthorizedKey {
    AuthorizedKey {
        key: key.public_key().clone(),
        from: None,
    }
}

#[tokio::test]
async fn a_key_is_admitted_only_from_the_addresses_of_its_from_option() {
    let elsewhere = client_key();
    let here = client_key();
    let keys = vec![
        AuthorizedKey {
            from: Some(FromPatterns::parse("10.0.0.0/8").unwrap()),
            ..anywhere(&elsewhere)
        },
        AuthorizedKey {
            from: Some(FromPatterns::parse("127.0.0.*,!127.0.0.2").unwrap()),
            ..anywhere(&here)
        },
    ];
    let server = Server::start(test_limits(), Some(keys)).await;
    let room = server.room(0).to_owned();
    let mut connection = ssh::connect(server.address).await.unwrap();
    let refused = connection.login_key(&room, &elsewhere).await.unwrap();
    assert!(!refused.success(), "{refused:?}");
    let mut connection = ssh::connect(server.address).await.unwrap();
    let admitted = connection.login_key(&room, &here).await.unwrap();
    assert!(admitted.success(), "{admitted:?}");
    // The same key from a refused address (127.0.0.2 is loopback too).
    let other = Some("127.0.0.2".parse().unwrap());
    let mut connection = ssh::connect_from(server.address, other).await.unwrap();
    let refused = connection.login_key(&room, &here).await.unwrap();
    assert!(!refused.success(), "{refused:?}");
    server.stop().await;
}

#[tokio::test]
async fn with_authorized_keys_only_a_listed_key_is_admitted() {
    let listed = client_key();
    let stranger = client_key();
    let server = Server::start(test_limits(), Some(vec![anywhere(&listed)])).await;
    let room = server.room(0).to_owned();

    // The code alone is not enough.
    let mut connection = ssh::connect(server.address).await.unwrap();
    let probe = connection.auth_none(&room).await;
    assert_eq!(remaining(&probe), vec![MethodKind::PublicKey]);
    // Another key is refused.
    let refused = connection.login_key(&room, &stranger).await.unwrap();
    assert!(!refused.success(), "{refused:?}");
    // The listed key with a wrong code is refused.
    let mut connection = ssh::connect(server.address).await.unwrap();
    let wrong = connection
        .login_key("aaaa-bbbb-cccc", &listed)
        .await
        .unwrap();
    assert!(!wrong.success(), "{wrong:?}");
    // The listed key with the code joins.
    let mut connection = ssh::connect(server.address).await.unwrap();
    let admitted = connection.login_key(&room, &listed).await.unwrap();
    assert!(admitted.success(), "{admitted:?}");
    let mut client = connection.open(80, 24).await.unwrap();
    client.wait_for_text("joined Room(0)").await;

    // The facilitator needs both the key and the code.
    let mut connection = ssh::connect(server.address).await.unwrap();
    let code = server.codes.facilitator.clone();
    assert_eq!(
        connection.login_password("facilitator", &code).await.ok(),
        Some(false)
    );
    let partial = connection.login_key("facilitator", &listed).await.unwrap();
    assert!(
        matches!(
            partial,
            AuthResult::Failure {
                partial_success: true,
                ..
            }
        ),
        "{partial:?}"
    );
    assert_eq!(
        connection.login_password("facilitator", &code).await.ok(),
        Some(true)
    );
    server.stop().await;
}

/// An idle client is closed and told why, in the language its locale
/// names (a French one here) or the server's.
#[tokio::test]
async fn an_idle_client_is_closed_and_told_why_in_its_language() {
    let limits = Limits {
        idle_timeout: Duration::from_millis(400),
        ..test_limits()
    };
    let mut server = Server::start(limits, None).await;
    let mut english = join_room(&server, 0, 80, 24).await;
    server
        .expect("the join", |l| l == "joined Room(0) 80x24")
        .await;
    let mut connection = ssh::connect(server.address).await.expect("connects");
    assert!(matches!(
        connection.login_none(server.room(0)).await,
        Ok(true)
    ));
    let mut french = connection
        .open_with_env(80, 24, &[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "")])
        .await
        .expect("locale variables are accepted");
    server
        .expect("a French join", |l| l == "joined Room(0) 80x24 in fr")
        .await;
    for (client, said) in [
        (&mut english, "without a key"),
        (&mut french, "sans une touche"),
    ] {
        client.wait_closed(WAIT).await;
        assert!(client.received().contains(said), "{:?}", client.received());
    }
    // At least the French client's leave is still to come (the English
    // one's may have passed while the French join was awaited).
    server.expect("a leave", |l| l == "left").await;
    server.stop().await;
}

#[tokio::test]
async fn a_connection_that_never_logs_in_is_closed() {
    let limits = Limits {
        // Long enough for a handshake and a login on a loaded machine.
        login_timeout: Duration::from_millis(1500),
        ..test_limits()
    };
    let server = Server::start(limits, None).await;
    let mut raw = tokio::net::TcpStream::connect(server.address)
        .await
        .unwrap();
    let mut received = Vec::new();
    tokio::time::timeout(WAIT, raw.read_to_end(&mut received))
        .await
        .expect("the server hangs up")
        .ok();
    assert!(received.starts_with(b"SSH-2.0-tandem_"), "{received:?}");
    // Logged in but never asking for the interface: closed too.
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert_eq!(connection.login_none(server.room(0)).await.ok(), Some(true));
    tokio::time::timeout(WAIT, async {
        while !connection.handle.is_closed() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the server hangs up on a client that never opens the interface");
    assert!(
        connection.farewell().as_deref() == Some("too long to log in"),
        "{:?}",
        connection.farewell()
    );
    // One that said its locale hears why in its language.
    let mut connection = ssh::connect(server.address).await.unwrap();
    assert_eq!(connection.login_none(server.room(0)).await.ok(), Some(true));
    let channel = connection.handle.channel_open_session().await.unwrap();
    channel.set_env(true, "LANG", "fr_FR.UTF-8").await.unwrap();
    tokio::time::timeout(WAIT, async {
        while !connection.handle.is_closed() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the server hangs up");
    assert_eq!(
        connection.farewell().as_deref(),
        Some("connexion trop longue")
    );
    server.stop().await;
}

#[tokio::test]
async fn stopping_the_server_hangs_up_on_every_client() {
    let mut server = Server::start(test_limits(), None).await;
    let mut client = join_room(&server, 0, 80, 24).await;
    client.wait_for_text("joined").await;
    server.expect("the join", |l| l.starts_with("joined")).await;
    let address = server.address;
    let journal = {
        let Server {
            journal,
            stop,
            serving,
            ..
        } = server;
        let _ = stop.unwrap().send(());
        tokio::time::timeout(WAIT, serving)
            .await
            .expect("serve returns")
            .unwrap();
        journal
    };
    client.wait_closed(WAIT).await;
    let mut journal = journal;
    let left = tokio::time::timeout(WAIT, journal.recv())
        .await
        .expect("the hub hears it");
    assert_eq!(left.as_deref(), Some("left"));
    assert!(
        tokio::net::TcpStream::connect(address).await.is_err(),
        "still listening"
    );
}

#[test]
fn the_openssh_client_joins_types_resizes_and_hears_goodbye() {
    if !OpenSsh::available() {
        eprintln!("skipped: no ssh client installed");
        return;
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut server = runtime.block_on(Server::start(test_limits(), None));
    let port = server.address.port();

    let mut participant = OpenSsh::spawn(port, &server.codes.rooms[0], 100, 30);
    participant.wait_for("joined Room(0) 100x30");
    participant.send(b"\x1b[Ah\r");
    participant.wait_for("key Up");
    participant.wait_for("key Char('h')");
    participant.wait_for("key Enter");
    participant.resize(120, 40);
    participant.wait_for("resized 120x40");
    participant.send(b"q");
    participant.wait_for("bye from the hub");
    assert_eq!(participant.wait_exit(), 0);
    runtime.block_on(server.expect("the leave", |l| l == "left"));

    // The facilitator types the code at the prompt.
    let mut facilitator = OpenSsh::spawn(port, "facilitator", 90, 30);
    facilitator.wait_for("Facilitator code:");
    facilitator.send(format!("{}\r", server.codes.facilitator).as_bytes());
    facilitator.wait_for("joined Facilitator 90x30");

    // A wrong code: refused, with no password asked.
    let mut stranger = OpenSsh::spawn(port, "aaaa-bbbb-cccc", 80, 24);
    stranger.wait_for("Permission denied");
    assert_ne!(stranger.wait_exit(), 0);
    runtime.block_on(server.stop());
}
