"""test_json_documents (every command's `--json` as one JSON document) on a stdout of another code page: the
same document, its characters as \\u escapes (moved from test_json_documents, unchanged)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import test_json_documents
from cli_run import SRC
from test_json_documents import ENTRY, argv, one_document

# test_json_documents's fixtures, bound here so that pytest finds them for the tests below
files = test_json_documents.files
shops = test_json_documents.shops


@pytest.mark.parametrize(("encoding", "lang", "line"), [("gbk", "zh", "daily S --date 2026-11-21"),
                                                       ("cp1252", "zh", "stock alerts S"), ("ascii", "en", "stock alerts S")])
def test_a_stdout_of_another_code_page_gets_the_document_all_the_same(encoding, lang, line, shops, files, tmp_path):
    """A Windows job's `shopbook daily SHOP --json > run.json` writes in the ANSI code page (cp936 has
    no ✓; cp1252 no Chinese): the document came out empty, exit 3 (UnicodeEncodeError). It is the same
    document, its characters as \\u escapes."""
    shop = Path(shutil.copytree(shops[lang][0], tmp_path / "shop"))
    r = subprocess.run([sys.executable, "-c", ENTRY, *map(str, argv(line, shop, files, lang))], check=False,
                       capture_output=True, timeout=300, env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": encoding})
    assert r.returncode in (0, 1), r.stderr.decode(encoding, "replace")[-1000:]
    doc = one_document(r.stdout.decode(encoding))
    assert doc and (doc["steps"] if isinstance(doc, dict) else doc[0]["name"]), doc
