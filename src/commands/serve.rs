//! `tandem serve`: opens the rooms, prints how to join them, and runs the
//! SSH transport (on a small tokio runtime) and the hub (on this thread)
//! until the facilitator ends the breakout or a stop signal arrives.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::mpsc::Sender;
use std::time::Duration;

use anyhow::Context;

use super::print_out;
use crate::cli::ServeArgs;
use crate::deck::Deck;
use crate::i18n::words;
use crate::record::fit;
use crate::serve::codes::{FACILITATOR_USER, JoinCodes};
use crate::serve::host_key;
use crate::serve::hub::Wake;
use crate::serve::limits::Limits;
use crate::serve::server::{Breakout, Server};
use crate::serve::transport::TransportConfig;
use crate::store::Store;
use crate::tr;
use crate::tui::theme::Theme;

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
    let codes = JoinCodes::generate(args.rooms).context(tr!("serve-no-random"))?;
    let breakout_title = deck.title.clone();
    let limits = Limits {
        idle_timeout: Duration::from_secs(u64::from(args.idle_timeout) * 60),
        ..Limits::default()
    };
    let config = TransportConfig {
        listen: args.listen,
        host_key,
        authorized_keys,
        limits,
    };
    let breakout = Breakout {
        deck,
        fit: args.fit,
        store,
        theme,
        log: Box::new(|line| {
            let _ = print_out(&format!("{line}\n"));
        }),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context(tr!("serve-no-runtime"))?;
    let kept = runtime.block_on(async {
        let server = Server::start(config, codes, breakout).await?;
        print_out(&join_lines(
            server.codes(),
            server.address(),
            &breakout_title,
            args,
        ))?;
        stop_on_signals(server.stopper())?;
        anyhow::Ok(server.finished().await)
    })?;
    runtime.shutdown_timeout(Duration::from_secs(1));
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
fn join_lines(codes: &JoinCodes, address: SocketAddr, deck: &str, args: &ServeArgs) -> String {
    let host = display_host(address);
    let port = address.port();
    let mut text = tr!(
        "serve-listening",
        rooms = codes.rooms.len(),
        address = address.to_string(),
        deck = deck
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
