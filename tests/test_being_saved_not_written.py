"""QA: an export cut off as it downloaded (a .xlsx with a zip's start and no end), given to `orders import` a
moment after, was waited for 6 s and then said to be "being saved by another program (Excel, WPS, a sync
client…): wait until it is saved": nothing was saving it, and the person waited for nothing. A workbook cut
short that did not change once in the waits is now said as what it may be: still being written (wait), or a
download or copy cut off, or damaged (download it again); a save that goes on changing it is still a save."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook


def test_an_export_cut_off_and_unchanged_through_the_waits_is_said_as_cut_off(tmp_path, monkeypatch):
    shop = tmp_path / "shop"
    assert shopbook("init", shop).returncode == 0
    cut = tmp_path / "ExportOrderList202611221030.xlsx"
    cut.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a zip's first bytes, the rest never came
    before = {p: p.read_bytes() for p in shop.glob("*.xlsx")}
    monkeypatch.setenv("SHOPBOOK_SAVE_WAITS", "0.2,0.3")
    r = shopbook("orders", "import", shop, cut)
    said = flat(r.stdout + r.stderr)
    assert r.returncode == 2, said
    assert "这个工作簿不完整（文件没有结尾），等了0.5秒也没有变化" in said, said
    assert flat("如果没有，它就是下载或复制中断了，或已经损坏：请重新下载或导出它") in said, said
    assert "did not change in 0.5 seconds of waiting" in " ".join((r.stdout + r.stderr).split())
    assert "正在被其他程序保存（" not in said and "Traceback" not in said, said
    assert {p: p.read_bytes() for p in shop.glob("*.xlsx")} == before  # nothing written


def test_a_file_found_being_saved_only_after_the_last_wait_is_a_save_begun(tmp_path, monkeypatch):
    """The waits are counted from when each file was first found being saved: stock.xlsx met mid-save only at
    the last try (a sync client began writing it in the last wait) is a save begun, never 'did not change in
    6 seconds: download it again'; one found so from the first try and never changed is said unchanged."""
    from shopbook.io import files

    monkeypatch.setenv("SHOPBOOK_SAVE_WAITS", "0.01,0.02")
    monkeypatch.setattr(files, "_waited_out", {})
    a, b = tmp_path / "orders.xlsx", tmp_path / "stock.xlsx"
    a.write_bytes(b"PK\x03\x04")
    b.write_bytes(b"PK\x03\x04")
    calls = []

    def read():
        calls.append(1)
        raise files.BeingSaved(a if len(calls) < 3 else b)

    with pytest.raises(files.BeingSaved) as e:
        files.after_saves(read)
    assert len(calls) == 3 and type(e.value) is files.BeingSaved and str(e.value.path) == str(b)  # (no NotWritten)

    def still_a():
        raise files.BeingSaved(a)

    monkeypatch.setattr(files, "_waited_out", {})
    with pytest.raises(files.NotWritten) as e:
        files.after_saves(still_a)
    assert "did not change in 0.03 seconds" in e.value.en, e.value.en
