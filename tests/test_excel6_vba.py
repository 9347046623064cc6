"""QA (excel6): the VBA modules of shopbook's own, as the built add-in holds them, declare Option
Explicit before their first procedure: without it VBA takes a mistyped name for a new Variant
(Empty), and a button or the function wizard's help does nothing, with no compile error to say
why. ThisWorkbook, the sheet module and the generated cell-function wrappers lacked it; Ribbon had it. xlwings.bas
is xlwings' own, shipped as it is (its version pinned), and exempt."""

from __future__ import annotations

import re

from shopbook.addin.build import build_addin, read_vba_sources, repo_macros

XLWINGS_OWN = {"xlwings"}


def test_every_module_of_shopbooks_own_declares_option_explicit_before_its_procedures(tmp_path):
    sources = read_vba_sources(build_addin(repo_macros(), tmp_path / "shopbook.xlam"))
    assert {"Ribbon", "ThisWorkbook", "xlwings_udfs", "Dictionary"} <= set(sources)
    lacking = []
    for name, src in sources.items():
        if name in XLWINGS_OWN:
            continue
        text = src.decode("cp1252")
        first = re.search(r"^(?:(?:Public|Private|Friend)\s+)?(?:Sub|Function|Property)\s", text, re.MULTILINE)
        head = text[:first.start()] if first else text
        if not re.search(r"^Option Explicit\s*$", head, re.MULTILINE):
            lacking.append(name)
    assert lacking == []
