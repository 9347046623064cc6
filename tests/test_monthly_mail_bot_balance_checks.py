"""The monthly e-mail and the monthly bot message beside a 余额核对 that disagrees, on the demo shop's
real workbooks: the e-mail through a real SMTP server on loopback, the bot message through a real HTTP
server answering as 企业微信 does.

`report monthly` says a failing check (test_monthly_balance_checks). Before, the e-mail and the bot
message, where the boss reads the month, said nothing of it. Now the e-mail says each check under
the figures (the daily e-mail's 问题 heading) and that the attached review's P&L may be wrong, in the
words `report monthly` prints; the bot message says the first check (and how many more) and why the
Net may be wrong among its 待办. Checks that agree leave both as they were."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_run import command_built_once  # noqa: F401 (the fixture, for pytestmark below)
from demo_shop import demo_copy
from shopbook.cli import app
from test_bots import server  # noqa: F401 (a real HTTP server on loopback answering as the bots do)
from test_mail_exactly_once import serve  # noqa: F401 (a real SMTP server on loopback)
from test_monthly_balance_checks import CHECK_ROW, check_typed_wrong

runner = CliRunner()
ATTACHED = {"zh": "月报-2026-11.xlsx", "en": "monthly-2026-11.xlsx"}


pytestmark = pytest.mark.usefixtures("wide_console", "command_built_once")  # one line a message, the path whole


def place(lang: str) -> str:
    return f"ledger.xlsx › {'余额核对' if lang == 'zh' else 'Balance checks'} › C{CHECK_ROW}"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The shops and their results, each made once for the module: the tests only read them. Each
    (lang, wrong) shop is one copy of the demo (the check typed wrong in it once), copied again for
    the e-mail and for the bot message, as each test made its own before; the e-mail and the bot
    message of each are sent once (the same figures' test read the ones the other tests read)."""
    return {"base": tmp_path_factory.mktemp("monthly-mail-bot")}


def fresh(made, lang: str, wrong: bool, what: str):
    """A fresh copy of the demo shop, its check typed wrong when `wrong`."""
    base = made["base"]
    if (lang, wrong) not in made:
        folder = demo_copy(base / f"{lang}-{wrong}", lang)
        if wrong:
            check_typed_wrong(folder, lang)
        made[lang, wrong] = folder
    return Path(shutil.copytree(made[lang, wrong], base / what / f"{lang}-{wrong}" / "shop"))


def mailed(made, serve, lang: str, wrong: bool):  # noqa: F811
    """The demo shop's November review e-mailed through the SMTP server: (html, text, `report monthly`'s
    lines, the shop's folder)."""
    if ("mail", lang, wrong) in made:
        return made["mail", lang, wrong]
    folder = fresh(made, lang, wrong, "mail")
    handler, port = serve()
    toml = folder / "shopbook.toml"
    cfg = toml.read_text(encoding="utf-8")
    for a, b in (('host = ""', 'host = "127.0.0.1"'), ("port = 587", f"port = {port}"),
                 ('security = "starttls"', 'security = "none"'), ("to = []", 'to = ["boss@shop.test"]')):
        assert a in cfg, a
        cfg = cfg.replace(a, b, 1)
    toml.write_text(cfg, encoding="utf-8")
    r = runner.invoke(app, ["email", str(folder), "--report", "monthly", "--period", "2026-11"])
    assert r.exit_code == 0, r.stdout + r.stderr
    (raw,) = handler.messages
    msg = email.message_from_bytes(raw, policy=policy.default)
    said = runner.invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"]).output.splitlines()
    made["mail", lang, wrong] = (msg.get_body(("html",)).get_content(), msg.get_body(("plain",)).get_content(),
                                 said, folder)
    return made["mail", lang, wrong]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_email_says_a_failing_balance_check_under_its_figures(made, serve, lang):  # noqa: F811
    zh = lang == "zh"
    html, text, said, folder = mailed(made, serve, lang, wrong=True)
    # `report monthly`'s warnings, word for word: each check located, then why the P&L may be wrong,
    # after the attached review's name (the CLI names the file's whole path)
    partial, *warned = [ln[2:] for ln in said if ln.startswith("! ")]  # (first: the demo's days after 11-21)
    assert partial.startswith("2026-11 的 30 天里只有 21 天" if zh else "Only 21 of the 30 days of 2026-11")
    assert len(warned) == 2 and place(lang) in warned[0] and ("相差 +¥100.00" if zh else "by +¥100.00") in warned[0]
    path = str(folder / "reports" / ATTACHED[lang])
    closing = ATTACHED[lang] + warned[1][len(path):]
    assert closing.startswith(ATTACHED[lang] + ("：利润表可能不对。1 个余额核对" if zh else
                                                ": the P&L may be wrong. 1 balance check disagrees"))
    lines = text.splitlines()
    roi = next(i for i, ln in enumerate(lines) if ln.startswith("净额" if zh else "Net"))  # the last figure
    assert lines[roi + 1:roi + 5] == ["", "问题：" if zh else "Problems:", f"  {warned[0]}", f"  {closing}"], text
    # the HTML: under the figures' table, before the charts, escaped as the rest of it is
    e = (lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    section = (f"</table><h3 style='color:#C00000;'>{'问题' if zh else 'Problems'}</h3><ul id='balance-checks'>"
               f"<li>{e(warned[0])}</li><li>{e(closing)}</li></ul><p><img")
    assert section in html, html
    assert ("P&amp;L may be wrong" in html and "P&L may" not in html) if not zh else "the P&L" not in text + html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_balance_checks_that_agree_leave_the_monthly_email_as_it_was(made, serve, lang):  # noqa: F811
    html, text, said, _ = mailed(made, serve, lang, wrong=False)
    # only the demo's days after 11-21 are said (test_review_days_missing), no balance check
    (partial,) = [ln for ln in said if ln.startswith("! ")]
    lines = text.splitlines()
    assert lines[1] == "" and lines[2] == partial[2:] and lines[-1].startswith("净额" if lang == "zh" else "Net"), text
    assert all((": " if lang == "en" else "：") in ln for ln in lines[3:]), text
    assert "balance-checks" not in html and ("问题" if lang == "zh" else "Problems") not in text + html
    assert "</table><p><img" in html


def pushed(made, server, lang: str, wrong: bool) -> str:  # noqa: F811
    """The demo shop's November review pushed to a 企业微信 bot: the markdown the group got."""
    if ("bot", lang, wrong) in made:
        return made["bot", lang, wrong]
    folder = fresh(made, lang, wrong, "bot")
    with open(folder / "shopbook.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[[bots]]\nkind = "wecom"\nurl = "{server.base}/wecom?key=abc"\n')
    r = runner.invoke(app, ["push", str(folder), "--report", "monthly", "--period", "2026-11"])
    assert r.exit_code == 0, r.output
    (body,) = [b for p, _, b in server.received if p == "/wecom"]
    made["bot", lang, wrong] = body["markdown"]["content"]
    return made["bot", lang, wrong]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_bot_message_says_a_failing_balance_check_in_two_lines(made, server, lang):  # noqa: F811
    zh = lang == "zh"
    lines = pushed(made, server, lang, wrong=True).splitlines()
    net = lines.index(next(ln for ln in lines if ln.startswith("- **净额**" if zh else "- **Net**")))
    assert lines[net + 1:net + 3] == ["", "**待办**" if zh else "**To do**"], lines
    partial, check, why = lines[net + 3:]  # (first: the demo's days after 11-21, none)
    assert partial.startswith("- 2026-11 的 30 天里只有 21 天" if zh else "- Only 21 of the 30 days of 2026-11")
    assert check.startswith(f"- {place(lang)}") and ("相差 +¥100.00" if zh else "by +¥100.00") in check
    assert why.startswith("- 利润表可能不对。1 个余额核对" if zh else "- The P&L may be wrong. 1 balance check disagrees")


def test_more_failing_checks_are_cut_to_the_first_and_counted_in_the_bot_message(tmp_path, server):  # noqa: F811
    import openpyxl

    from shopbook.schema import BalanceCheck

    folder = tmp_path / "shop"
    demo_copy(folder, "en")
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb[BalanceCheck.en]
    ws.append([ws.cell(CHECK_ROW, c).value for c in range(1, ws.max_column + 1)])  # the same check again, wrong
    ws.cell(ws.max_row, 3).value = 82409.77 + 7
    ws.cell(CHECK_ROW, 3).value = 82409.77 + 100
    wb.save(folder / "ledger.xlsx")
    with open(folder / "shopbook.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[[bots]]\nkind = "wecom"\nurl = "{server.base}/wecom?key=abc"\n')
    r = runner.invoke(app, ["push", str(folder), "--report", "monthly", "--period", "2026-11"])
    assert r.exit_code == 0, r.output
    (body,) = [b for p, _, b in server.received if p == "/wecom"]
    todo = body["markdown"]["content"].split("**To do**\n")[1].splitlines()
    todo = todo[1:]  # (first: the demo's days after 11-21, none)
    assert len(todo) == 3 and todo[0].startswith(f"- {place('en')}"), todo
    assert todo[1] == "- … and 1 more; shopbook validate lists them all"
    assert todo[2].startswith("- The P&L may be wrong. 2 balance checks disagree with")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_balance_checks_that_agree_leave_the_monthly_bot_message_as_it_was(made, server, lang):  # noqa: F811
    lines = pushed(made, server, lang, wrong=False).splitlines()
    # the figures, and in 待办 only the demo's days after 11-21 (test_review_days_missing)
    todo = lines.index("**待办**" if lang == "zh" else "**To do**")
    assert lines[todo - 2].startswith("- **净额**" if lang == "zh" else "- **Net**") and len(lines) == todo + 2, lines
    assert lines[todo + 1].startswith("- 2026-11 的 30 天里只有 21 天" if lang == "zh" else "- Only 21 of the 30 days")
    assert all(ln.startswith("- **") for ln in lines[1:todo - 1]), lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_email_and_bot_message_say_the_same_figures(made, serve, server, lang):  # noqa: F811
    """QA: the group message said the month's 净额 (¥…) and the boss's e-mail, made from a list of
    its own, did not: now one list (monthly.key_figures) for both, to the fen. (The e-mail and the
    bot message the other tests read, each sent once for the module.)"""
    html, text, _, _ = mailed(made, serve, lang, wrong=False)
    colon = "：" if lang == "zh" else ": "  # (a zh line full-width, the e-mail's as the bot's)
    figures = [ln for ln in text.splitlines()[3:] if colon in ln]
    md = pushed(made, server, lang, wrong=False).split("\n\n")[0].splitlines()[1:]
    assert [ln.replace("- **", "").replace("**：", colon).replace("**: ", colon) for ln in md] == figures, (md, figures)
    assert figures[-1].startswith("净额：¥" if lang == "zh" else "Net: ¥"), figures
