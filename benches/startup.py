#!/usr/bin/env python3
"""Times phasebook from exec to its first frame on screen, in a real pseudo-terminal.

Usage: benches/startup.py [BINARY] [RUNS]
Makes the workbooks it needs (the bundled one, and generated ones of 10,000 and 100,000
items via `cargo run --release --example generate`), runs the binary on each RUNS times
(default 30) in a 100x30 pty, and prints the median and 90th percentile of the time
until the last line of the first frame (the key hints) has arrived.
"""
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = b"quit"  # the hint bar, the last line ratatui writes in a frame


def first_frame(binary, workbook, home):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": home,
               "XDG_DATA_HOME": os.path.join(home, "data"), "XDG_CONFIG_HOME": os.path.join(home, "config")}
        os.execve(binary, [binary, workbook], env)
    seen = b""
    elapsed = None
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            seen += os.read(fd, 1 << 16)
        except OSError:
            break
        if MARKER in seen:
            elapsed = time.perf_counter() - start
            break
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        raise SystemExit(f"no first frame from {workbook}")
    return elapsed


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "phasebook")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    home = tempfile.mkdtemp(prefix="phasebook-startup-")
    files = {"bundled (102 items)": os.path.join(home, "bundled.ron")}
    shutil.copy(os.path.join(ROOT, "workbooks", "intune-fasttrack.en.ron"), files["bundled (102 items)"])
    for items in (10_000, 100_000):
        path = os.path.join(home, f"{items}.ron")
        subprocess.run(["cargo", "run", "-q", "--release", "--example", "generate", "--", str(items), path],
                       cwd=ROOT, check=True)
        files[f"{items:,} items"] = path
    for name, path in files.items():
        times = sorted(first_frame(binary, path, home) * 1000 for _ in range(runs))
        p90 = times[int(len(times) * 0.9) - 1]
        size = os.path.getsize(path)
        print(f"{name:>20}: median {statistics.median(times):6.1f} ms, p90 {p90:6.1f} ms "
              f"({runs} runs, {size / 1e6:.1f} MB file)")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
