"""Review: `email --retry` wrote a Message-ID into a waiting message broken in itself (no To; an address with Chinese
in it) before finding it cannot be sent, and into a file of a BOM alone (Notepad's empty file, said "set to = …"): a
file the shop must put right was changed under it. A broken message is said and left byte for byte; a BOM alone is an
empty file; the sound message beside them goes."""

from __future__ import annotations

import email.utils

from blank_books import blank
from cli_run import shopbook
from test_mail_retry_message_broken import server  # noqa: F401 (the loopback SMTP server of that module)


def test_broken_messages_are_left_as_they_are(server, tmp_path):  # noqa: F811
    keep, port = server
    folder = tmp_path / "shop"
    (folder / "outbox").mkdir(parents=True)
    (folder / "shopbook.toml").write_text(f'[shop]\nlanguage = "zh"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                                          'security = "none"\n[email]\nto = ["boss@shop.test"]\n', encoding="utf-8")
    blank(folder, "orders.xlsx", "zh")
    now = email.utils.formatdate(localtime=True)
    files = {name: f"From: shop@shop.test\r\nDate: {now}\r\nSubject: {name}\r\n{head}\r\nfigures\r\n".encode()
             for name, head in {"no-to.eml": "", "cn-to.eml": "To: 老板@shop.test\r\n",
                                "good.eml": "To: boss@shop.test\r\n"}.items()}
    files["bom.eml"] = b"\xef\xbb\xbf"
    for name, data in files.items():
        (folder / "outbox" / name).write_bytes(data)
    before = len(keep.messages)
    r = shopbook("email", folder, "--retry", "--all")
    said = r.stdout + r.stderr
    assert r.returncode == 1 and [m for m in keep.messages[before:] if b"Subject: good.eml" in m], said
    assert len(keep.messages) == before + 1, said
    for name in ("no-to.eml", "cn-to.eml", "bom.eml"):
        assert (folder / "outbox" / name).read_bytes() == files[name], name  # left byte for byte
    assert "没有收件人" in said and "老板@shop.test" in said, said
    assert "这个文件是空的（3 字节，没有内容）" in said, said  # (the BOM alone: said as the empty file it is)
