"""test_json_documents (what scripts and cron jobs read: every command's `--json` as one JSON document, alike in
a Chinese and an English demo shop) for the commands that write the shop's workbooks: a file of its own so that
a second test worker runs them beside the commands that only read. (What `--json` left unsaid: test_json_documents_unsaid.)

Each runs on a fresh copy of the demo of its last 25 days (demo_shop.november_copy: every workbook, the same
report day, a fifth the size of the committed demo's 120 days), which it reads cold: its document has the same
keys there as on the 120 days, but for the commands of FULL_DEMO. (The commands that only read, in
test_json_documents, share one copy whose sheets are read once: there the 25 days save nothing.)"""

from __future__ import annotations

import demo_shop
import pytest
import test_json_documents as documents
from test_json_documents import WRITES, one_document_alike_in_both_languages

shops, files = documents.shops, documents.files  # (module-scoped fixtures: made again for this module)

# the commands run on the committed demo's 120 days: their document's keys (`documents.shape`, each
# command run on both shops and compared) differ on its last 25, keys the test would then not see
FULL_DEMO = {
    "stock summary S --as-of 2026-11-01": "[].last_receipt on 120 days; not on 25",
    "reconcile alipay S ALIPAY --apply": "balance_issues[], lines.ledger_only[] and exit 1 on 25 days; none, exit 0 on 120",
    "purchase receive S COUNT --po CG20261118-01": "calls[], payment on 120 days; wrong_items[] instead on 25",
}


@pytest.fixture(scope="module")
def november_shops(tmp_path_factory):
    """As `shops`, of the demo's last 25 days: {lang: (pristine copy, never run in; None: each command here
    runs in a copy of its own)}."""
    base = tmp_path_factory.mktemp("json-november")
    return {lang: (demo_shop.november_copy(base / f"pristine-{lang}", lang), None) for lang in ("zh", "en")}


@pytest.mark.parametrize("line", WRITES)
def test_every_json_command_prints_one_document_alike_in_both_languages(line, request, files, tmp_path):
    on = request.getfixturevalue("shops" if line in FULL_DEMO else "november_shops")
    one_document_alike_in_both_languages(line, on, files, tmp_path)
