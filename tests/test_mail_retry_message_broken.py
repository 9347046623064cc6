"""`shopbook email SHOP --retry` with a message in outbox/ that is broken in itself. One naming nobody (no To) was said in
both languages in either shop, Chinese and English one after the other, as the server's failures are (those go to
whoever looks after the server); it is the shop's to put right, in the shop's language alone now. One whose header
the e-mail package cannot parse (a Message-ID of a lone '<', a To of 'a@[1.2.3') stopped the whole --retry with an
internal error (IndexError, AttributeError), no message sent; it is said now, located (its file, the line, what to
do), and the others go."""

from __future__ import annotations

import email.utils

import pytest
from smtp_loopback import serving

from blank_books import blank
from cli_run import CJK, shopbook

BROKEN = {"no-to.eml": "", "bad-id.eml": "Message-ID: <\r\nTo: boss@shop.test\r\n",
          "bad-to.eml": "To: a@[1.2.3\r\n", "bad-word.eml": "To: =?utf-8?b?!!!?=\r\n"}


@pytest.fixture(scope="module")
def server():
    with serving() as kept:
        yield kept


@pytest.fixture(scope="module", params=["zh", "en"])
def run(request, server, tmp_path_factory):
    keep, port = server
    lang = request.param
    folder = tmp_path_factory.mktemp(lang) / "shop"
    (folder / "outbox").mkdir(parents=True)
    (folder / "shopbook.toml").write_text(f'[shop]\nlanguage = "{lang}"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                                          'security = "none"\n[email]\nto = ["boss@shop.test"]\n', encoding="utf-8")
    blank(folder, "orders.xlsx", lang)  # (a shop folder)
    now = email.utils.formatdate(localtime=True)
    for name, head in {**BROKEN, "good.eml": "To: boss@shop.test\r\n"}.items():
        (folder / "outbox" / name).write_bytes(f"From: shop@shop.test\r\nDate: {now}\r\nSubject: {name}\r\n{head}\r\n"
                                               "figures\r\n".encode())
    before = len(keep.messages)
    r = shopbook("email", folder, "--retry")
    return lang, folder, r, keep.messages[before:]


def test_each_broken_message_is_said_and_the_others_go(run):
    lang, folder, r, sent = run
    said = r.stdout + r.stderr
    assert r.returncode == 1 and "internal error" not in said and "内部错误" not in said, said
    assert [m for m in sent if b"Subject: good.eml" in m] and len(sent) == 1, sent  # the sound one went
    assert (folder / "outbox" / "sent" / "good.eml").is_file()
    for name in BROKEN:
        assert (folder / "outbox" / name).is_file()  # kept, not sent
        head = ("✗ 未发送，留在：" if lang == "zh" else "✗ not sent, kept in: ") + str(folder / "outbox" / name)
        assert head in said, said
    if lang == "zh":
        assert "没有收件人" in said and "Message-ID 一行读不出来（“<”）" in said and "To 一行读不出来（“a@[1.2.3”）" in said, said
    else:
        assert "names no recipient" in said and "Message-ID line does not read ('<')" in said, said
        assert "To line does not read ('a@[1.2.3')" in said, said


def test_in_the_shop_s_language_alone(run):
    lang, _, r, _ = run
    lines = (r.stdout + r.stderr).splitlines()
    if lang == "zh":
        assert not [ln for ln in lines if "This waiting message" in ln or "not sent" in ln], lines
    else:
        assert not [ln for ln in lines if CJK.search(ln)], lines


def test_a_message_naming_nobody_is_said_in_one_language(tmp_path):
    """The library's words (Delivery.said, what the CLI and the 发邮件 button print): the zh column in Chinese, the en
    column in English, where both columns were the two languages one after the other."""
    from shopbook.config import ShopConfig, SmtpSection
    from shopbook.report.mail import deliver

    (tmp_path / "no-to.eml").write_bytes(b"From: shop@shop.test\r\nSubject: note\r\n\r\nfigures\r\n")
    [d] = deliver(ShopConfig(smtp=SmtpSection(host="127.0.0.1", port=9)), tmp_path, [tmp_path / "no-to.eml"])
    said = d.said(True)
    zh, en = "\n".join(z for _, z, _ in said), "\n".join(e for _, _, e in said)
    assert not d.sent and "没有收件人" in zh and "names no recipient" in en, said
    assert not CJK.search(en) and "not sent" not in zh and "recipient" not in zh, said


def test_an_empty_file_is_said_empty_and_left_as_it_is(tmp_path):
    """A 0-byte .eml (a save cut off) was said to name no recipient ('set to = … under [email]', a setting with
    nothing to do with it), and a Message-ID was written into it."""
    from shopbook.config import ShopConfig, SmtpSection
    from shopbook.report.mail import deliver

    for name, data in (("empty.eml", b""), ("zeros.eml", b"\0" * 512)):
        (tmp_path / name).write_bytes(data)
        [d] = deliver(ShopConfig(smtp=SmtpSection(host="127.0.0.1", port=9)), tmp_path, [tmp_path / name])
        said = d.said(True)
        zh, en = "\n".join(z for _, z, _ in said), "\n".join(e for _, _, e in said)
        assert not d.sent and f"这个文件是空的（{len(data)} 字节，没有内容）" in zh and "The file is empty" in en, said
        assert "to = " not in zh + en and (tmp_path / name).read_bytes() == data, said
