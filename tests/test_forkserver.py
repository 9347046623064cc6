"""tests/forkserver: a run forked from the warm Python says, writes and ends as a new Python's run
of the same command does, and is one (its parent is the server, not this test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

import forkserver

pytestmark = [pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="forks only where pidfd_open is (Linux)"),
              pytest.mark.skipif(os.environ.get("SHOPBOOK_TEST_NEW_PYTHONS", "") not in ("", "0"),
                                 reason="SHOPBOOK_TEST_NEW_PYTHONS: every run is a new Python's")]


def env(**more) -> dict:
    return {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(forkserver.SRC)} | more


def both(argv: list, e: dict, **kw):
    """(a new Python's run, the forked run): the server started by a run before them."""
    forkserver.run(argv, env=e, capture_output=True, text=True, timeout=120, **kw)
    new = subprocess.run(argv, env=e, capture_output=True, text=True, timeout=120, **kw)
    forked = forkserver.run(argv, env=e, capture_output=True, text=True, timeout=120, **kw)
    return new, forked


PARENT = "import os; print('parent', os.getppid() == {me})"


def test_a_command_says_and_exits_alike(tmp_path):
    from test_concurrency import small_shop

    shop = small_shop(tmp_path / "shop", typo=True).folder
    for args in (["validate", shop], ["orders", "review", shop, "--json"], ["ordrs"], ["validate", shop / "nothere"]):
        new, forked = both([sys.executable, "-m", "shopbook.cli", *map(str, args)], env())
        assert (forked.returncode, forked.stdout, forked.stderr) == (new.returncode, new.stdout, new.stderr), args
        assert new.returncode in (0, 1, 2), (args, new.stderr)


@pytest.mark.parametrize("code, exit_code", [
    ("import sys, os; print(sys.argv, os.getcwd(), os.environ['SHOPBOOK_DEBUG'], __name__); sys.exit(3)", 3),
    ("import atexit, threading, time; atexit.register(print, 'atexit')\n"
     "threading.Thread(target=lambda: (time.sleep(0.3), print('thread'))).start()", 0),  # joined, then atexit
    ("import sys; print('out'); print('err', file=sys.stderr); raise ValueError('not a number')", 1),
    ("raise KeyboardInterrupt", -2),  # (as Python ends on one: by SIGINT)
])
def test_a_python_program_runs_and_ends_alike(tmp_path, code, exit_code):
    e = env(SHOPBOOK_DEBUG="yes")
    argv = [sys.executable, "-c", PARENT.format(me=os.getpid()) + "\n" + code, "one arg", "二"]
    new, forked = both(argv, e, cwd=tmp_path)
    assert new.returncode == forked.returncode == exit_code, (new, forked)
    assert new.stdout.startswith("parent True\n") and forked.stdout.startswith("parent False\n")  # forked indeed
    assert forked.stdout.split("\n", 1)[1] == new.stdout.split("\n", 1)[1], (new.stdout, forked.stdout)
    if exit_code in (1, -2):  # a traceback: the same error, its last line; the frames above it differ
        before = "err\nTraceback" if exit_code == 1 else "Traceback"
        assert new.stderr.startswith(before) and forked.stderr.startswith(before), (new.stderr, forked.stderr)
        assert forked.stderr.splitlines()[-1] == new.stderr.splitlines()[-1], (new.stderr, forked.stderr)
    else:
        assert forked.stderr == new.stderr, (new.stderr, forked.stderr)


def test_a_variable_read_as_modules_are_imported_gets_a_server_of_its_own():
    argv = [sys.executable, "-c", PARENT.format(me=os.getpid()) + "\nfrom shopbook.io import cache; print(cache.disabled)"]
    plain = {k: v for k, v in env().items() if k != "SHOPBOOK_NO_CACHE"}
    for e, disabled in ((plain, "False"), (plain | {"SHOPBOOK_NO_CACHE": "1"}, "True"), (plain, "False")):
        for _ in range(2):
            r = forkserver.run(argv, env=e, capture_output=True, text=True, timeout=120)
            assert r.stdout.split("\n")[1] == disabled, (e.get("SHOPBOOK_NO_CACHE"), r)
        assert r.stdout.startswith("parent False")  # (the second: forked)


def test_a_run_past_its_timeout_is_killed():
    argv = [sys.executable, "-c", "import time; time.sleep(60)"]
    forkserver.run([sys.executable, "-c", "pass"], env=env(), capture_output=True, timeout=120)
    t = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        forkserver.run(argv, env=env(), capture_output=True, timeout=1)
    assert time.monotonic() - t < 30


def test_no_module_reads_a_run_time_variable_as_it_is_imported():
    """RUNTIME's variables may differ between runs of one server: no module the server imports, nor
    the command line run as __main__, may read one as it is imported."""
    code = """
import json, os, runpy, sys
read = set()
class Recording(type(os.environ)):
    def __getitem__(self, key):
        read.add(key)
        return super().__getitem__(key)
    def __contains__(self, key):
        read.add(key)
        return super().__contains__(key)
    def __iter__(self):
        read.add("*every one*")
        return super().__iter__()
e = os.environ
os.environ = Recording(e._data, e.encodekey, e.decodekey, e.encodevalue, e.decodevalue)
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
runpy.run_module("shopbook.cli", run_name="not_main")
print(json.dumps(sorted(read)))
"""
    r = subprocess.run([sys.executable, "-c", code, *forkserver.PRELOAD, *forkserver._shopbook_modules()],
                       env=env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    read = set(json.loads(r.stdout.splitlines()[-1]))
    assert "SHOPBOOK_STRICT_RECORDS" in read and "SHOPBOOK_NO_CACHE" in read  # (the recording sees them)
    assert not read & (forkserver.RUNTIME | {"*every one*"}), read

