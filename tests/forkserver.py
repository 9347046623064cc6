"""`python -m shopbook.cli …` and `python -c CODE …` as the tests run them, started from a warm
Python (tests/forkserver_zygote.py) instead of a new one.

A new Python spends 0.3–1.2 CPU-seconds importing shopbook, typer, rich, pandas, openpyxl and
matplotlib before a command does anything, and the suite starts some 300 of them. Here each run is
still a process of its own with its own stdin, stdout, stderr, folder, environment, exit code and
end, forked from a server that has imported those modules once for the test worker.

What a fork cannot give a run is left to a new Python (subprocess.run, as before):
- an environment that differs from the server's in anything a module may read as it is imported
  (any variable but those of RUNTIME) is another server's, started for that environment, so a run
  always imports in the environment it was given; the first run in an environment is a new
  Python's;
- a call with more than capture_output, text, check, env, cwd and timeout (a preexec_fn, a pipe);
- everything, with SHOPBOOK_TEST_NEW_PYTHONS=1 (to hold the two ways to each other).

Not imported first, so a run brings them in itself as a new Python would: pyarrow and the Arrow
read (some code asks whether they are loaded yet), fastexcel, xlwings, and shopbook.cli itself
(`-m` runs it as __main__). The tests of what a command imports (test_startup) start new Pythons
of their own."""

from __future__ import annotations

import atexit
import json
import locale
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ZYGOTE = Path(__file__).with_name("forkserver_zygote.py")
SRC = Path(__file__).resolve().parents[1] / "src"
# the variables a run may be given that no module reads as it is imported (test_forkserver holds
# this list to the imports): any other variable that differs, say SHOPBOOK_NO_CACHE or
# SHOPBOOK_STRICT_RECORDS (read by io/cache and schema/base as they are imported), needs a server
# of its own
RUNTIME = {"PYTEST_CURRENT_TEST", "SHOPBOOK_APART", "SHOPBOOK_ARROW_READ", "SHOPBOOK_CRASH_AT", "SHOPBOOK_DEBUG",
           "SHOPBOOK_EXPORT_PASSWORD", "SHOPBOOK_LOCK_STALE", "SHOPBOOK_LOCK_WAIT", "SHOPBOOK_PAUSE_AT",
           "SHOPBOOK_SAVE_WAITS", "SHOPBOOK_SHOP"}
PRELOAD = ["typer", "typer.main", "rich.console", "rich.progress", "rich.table", "pandas", "openpyxl", "jinja2",
           "python_calamine", "shopbook.report.charts", "matplotlib.pyplot"]  # (charts first: it sets the backend)


def _shopbook_modules() -> list[str]:
    """Every module of shopbook but those that bring in pyarrow, fastexcel or xlwings, and the
    command line itself, which `-m` runs as __main__ (6 ms) as a new Python does."""
    skip = {"shopbook.io.arrow_ops", "shopbook.io.arrow_read", "shopbook.xl.udfs", "shopbook.cli"}
    names = []
    for p in sorted((SRC / "shopbook").rglob("*.py")):
        parts = p.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in skip and "__main__" not in name:
            names.append(name)
    return names


class _Server:
    def __init__(self, env: dict[str, str]):
        self.folder = tempfile.mkdtemp(prefix="forkserver-")
        self.path = os.path.join(self.folder, "s")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(64)
        self.proc = subprocess.Popen([sys.executable, str(ZYGOTE), str(listener.fileno()), *PRELOAD,
                                      *_shopbook_modules()],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env,
                                     pass_fds=(listener.fileno(),))
        listener.close()  # (the server's own copy listens; requests queue until it has imported)

    def start(self, mode: str, target: str, args: list[str], env: dict[str, str], cwd: str,
              stdout: int, stderr: int) -> socket.socket:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(self.path)
        request = json.dumps({"mode": mode, "target": target, "args": args, "env": env, "cwd": cwd})
        with open(os.devnull, "rb") as stdin:
            socket.send_fds(conn, [request.encode() + b"\n"], [stdin.fileno(), stdout, stderr])
        return conn

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # (the server ends at EOF)
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        try:
            os.unlink(self.path)
            os.rmdir(self.folder)
        except OSError:
            pass


_servers: dict[tuple, _Server] = {}


def _close_servers() -> None:
    for server in _servers.values():
        server.close()


atexit.register(_close_servers)


_asked: dict[tuple, int] = {}


def _server(env: dict[str, str]) -> _Server | None:
    """The server for `env`: one per set of the variables a module may read as it is imported,
    started at the second run asking for it (a server's imports cost what two or three new
    Pythons' do: an environment used once is not worth one)."""
    key = tuple(sorted((k, v) for k, v in env.items() if k not in RUNTIME))
    if key not in _servers:
        _asked[key] = _asked.get(key, 0) + 1
        if _asked[key] < 2:
            return None
        _servers[key] = _Server(dict(key))
    return _servers[key]


def run(argv: list, *, env: dict | None = None, timeout: float | None = None, cwd=None, capture_output=False,
        text=False, check=False, **kwargs) -> subprocess.CompletedProcess:
    """subprocess.run(argv, capture_output=True, …) for `python -m MODULE …` and `python -c CODE …`:
    forked from the warm Python; anything else, by subprocess.run."""
    argv = [str(a) for a in argv]
    env = dict(os.environ if env is None else env)
    forkable = (len(argv) >= 3 and argv[0] == sys.executable and argv[1] in ("-m", "-c") and capture_output
                and not kwargs and os.environ.get("SHOPBOOK_TEST_NEW_PYTHONS", "") in ("", "0")
                and hasattr(os, "pidfd_open"))
    server = _server(env) if forkable else None
    if server is None:
        return subprocess.run(argv, env=env, timeout=timeout, cwd=cwd, capture_output=capture_output, text=text,
                              check=check, **kwargs)
    pipes = [os.pipe(), os.pipe()]  # stdout, stderr: read to their end, as communicate() does, so
    # a process left holding them (a writer that outlives the command) is waited for here too
    try:
        conn = server.start(argv[1], argv[2], argv[3:], env, os.path.abspath(cwd or os.getcwd()),
                            pipes[0][1], pipes[1][1])
    except BaseException:
        for r, _ in pipes:
            os.close(r)
        raise
    finally:
        for _, w in pipes:
            os.close(w)
    with conn:
        code, said = _collect(conn, [r for r, _ in pipes], argv, timeout)
    said = [_text(b) if text else b for b in said]
    if check and code:
        raise subprocess.CalledProcessError(code, argv, *said)
    return subprocess.CompletedProcess(argv, code, *said)


def _collect(conn: socket.socket, readers: list[int], argv: list[str], timeout: float | None):
    """(exit code, [stdout, stderr]) of the run the server answers on `conn`: its pid (once the
    server has imported: not counted in the timeout), its output to the end, then its exit code."""
    answers, said = b"", {fd: b"" for fd in readers}
    sel = selectors.DefaultSelector()
    try:
        while b"\n" not in answers:
            answers += _received(conn)
        pid = int(answers.split(b"\n")[0])
        deadline = None if timeout is None else time.monotonic() + timeout
        for fd in readers:
            sel.register(fd, selectors.EVENT_READ)
        sel.register(conn, selectors.EVENT_READ)
        while sel.get_map():
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise subprocess.TimeoutExpired(argv, timeout)
            for key, _ in sel.select(left):
                if key.fileobj is conn:
                    answers += _received(conn)
                    if answers.count(b"\n") >= 2:
                        sel.unregister(conn)
                else:
                    data = os.read(key.fileobj, 1 << 16)
                    said[key.fileobj] += data
                    if not data:
                        sel.unregister(key.fileobj)
        return int(answers.split(b"\n")[1]), [said[fd] for fd in readers]
    finally:
        sel.close()
        for fd in readers:
            os.close(fd)


def _received(conn: socket.socket) -> bytes:
    data = conn.recv(64)
    if not data:
        raise RuntimeError("the fork server ended: see its error output above")
    return data


def _text(data: bytes) -> str:
    """As subprocess.run(text=True) decodes: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")
