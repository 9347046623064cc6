"""Every ribbon button's Python command, as Ribbon.bas builds it for xlwings' RunPython, runs against
the real shopbook.xl entry point with the arguments it passes (bound to the entry's own signature:
a `path=` an entry lacked, or a required argument no button gives, would be a TypeError in Excel's
error box)."""

from __future__ import annotations

import inspect
import re

from shopbook import xl
from shopbook.addin.build import repo_macros, ribbon_actions

RIBBON = (repo_macros() / "Ribbon.bas").read_text(encoding="cp1252")
CHOSEN = "C:\\Users\\张三\\Desktop\\订单 1.csv|C:\\Users\\张三\\Desktop\\订单 2.csv"


def py_text(s: str) -> str:
    """Ribbon.bas' PyText, transcribed: a Python literal of `s` with every ASCII mark but " ._-/:" as \\xNN."""
    return "'" + "".join(c if ord(c) >= 128 or c.isalnum() or c in " ._-/:" else f"\\x{ord(c):02X}" for c in s) + "'"


def commands() -> dict[str, list[str]]:
    """Sub name → the Python command(s) its press hands RunPython (AskFilesFirst: Yes and No)."""
    prefix = re.search(r'RunPython "(import shopbook\.xl; shopbook\.xl\.)" & pythonCall', RIBBON).group(1)
    out = {}
    for sub, body in re.findall(r"^Sub (\w+)\(control As IRibbonControl\)\r?\n(.*?)^End Sub", RIBBON, re.MULTILINE | re.DOTALL):
        run = re.search(r'^\s+RunShopbook "([^"]+)"', body, re.MULTILINE)
        picked = re.search(r'^\s+(WithFile|AskFilesFirst) "(\w+)"', body, re.MULTILINE)
        assert bool(run) != bool(picked), (sub, body)  # each press goes through one of the helpers
        if run:
            out[sub] = [prefix + run.group(1)]
        else:
            with_file = f"{prefix}{picked.group(2)}(path={py_text(CHOSEN)})"
            out[sub] = [with_file] if picked.group(1) == "WithFile" else [with_file, f"{prefix}{picked.group(2)}()"]
    return out


def test_every_button_calls_a_real_entry_with_arguments_it_takes(monkeypatch):
    got = []

    def bound(name):
        real = getattr(xl, name)
        sig = inspect.signature(real)
        return lambda *a, **k: got.append((name, sig.bind(*a, **k).arguments))  # TypeError where it does not fit

    cmds = commands()
    assert {a.split(".", 1)[1] for a in ribbon_actions((repo_macros() / "customUI.xml").read_bytes())} == set(cmds)
    for sub, runs in cmds.items():
        for command in runs:
            assert '"' not in command, command  # RunPython passes it inside -c "..."
            name = re.search(r"shopbook\.xl\.(\w+)\(", command).group(1)
            assert callable(getattr(xl, name, None)), (sub, name)
            monkeypatch.setattr(xl, name, bound(name))
            got.clear()
            exec(command, {})  # noqa: S102 - what python -c runs
            assert got and got[0][0] == name, (sub, command)
            assert got[0][1] in ({}, {"path": CHOSEN}), (sub, command, got)
