"""The README's Periods paragraph said `202611` is refused, while every --month and --period reads it as
2026-11 (cli._yyyymm, as the exit-codes section says and scripts rely on). Now the paragraph says what the
command does: each form it names as read is read, each it names as refused is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopbook.cli import _month
from shopbook.issues import ShopbookError


def test_the_readme_names_the_months_a_command_reads_and_refuses():
    text = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    said = text[text.index("Periods are a year and a month"):]
    said = said[:said.index("saying what to type")]
    read, refused = said.split(" while ", 1)
    months = [m for m in re.findall(r"`([^`]+)`", read) if m.startswith("20") and "W" not in m and "周" not in m]
    assert "202611" in months and all(_month(m).startswith("2026-") for m in months), months
    for m in re.findall(r"`([^`]+)`", refused):
        with pytest.raises(ShopbookError):
            _month(m)
