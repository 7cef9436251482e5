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


class Screen:
    """Just enough of a terminal to read what is on screen: cursor moves
    (CSI row;col H), clears, and printed characters. Colours and modes are
    skipped. Ratatui redraws only the cells that change, so a text drawn
    over two frames is never one run of bytes: it has to be read here."""

    def __init__(self, rows=24, cols=80):
        self.rows, self.cols = rows, cols
        self.cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.pending = b""

    def feed(self, data):
        data = self.pending + data
        self.pending = b""
        i = 0
        while i < len(data):
            byte = data[i]
            if byte == 0x1B:
                if i + 1 >= len(data):
                    self.pending = data[i:]
                    return
                if data[i + 1] == ord("["):
                    j = i + 2
                    while j < len(data) and not (0x40 <= data[j] <= 0x7E):
                        j += 1
                    if j >= len(data):
                        self.pending = data[i:]
                        return
                    self.csi(data[i + 2:j].decode("latin-1"), chr(data[j]))
                    i = j + 1
                else:
                    i += 2
                continue
            if byte == 0x0D:
                self.col = 0
            elif byte == 0x0A:
                self.row = min(self.row + 1, self.rows - 1)
            elif byte >= 0x20:
                # One UTF-8 character, however many bytes.
                width = 1 if byte < 0x80 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
                if i + width > len(data):
                    self.pending = data[i:]
                    return
                char = data[i:i + width].decode("utf-8", "replace")
                if self.row < self.rows and self.col < self.cols:
                    self.cells[self.row][self.col] = char
                self.col += 1
                i += width
                continue
            i += 1

    def csi(self, params, final):
        if final == "H":
            parts = [p for p in params.split(";")] if params else []
            row = int(parts[0]) if parts and parts[0].isdigit() else 1
            col = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
            self.row, self.col = row - 1, col - 1
        elif final == "J" and params in ("2", "3"):
            self.cells = [[" "] * self.cols for _ in range(self.rows)]

    def shows(self, text):
        return any(text in "".join(row) for row in self.cells)


def wait_for(fd, screen, text, deadline):
    """Reads tandem's output into `screen` until `text` is on it."""
    while not screen.shows(text):
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit(f"bench_tty: '{text}' never appeared")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise SystemExit(f"bench_tty: tandem exited before '{text}'")
            screen.feed(chunk)


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
        screen = Screen()
        wait_for(fd, screen, text, start + 60)
        first = (time.monotonic() - start) * 1000
        wait_for(fd, screen, done, start + 600)
        filled = (time.monotonic() - start) * 1000
        # Let whatever the screen does once filled finish, then read.
        time.sleep(0.3)
        peak = hwm(pid)
        stop(pid)
        print(f"{first:.0f}\t{filled:.0f}\t{peak}")
    elif mode == "idle":
        secs, text = float(args[0]), args[1]
        pid, fd = spawn(argv)
        wait_for(fd, Screen(), text, time.monotonic() + 60)
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
