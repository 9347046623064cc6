"""`shopbook email` whose report could not be made stops saying why in the shop's language alone:
the step's reason is said in that language, as the daily job's step table says it."""

from __future__ import annotations

from cli_run import CJK, shopbook
from demo_shop import demo_copy


def test_an_email_not_made_is_said_in_the_shops_language_alone(tmp_path):
    """A folder named as the day's report (reports/daily-2026-11-21.xlsx/) in an English shop:
    `email` stopped with '✗ 日报邮件没有生成：daily-2026-11-21.xlsx: A folder of this name …' (a Chinese
    head on the English reason) over 'The report e-mail was not made: …', and a Chinese shop got
    the Chinese reason under an English head. Each shop now reads its own language alone, exit 2,
    nothing sent."""
    for lang, name, said in (
            ("en", "daily-2026-11-21.xlsx", "✗ The report e-mail was not made: daily-2026-11-21.xlsx: A folder of "
                                            "this name is where shopbook writes this file"),
            ("zh", "日报-2026-11-21.xlsx", "✗ 日报邮件没有生成：日报-2026-11-21.xlsx：这里有一个同名的文件夹")):
        shop = demo_copy(tmp_path / lang, lang)
        (shop / "reports" / name).mkdir(parents=True)
        r = shopbook("email", shop, "--date", "2026-11-21")
        text = " ".join(r.stderr.split())
        assert r.returncode == 2 and said in text, r.stdout + r.stderr
        if lang == "en":
            assert not CJK.search(text), text
        else:
            assert "e-mail" not in text and "folder" not in text, text
        assert not list((shop / "outbox").glob("*.eml"))
