"""QA: an attachment's Chinese file name (日报-2026-11-21.xlsx, an agent's statement) was only in
Content-Disposition as RFC 2231 (filename*=utf-8''…, cut into filename*0*, filename*1* … when long),
with no name on Content-Type. Outlook over POP/IMAP and QQ Mail / Foxmail, which do not read RFC 2231,
showed the report as ATT00001.bin or tcmime.….bin: no name, no .xlsx to open it with. Now Content-Type
also names it in RFC 2047 words, as Outlook and Thunderbird write it, and the message goes out with
that header as written. Checked on what a real SMTP server on loopback received."""

from __future__ import annotations

import email
import io
from email import policy
from email.header import decode_header, make_header

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report import mail
from test_daily import demo_like_shop
from test_mail_exactly_once import serve  # noqa: F401 (the fixture, asked for by name below)

runner = CliRunner()


def as_2047_reader(raw: bytes) -> list[str]:
    """The attachments' names as a client that reads no RFC 2231 sees them: Content-Type's name,
    its RFC 2047 words decoded ("" where there is none)."""
    names = []
    for part in email.message_from_bytes(raw).walk():  # (compat32: parameters as written)
        if part.get_content_disposition() == "attachment":
            name = part.get_param("name") or ""
            names.append(str(make_header(decode_header(name))) if name else "")
    return names


def test_the_daily_report_s_chinese_name_reads_in_either_encoding(tmp_path, serve):  # noqa: F811
    handler, port = serve()
    shop = demo_like_shop(tmp_path, port)
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    [raw] = handler.messages
    assert as_2047_reader(raw) == ["日报-2026-11-21.xlsx"]
    [att] = email.message_from_bytes(raw, policy=policy.default).iter_attachments()
    assert att.get_filename() == "日报-2026-11-21.xlsx"  # RFC 2231, as before
    assert "日报明细" in openpyxl.load_workbook(io.BytesIO(att.get_content())).sheetnames  # it opens


def test_a_long_name_is_words_on_lines_of_their_own_and_goes_out_as_written(tmp_path, serve):  # noqa: F811
    handler, port = serve()
    shop = demo_like_shop(tmp_path, port)
    name = "代理对账单-DL003-广州优品服饰有限公司（华南区总代理）-2026年10月-含退货与返利明细.xlsx"
    (shop.reports / name).parent.mkdir(exist_ok=True)
    (shop.reports / name).write_bytes(b"PK\x03\x04 statement")
    msg = mail.build_message(mail.Outgoing("对账单", "<p>见附件</p>", "见附件", ["boss@shop.test"], "shop@shop.test",
                                           [shop.reports / name]))
    d = mail.send_or_keep(shop.config, shop.outbox, msg)  # kept in outbox/, read back from it and sent
    assert d.sent, d.error
    [raw] = handler.messages
    assert as_2047_reader(raw) == [name]
    [att] = email.message_from_bytes(raw, policy=policy.default).iter_attachments()
    assert att.get_filename() == name and att.get_content() == b"PK\x03\x04 statement"
    assert all(len(line) <= 998 for line in raw.split(b"\r\n")) and b"=?utf-8?q?" not in raw  # (nor its type)


def test_a_report_written_beside_the_one_open_in_excel_is_attached_by_the_report_s_name(tmp_path):
    # the boss had 日报-2026-11-21.xlsx open in Excel: this run's report went beside it as
    # 日报-2026-11-21 (2).xlsx, and the e-mail carried that name, this computer's, as if a second version
    from shopbook.io.files import write_atomic

    report = tmp_path / "日报-2026-11-21.xlsx"
    report.write_bytes(b"PK\x03\x04 yesterday's run")
    (tmp_path / "~$日报-2026-11-21.xlsx").write_bytes(b"\x05alice" + b" " * 48)  # Excel's owner file
    written = write_atomic(report, lambda p: p.write_bytes(b"PK\x03\x04 this run"), keep_backup=False, report=True)
    assert written.name == "日报-2026-11-21 (2).xlsx"
    msg = mail.build_message(mail.Outgoing("日报", "<p>x</p>", "x", ["boss@shop.test"], "shop@shop.test", [written]))
    [att] = msg.iter_attachments()
    assert att.get_filename() == "日报-2026-11-21.xlsx" and att.get_content() == b"PK\x03\x04 this run"
    assert as_2047_reader(msg.as_bytes()) == ["日报-2026-11-21.xlsx"]
