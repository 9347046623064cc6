"""A character no one sees (a zero-width space pasted from a chat with the address) is left out of every
word shopbook reads — headers, codes, accounts — but an e-mail address or a bot's webhook holding one was
refused as holding "a character no e-mail address can" while it looked exactly right. They are read as
they look, as every other word is."""

from __future__ import annotations

from shopbook.config import BotSection, EmailSection
from shopbook.report.bots import _url
from shopbook.report.mail import cell_addresses


def test_an_address_with_an_unseen_character_is_read_as_it_looks():
    assert cell_addresses("boss@qq.com\u200b、\ufeffops@shop.test") == (["boss@qq.com", "ops@shop.test"], None)
    assert EmailSection(to="boss@qq.com\u200b").to == ["boss@qq.com"]


def test_a_webhook_with_an_unseen_character_is_read_as_it_looks():
    bot = BotSection(kind="wecom", url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc\u200b")
    assert _url(bot) == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"
