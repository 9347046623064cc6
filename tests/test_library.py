"""shopbook used from Python, as a script writes it after reading the README and help(shopbook):
the calls run as written, results are typed, a bad input is one ShopbookError, nothing printed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def fresh_python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    """`code` in a new Python, as a script starts: nothing of shopbook imported before it."""
    return subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=cwd,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(SRC)})


def readme_library_calls() -> list[str]:
    """The calls the README's table gives for `import shopbook`."""
    row = next(ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
               if ln.startswith("| `import shopbook`"))
    return re.findall(r"`([^`]+)`", row.split("|")[3])


def test_the_readme_calls_run_after_a_bare_import_shopbook(demo_copy):
    calls = readme_library_calls()
    assert calls and all(c.startswith("shopbook.") for c in calls)
    code = "import shopbook\nfolder = 'shop'\n" + "".join(f"print(type({c}).__name__)\n" for c in calls)
    r = fresh_python(code, demo_copy.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["Validation", "ShopData"]


def test_help_shopbook_shows_a_script_that_runs(demo_copy):
    import shopbook

    example = shopbook.__doc__.split("::", 1)[1].split("\n\n")[1]
    code = "\n".join(ln[4:] for ln in example.splitlines()).replace('"my-shop"', "'shop'")
    r = fresh_python(code, demo_copy.parent)
    assert r.returncode == 0, r.stderr
