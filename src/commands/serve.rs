//! `tandem serve`: opens the rooms, prints how to join them, and runs the
//! SSH transport (on a small tokio runtime) and the hub (on this thread)
//! until the facilitator ends the breakout or a stop signal arrives.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use anyhow::Context;

use super::print_out;
use crate::cli::ServeArgs;
use crate::deck::Deck;
use crate::i18n::words;
use crate::practice::SystemClock;
use crate::record::fit;
use crate::serve::codes::{FACILITATOR_USER, JoinCodes};
use crate::serve::host_key;
use crate::serve::hub::{Hub, Wake};
use crate::serve::limits::Limits;
use crate::serve::transport::{Transport, TransportConfig};
use crate::serve::workshop::Workshop;
use crate::store::Store;
use crate::tr;
use crate::tui::theme::Theme;

/// How long the transport may take to say goodbye to every client.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

/// Serves `deck` in `args.rooms` rooms, saving into `store`.
pub fn run(args: &ServeArgs, deck: Deck, store: Store, theme: Theme) -> anyhow::Result<ExitCode> {
    if let Some(minutes) = args.fit {
        // A pair is the smallest room: if its rounds do not fit, none do.
        let stage_minutes: Vec<u32> = deck.stages.iter().map(|s| s.minutes).collect();
        if let Err(err) = fit(&stage_minutes, deck.debrief_minutes, 2, minutes) {
            anyhow::bail!(words::fit_error(&err));
        }
    }
    let host_key = host_key::load_or_create(store.root())?;
    let authorized_keys = args
        .authorized_keys
        .as_deref()
        .map(host_key::load_authorized_keys)
        .transpose()?;
    let codes = Arc::new(JoinCodes::generate(args.rooms).context(tr!("serve-no-random"))?);
    let limits = Limits {
        idle_timeout: Duration::from_secs(u64::from(args.idle_timeout) * 60),
        ..Limits::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context(tr!("serve-no-runtime"))?;
    let transport = runtime.block_on(Transport::bind(TransportConfig {
        listen: args.listen,
        host_key,
        authorized_keys,
        limits,
    }))?;
    let address = transport.local_addr();
    print_out(&join_lines(&codes, address, &deck, args))?;

    let (wakes, woken) = std::sync::mpsc::channel();
    let (events, mut incoming) = tokio::sync::mpsc::channel(1024);
    let to_hub = wakes.clone();
    runtime.spawn(async move {
        while let Some(event) = incoming.recv().await {
            if to_hub.send(Wake::Client(event)).is_err() {
                break;
            }
        }
    });
    stop_on_signals(wakes)?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(transport.serve(codes.clone(), events, async {
        let _ = stopped.await;
    }));

    let workshop = Workshop::new(
        codes.rooms.clone(),
        &deck,
        args.fit,
        store,
        Box::new(SystemClock::new()),
        theme,
        rand::random(),
    );
    let kept = Hub::new(workshop).run(&woken, &mut |line| {
        let _ = print_out(&format!("{line}\n"));
    });
    let _ = stop.send(());
    let _ = runtime.block_on(async { tokio::time::timeout(CLOSE_GRACE, server).await });
    runtime.shutdown_timeout(CLOSE_GRACE);
    for path in &kept {
        print_out(&format!(
            "{}\n",
            tr!("serve-kept", path = path.display().to_string())
        ))?;
    }
    print_out(&format!("{}\n", tr!("serve-done")))?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, SIGTERM and SIGHUP stop the server: the hub keeps every
/// unfinished round first.
fn stop_on_signals(wakes: Sender<Wake>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context(tr!("error-signals"))?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = wakes.send(Wake::Stop);
        }
    });
    Ok(())
}

/// What the facilitator shares: how each room is joined, and how the
/// board is reached.
fn join_lines(codes: &JoinCodes, address: SocketAddr, deck: &Deck, args: &ServeArgs) -> String {
    let host = display_host(address);
    let port = address.port();
    let mut text = tr!(
        "serve-listening",
        rooms = codes.rooms.len(),
        address = address.to_string(),
        deck = deck.title.as_str()
    );
    text.push('\n');
    if let Some(minutes) = args.fit {
        text.push_str(&tr!("serve-fitted", minutes = minutes));
        text.push('\n');
    }
    for (number, code) in (1_u32..).zip(&codes.rooms) {
        text.push_str(&tr!(
            "serve-room-line",
            room = number,
            command = format!("ssh -p {port} {code}@{host}")
        ));
        text.push('\n');
    }
    text.push_str(&tr!(
        "serve-facilitator-line",
        command = format!("ssh -p {port} {FACILITATOR_USER}@{host}"),
        code = codes.facilitator.as_str()
    ));
    text.push('\n');
    text.push_str(&tr!("serve-stop-hint"));
    text.push('\n');
    text
}

/// The host people type: the address listened on, or this machine's name
/// when listening on every address.
fn display_host(address: SocketAddr) -> String {
    if !address.ip().is_unspecified() {
        return address.ip().to_string();
    }
    let mut name = [0u8; 256];
    // SAFETY: gethostname writes at most `name.len()` bytes into `name`.
    let found = unsafe { libc::gethostname(name.as_mut_ptr().cast(), name.len()) } == 0;
    let end = name.iter().position(|&b| b == 0).unwrap_or(0);
    match std::str::from_utf8(&name[..end]) {
        Ok(host) if found && !host.is_empty() => crate::text::strip_controls(host, false),
        _ => "HOST".to_owned(),
    }
}
