"""Why the system refused a file, said in each language: its own text (strerror) is in the system's language
(English on a Linux server, Chinese on a Chinese Windows), whatever the shop's, and went into both lines
(a zh shop read "无法访问（No space left on device）")."""

from __future__ import annotations

import errno

import pytest

from shopbook.io.files import os_error_stop, os_reason
from shopbook.io.limits import check_regular
from shopbook.issues import ShopbookError


def test_a_real_refusal_is_said_in_each_language(tmp_path):
    (tmp_path / "orders.xlsx").write_bytes(b"")
    try:
        open(tmp_path / "orders.xlsx" / "x.xlsx", "rb")  # a part of the path is a file
    except OSError as e:
        said = os_error_stop(e, [])
    assert "路径中有一段不是文件夹" in said.zh and "Not a directory" not in said.zh, said.zh
    assert "a part of the path is not a folder" in said.en


@pytest.mark.parametrize("code,zh,en", [(errno.ENOSPC, "磁盘已满", "the disk is full"),
                                        (errno.EROFS, "磁盘或共享是只读的", "the disk or share is read-only"),
                                        (errno.EIO, "读写出错", "an input/output error")])
def test_the_common_refusals_have_words_of_their_own(code, zh, en):
    e = OSError(code, "System words", "ledger.xlsx")
    assert os_reason(e)[0].startswith(zh) and os_reason(e)[1].startswith(en)
    said = os_error_stop(e, ["a.xlsx"])
    assert zh in said.zh and "System words" not in said.zh and en in said.en and "停下之前已写入 1 个文件" in said.zh


def test_an_unknown_one_keeps_the_systems_text_and_a_file_check_says_it_too(tmp_path, monkeypatch):
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == ("Invalid cross-device link",) * 2
    import os

    def refuse(*a, **k):
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "x.xlsx"))

    (tmp_path / "x.xlsx").write_bytes(b"PK")
    monkeypatch.setattr(os, "stat", refuse)
    with pytest.raises(ShopbookError) as got:
        check_regular(tmp_path / "x.xlsx")
    assert "读写出错" in got.value.zh and "Input/output error" not in got.value.zh


def test_a_jobs_commit_refused_by_the_disk_says_why_in_each_language(tmp_path, monkeypatch):
    """The job's commit (io.journal) put the system's text into both lines: '无法替换文件（Input/output error;
    它可能正被 Excel 打开）'."""
    import os
    from pathlib import Path

    from platform_fixtures import pdd_row, write_pdd
    from shopbook.orders.workflow import import_orders, review
    from test_orders import build_shop

    shop = build_shop(tmp_path / "shop")
    import_orders(shop, [write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "SH-WH-M")])])
    real_replace = os.replace

    def replace(src, dst, *a, **kw):
        if Path(dst).name == "orders.xlsx":
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ShopbookError) as got:
        review(shop)
    assert "无法替换文件（读写出错" in got.value.zh and "Input/output error" not in got.value.zh, got.value.zh
    assert "an input/output error" in got.value.en
