"""The warm Python behind tests/forkserver.py: started once by a test worker, it imports what a
`shopbook` run imports, then forks one child per request. A child takes the request's stdin,
stdout, stderr, working folder, environment and arguments, and runs `-m MODULE` or `-c CODE`
as `python` would. It then ends as any Python ends (threads joined, atexit, a traceback and exit 1
for an exception it did not catch), because it runs at this script's top level.

argv: the listening socket's file descriptor, then the modules to import first. No thread may be
started here: a fork copies only the thread that forks."""

import importlib
import json
import os
import selectors
import socket
import sys


def serve(listener: socket.socket):
    """The parent never returns from here: it ends when the test worker does (EOF on stdin). A
    child returns (request, fds)."""
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, "listen")
    sel.register(sys.stdin, selectors.EVENT_READ, "stdin")
    while True:
        for key, _ in sel.select():
            if key.data == "stdin":
                if not os.read(sys.stdin.fileno(), 4096):
                    os._exit(0)
            elif key.data == "listen":
                conn, _ = listener.accept()
                request, fds = _receive(conn)
                pid = os.fork()
                if pid == 0:
                    for k in list(sel.get_map().values()):
                        if isinstance(k.data, tuple):  # another child's: its pidfd and its asker
                            os.close(k.fileobj)
                            k.data[1].close()
                    sel.close()
                    listener.close()
                    conn.close()
                    return request, fds
                for fd in fds:
                    os.close(fd)
                conn.sendall(f"{pid}\n".encode())
                sel.register(os.pidfd_open(pid), selectors.EVENT_READ, (pid, conn))
            else:  # a child ended: its exit code to whoever asked for it
                pid, conn = key.data
                sel.unregister(key.fileobj)
                os.close(key.fileobj)
                _, status = os.waitpid(pid, 0)
                try:
                    conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
                except OSError:
                    pass
                conn.close()


def _receive(conn: socket.socket):
    """One request: a JSON line, its file descriptors sent with its first bytes."""
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 64)
    while not data.endswith(b"\n"):
        more = conn.recv(1 << 16)
        if not more:
            break
        data += more
    return json.loads(data), fds


def _become(request: dict, fds: list[int]) -> None:
    """The child: the request's descriptors, folder and environment in place of the server's."""
    for fd, target in zip(fds, (0, 1, 2)):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])


listener = socket.socket(fileno=int(sys.argv[1]))
sys.path.pop(0)  # (this script's folder: not where a `shopbook` run looks)
for name in sys.argv[2:]:
    importlib.import_module(name)
request, fds = serve(listener)
del listener
_become(request, fds)
del fds

import runpy  # noqa: E402
import types  # noqa: E402

sys.modules["__main__"] = types.ModuleType("__main__")  # an empty namespace, as a new `python` has
sys.modules["__main__"].__builtins__ = __builtins__
if request["mode"] == "-m":
    sys.argv = [request["target"], *request["args"]]  # (runpy puts the module's file first)
    sys.path.insert(0, os.getcwd())
    del request
    runpy._run_module_as_main(sys.argv[0], alter_argv=True)  # what `python -m` calls
else:
    sys.argv = ["-c", *request["args"]]
    sys.path.insert(0, "")
    code = compile(request["target"], "<string>", "exec")
    del request
    exec(code, sys.modules["__main__"].__dict__)
