//! `tandem serve` with its real rooms on 127.0.0.1 and a random port, joined
//! by two or three russh clients, each reading its own screen: one shared
//! round, private views per role, one saved session, rejoining, and a
//! flood of wrong codes that harms nobody.

mod support;

use std::time::Duration;

use russh::keys::{Algorithm, PrivateKey};
use support::ssh::{self, SshClient};
use tandem::deck::{Deck, DeckLibrary};
use tandem::serve::codes::JoinCodes;
use tandem::serve::limits::Limits;
use tandem::serve::server::{Breakout, Server};
use tandem::serve::transport::TransportConfig;
use tandem::store::{Store, read_session};
use tandem::tui::theme::Theme;
use tempfile::TempDir;

/// Ctrl-S: hands in one's part of the debrief.
const CTRL_S: &[u8] = b"\x13";

fn deck() -> Deck {
    DeckLibrary::load(None)
        .resolve("quick-round")
        .expect("a bundled deck")
        .deck
}

/// A server with `rooms` rooms, saving into a temporary data dir.
async fn start(rooms: usize) -> (Server, Store, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let config = TransportConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        host_key: PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap(),
        authorized_keys: None,
        limits: Limits {
            auth_rejection_delay: Duration::from_millis(5),
            ..Limits::default()
        },
    };
    let breakout = Breakout {
        deck: deck(),
        fit: None,
        store: store.clone(),
        theme: Theme::monochrome(),
        log: Box::new(|_| {}),
    };
    let server = Server::start(config, JoinCodes::generate(rooms).unwrap(), breakout)
        .await
        .expect("starts");
    (server, store, dir)
}

/// Joins room `room` under `name`, taking the first open role, at 100×30.
async fn seat(server: &Server, room: usize, name: &str) -> SshClient {
    let mut client = ssh::join(server.address(), &server.codes().rooms[room], None, 100, 30).await;
    client.wait_for_text("Your name").await;
    client.send(format!("{name}\r").as_bytes()).await;
    client
        .wait_for(&format!("{name} seated"), ssh::WAIT, |screen| {
            !screen.contains("Your name")
        })
        .await;
    client
}

/// Every private line of every persona the deck has: whichever one the
/// round drew, none may reach the organizer.
fn private_texts() -> Vec<String> {
    deck()
        .personas
        .iter()
        .flat_map(|p| {
            p.private_fields()
                .into_iter()
                .map(|(_, text)| squeezed(text).chars().take(16).collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `text` without escape sequences and whitespace: a frame skips the
/// blank cells it already drew, so words arrive apart.
fn squeezed(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: parameters up to a final letter; others: one more char.
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() || c == '~' {
                        break;
                    }
                }
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The screen's "m:ss left" clock line, if it shows one.
fn clock(screen: &str) -> Option<String> {
    screen
        .lines()
        .find(|line| line.contains(" left"))
        .and_then(|line| line.split_whitespace().next())
        .map(str::to_owned)
}

/// Organizer and partner of room 0, the round started by the partner.
async fn pair_running(server: &Server) -> (SshClient, SshClient) {
    let mut organizer = seat(server, 0, "Ana").await;
    let mut partner = seat(server, 0, "Ben").await;
    partner.wait_for_text("Partner only").await;
    partner.send(b"\r").await;
    organizer.wait_for_text("stage 1 of 4").await;
    partner.wait_for_text("stage 1 of 4").await;
    (organizer, partner)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_see_the_same_stage_and_seconds() {
    let (server, _, _dir) = start(2).await;
    let (mut organizer, mut partner) = pair_running(&server).await;
    // Wait for a tick both screens show, then for the other to show it.
    organizer
        .wait_for("a ticking clock", ssh::WAIT, |screen| {
            clock(screen).is_some_and(|c| c != "1:00")
        })
        .await;
    let shown = clock(&organizer.contents()).unwrap();
    partner
        .wait_for(
            &format!("the clock at {shown} or later"),
            ssh::WAIT,
            |screen| clock(screen).is_some_and(|c| c <= shown),
        )
        .await;
    // Keys from either move both: the partner steps to the next stage.
    partner.send(b"n").await;
    organizer.wait_for_text("stage 2 of 4").await;
    partner.wait_for_text("stage 2 of 4").await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organizer_never_receives_the_private_brief_and_the_partner_does() {
    let (server, _, _dir) = start(1).await;
    let (mut organizer, partner) = pair_running(&server).await;
    // The organizer asks for the private part, and says yes when asked.
    organizer.send(b"h").await;
    organizer.send(b"y").await;
    partner.send(b" ").await;
    organizer.wait_for_text("Ana talking").await;
    let private = private_texts();
    let partner_bytes = squeezed(&partner.received());
    let partner_saw = private
        .iter()
        .any(|text| partner_bytes.contains(text.as_str()));
    assert!(partner_saw, "the partner never saw the brief");
    let organizer_bytes = squeezed(&organizer.received());
    for text in &private {
        assert!(
            !organizer_bytes.contains(text.as_str()),
            "the organizer received {text:?}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mark_keyed_by_the_observer_appears_on_every_screen() {
    let (server, _, _dir) = start(1).await;
    let mut organizer = seat(&server, 0, "Ana").await;
    let mut partner = seat(&server, 0, "Ben").await;
    let mut observer = seat(&server, 0, "Cy").await;
    organizer.send(b"\r").await;
    observer.wait_for_text("stage 1 of 4").await;
    observer.send(b"1").await;
    let label = deck().marks[0].label.clone();
    for client in [&mut organizer, &mut partner, &mut observer] {
        client
            .wait_for(
                &format!("the mark {label:?} counted"),
                ssh::WAIT,
                |screen| {
                    screen
                        .lines()
                        .any(|line| line.contains(&label) && line.contains(" 1 "))
                },
            )
            .await;
        assert!(client.contents().contains("Marks (1)"));
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_persons_feedback_is_saved_in_one_session_file() {
    let (server, store, _dir) = start(1).await;
    let (mut organizer, mut partner) = pair_running(&server).await;
    for stage in 2..=4 {
        organizer.send(b"n").await;
        partner.wait_for_text(&format!("stage {stage} of 4")).await;
    }
    organizer.send(b"n").await;
    organizer.send(b"y").await;
    organizer.wait_for_text("What worked").await;
    partner.wait_for_text("Debrief").await;
    organizer.send(b"named the bus stop").await;
    partner.send(b"y").await;
    partner.send(CTRL_S).await;
    partner.send(b"y").await;
    partner.wait_for_text("Waiting for: Ana (organizer)").await;
    organizer.send(CTRL_S).await;
    organizer.send(b"y").await;
    organizer.wait_for_text("Saved").await;
    partner.wait_for_text("Saved").await;
    let files: Vec<_> = std::fs::read_dir(store.sessions_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_session(&files[0]).unwrap();
    let people: Vec<(&str, &str)> = record
        .feedback
        .iter()
        .map(|f| (f.name.as_str(), f.role.label()))
        .collect();
    assert_eq!(people, [("Ana", "organizer"), ("Ben", "partner")]);
    assert_eq!(record.feedback[0].what_worked, "named the bus stop");
    assert_eq!(
        record.feedback[1].would_say_yes,
        Some(tandem::record::Answer::Yes)
    );
    let kept = server.stop().await;
    assert!(kept.is_empty(), "a saved round is not kept again: {kept:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_rejoins_its_role_and_the_round_goes_on() {
    let (server, _, _dir) = start(1).await;
    let (mut organizer, partner) = pair_running(&server).await;
    organizer.send(b"n").await;
    organizer.wait_for_text("stage 2 of 4").await;
    partner.disconnect().await;
    organizer
        .wait_for_text("Ana (organizer) with Ben (partner)")
        .await;
    let mut back = ssh::join(server.address(), &server.codes().rooms[0], None, 80, 24).await;
    back.wait_for_text("rejoin as Ben").await;
    back.send(b"\r").await;
    back.wait_for_text("stage 2 of 4").await;
    back.send(b" ").await;
    organizer.wait_for_text("Ana talking").await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_wrong_codes_is_refused_and_the_room_goes_on() {
    let (server, _, _dir) = start(2).await;
    let (organizer, mut partner) = pair_running(&server).await;
    let flooder = "127.0.0.2".parse().unwrap();
    let address = server.address();
    let attempts = (0..200).map(move |n| async move {
        let Ok(mut connection) = ssh::connect_from(address, Some(flooder)).await else {
            return false;
        };
        matches!(
            connection.login_none(&format!("wrong-code-{n}")).await,
            Ok(true)
        )
    });
    let admitted = futures_admitted(attempts).await;
    assert_eq!(admitted, 0, "a wrong code was admitted");
    // The room never noticed: keys still go round.
    organizer.send(b" ").await;
    partner.wait_for_text("Ana talking").await;
    // And someone else can still join another room.
    let mut other = seat(&server, 1, "Dee").await;
    other.wait_for_text("Room 2").await;
    server.stop().await;
}

/// Runs the attempts 20 at a time; returns how many were admitted.
async fn futures_admitted(
    attempts: impl Iterator<Item = impl Future<Output = bool> + Send + 'static>,
) -> usize {
    let mut admitted = 0;
    let mut running = tokio::task::JoinSet::new();
    for attempt in attempts {
        if running.len() >= 20
            && let Some(Ok(true)) = running.join_next().await
        {
            admitted += 1;
        }
        running.spawn(attempt);
    }
    while let Some(result) = running.join_next().await {
        admitted += usize::from(matches!(result, Ok(true)));
    }
    admitted
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_keeps_the_unfinished_round_and_tells_everyone() {
    let (server, store, _dir) = start(2).await;
    let (mut organizer, _partner) = pair_running(&server).await;
    let kept = server.stop().await;
    assert_eq!(kept, vec![store.room_in_progress_path(1)]);
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(text.contains("Ana") && text.contains("Ben"), "{text}");
    organizer.wait_closed(ssh::WAIT).await;
    assert!(organizer.received().contains("your round is kept"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_terminal_sizes_get_a_message_and_harm_no_room() {
    let (server, _, _dir) = start(2).await;
    let (organizer, mut partner) = pair_running(&server).await;
    let room = &server.codes().rooms[1];
    let none = ssh::join(server.address(), room, None, 0, 0).await;
    let mut huge = ssh::join(server.address(), room, None, 10_000, 10_000).await;
    huge.wait_for_text("Your name").await;
    let mut tiny = ssh::join(server.address(), room, None, 20, 5).await;
    tiny.wait_for_text("larger").await;
    // Growing the window brings the screen.
    tiny.resize(80, 24).await;
    tiny.wait_for_text("Your name").await;
    organizer.send(b" ").await;
    partner.wait_for_text("Ana talking").await;
    // A 0×0 screen holds no text: the bytes received are read instead.
    let told = tokio::time::timeout(ssh::WAIT, async {
        while !none.received().contains("0×0") {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(told.is_ok(), "received {:?}", none.received());
    server.stop().await;
}

/// A participant whose ssh sends a French locale sees the room in French;
/// one who sends none sees the server's language; other variables are
/// refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_participant_sees_the_language_their_locale_names() {
    let (server, _store, _dir) = start(1).await;
    let code = &server.codes().rooms[0];
    let mut connection = ssh::connect(server.address()).await.expect("connects");
    assert!(matches!(connection.login_none(code).await, Ok(true)));
    let mut french = connection
        .open_with_env(100, 30, &[("LANG", "fr_FR.UTF-8")])
        .await
        .expect("LANG is accepted");
    french.wait_for_text("Votre nom").await;
    let mut english = ssh::join(server.address(), code, None, 100, 30).await;
    english.wait_for_text("Your name").await;
    let mut connection = ssh::connect(server.address()).await.expect("connects");
    assert!(matches!(connection.login_none(code).await, Ok(true)));
    let refused = connection
        .open_with_env(100, 30, &[("LD_PRELOAD", "/tmp/x.so")])
        .await
        .err()
        .expect("only locale variables are taken");
    assert!(refused.contains("refused"), "{refused}");
    server.stop().await;
}
