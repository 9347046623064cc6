"""The command line as staff and cron jobs meet it: Ctrl+C at any moment, options typed as people type them."""

from __future__ import annotations

import sys

import pytest
import typer


def _run(monkeypatch, capsys, *args) -> tuple[int, str]:
    """`shopbook ARGS…` in this process, as the shell starts it (shopbook.start): its exit code and stderr."""
    from shopbook import start

    monkeypatch.setattr(sys, "argv", ["shopbook", *map(str, args)])
    with pytest.raises(SystemExit) as e:
        start.main()
    return e.value.code, capsys.readouterr().err


def test_ctrl_c_as_the_command_starts_is_one_line_and_exit_130(monkeypatch, capsys, tmp_path):
    """Ctrl+C in the first ~0.3 s of `shopbook daily SHOP` (numpy and pyarrow importing) printed a
    27-line traceback; now one plain line and exit 130, as later in the run."""
    from shopbook import start

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(start, "begin_for", interrupted)
    code, said = _run(monkeypatch, capsys, "daily", tmp_path)
    assert (code, said) == (130, "已中断 / interrupted\n")


def test_ctrl_c_at_a_prompt_is_interrupted_not_aborted(monkeypatch, capsys, tmp_path):
    """Ctrl+C at a question (email --retry's "send again?") ended "已取消 / aborted", exit 1, which a
    script reads as work for a person; now it is the interruption it is: exit 130, in the shop's language."""
    from shopbook.stock import workflow

    (tmp_path / "en").mkdir()
    code, _ = _run(monkeypatch, capsys, "init", tmp_path / "en", "--lang", "en")
    assert code == 0

    def asked(*a, **kw):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort() from None  # as click's prompt raises it

    monkeypatch.setattr(workflow, "stock_summary", asked)
    assert _run(monkeypatch, capsys, "stock", tmp_path / "en") == (130, "interrupted\n")
