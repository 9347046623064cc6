"""The command line at its edges: output piped into a reader that stops early."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHOPBOOK = Path(sys.executable).with_name("shopbook")


@pytest.mark.skipif(not SHOPBOOK.exists() or not shutil.which("head"), reason="needs the installed shopbook and head")
def test_output_piped_into_head_ends_quietly(tmp_path):
    """Before, `shopbook stock alerts SHOP | head -1` ended in a traceback: the broken pipe's
    exit reached a handler naming an exception typer does not have."""
    shop = tmp_path / "shop"
    subprocess.run([str(SHOPBOOK), "demo", str(shop)], check=True, capture_output=True)
    r = subprocess.run(f"'{SHOPBOOK}' stock alerts '{shop}' | head -1", shell=True, capture_output=True, text=True,
                       executable="/bin/bash")
    assert r.stdout.count("\n") == 1
    assert "Traceback" not in r.stderr and "Error" not in r.stderr, r.stderr
