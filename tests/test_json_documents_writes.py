"""test_json_documents (what scripts and cron jobs read: every command's `--json` as one JSON document, alike in
a Chinese and an English demo shop) for the commands that write the shop's workbooks: a file of its own so that
a second test worker runs them beside the commands that only read. (What `--json` left unsaid: test_json_documents_unsaid.)"""

from __future__ import annotations

import pytest
import test_json_documents as documents
from test_json_documents import WRITES, one_document_alike_in_both_languages

shops, files = documents.shops, documents.files  # (module-scoped fixtures: made again for this module)


@pytest.mark.parametrize("line", WRITES)
def test_every_json_command_prints_one_document_alike_in_both_languages(line, shops, files, tmp_path):
    one_document_alike_in_both_languages(line, shops, files, tmp_path)
