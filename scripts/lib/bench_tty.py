#!/usr/bin/env python3
"""Times a tandem screen from outside, as a user sees it.

Usage: bench_tty.py first-frame TEXT DONE -- tandem ARGS...
       bench_tty.py idle SECS TEXT -- tandem ARGS...

first-frame: starts tandem in an 80x24 pty and prints, tab-separated, the
milliseconds until TEXT is on screen (the first frame), the milliseconds
until DONE is (the screen filled in), and the peak resident memory (VmHWM,
kB) once DONE is shown.

idle: waits for TEXT, lets it settle 2 s, then prints the CPU the process
used over SECS seconds as a percentage of one core, and VmHWM (kB).
"""
import os
import pty
import select
import signal
import struct
import sys
import time
import fcntl
import termios


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def wait_for(fd, seen, text, deadline):
    """Reads until `text` has been written (escape codes stripped of
    nothing: screens write their words whole); returns the new buffer."""
    needle = text.encode()
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit(f"bench_tty: '{text}' never appeared")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise SystemExit(f"bench_tty: tandem exited before '{text}'")
            seen += chunk
    return seen


def hwm(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def stop(pid):
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)


def main():
    mode = sys.argv[1]
    split = sys.argv.index("--")
    args, argv = sys.argv[2:split], sys.argv[split + 1:]
    if mode == "first-frame":
        text, done = args
        start = time.monotonic()
        pid, fd = spawn(argv)
        seen = wait_for(fd, b"", text, start + 60)
        first = (time.monotonic() - start) * 1000
        seen = wait_for(fd, seen, done, start + 600)
        filled = (time.monotonic() - start) * 1000
        # Let whatever the screen does once filled finish, then read.
        time.sleep(0.3)
        peak = hwm(pid)
        stop(pid)
        print(f"{first:.0f}\t{filled:.0f}\t{peak}")
    elif mode == "idle":
        secs, text = float(args[0]), args[1]
        pid, fd = spawn(argv)
        wait_for(fd, b"", text, time.monotonic() + 60)
        time.sleep(2)
        ticks = os.sysconf("SC_CLK_TCK")
        before, t0 = cpu_ticks(pid), time.monotonic()
        # Keep draining the pty so tandem never blocks on a full buffer.
        end = t0 + secs
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], end - time.monotonic())
            if ready:
                os.read(fd, 65536)
        used = (cpu_ticks(pid) - before) / ticks
        elapsed = time.monotonic() - t0
        peak = hwm(pid)
        stop(pid)
        print(f"{100 * used / elapsed:.2f}\t{peak}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
