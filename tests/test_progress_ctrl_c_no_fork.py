"""Review of 7642bd62: after Ctrl-C the reads the job gave up are left running on their threads, and the exit
then forked the parsed-sheet cache's writer; a fork taken while one of those threads holds an import lock
(pyarrow imported on a `beside` thread) leaves the copy stuck until its time limit, holding the writers' mark
the next command waits on. After Ctrl-C no cache writer is forked: the next run reads the workbooks again."""

from __future__ import annotations

import sys

import pytest


def test_ctrl_c_exits_without_forking_the_cache_writer(monkeypatch):
    from shopbook import cli
    from shopbook.io import at_exit

    written, exits = [], []

    def interrupted():
        raise SystemExit(130)

    class Exited(Exception):
        pass

    def exit_now(code):
        exits.append(code)
        raise Exited

    monkeypatch.setattr(cli, "_only_what_was_asked", lambda args: interrupted)
    monkeypatch.setattr(cli, "_nothing_left_open", lambda interrupted=False: True)
    monkeypatch.setattr(at_exit, "write_cache", lambda detach=False: written.append(detach))
    monkeypatch.setattr(cli.os, "_exit", exit_now)
    monkeypatch.setattr(sys, "argv", ["shopbook", "validate", "."])
    with pytest.raises(Exited):
        cli.main()
    assert exits == [130] and written == []

    def done():
        raise SystemExit(0)

    monkeypatch.setattr(cli, "_only_what_was_asked", lambda args: done)
    exits.clear()
    with pytest.raises(Exited):
        cli.main()
    assert exits == [0] and written == [True]  # a normal end: written by a copy the person does not wait for
