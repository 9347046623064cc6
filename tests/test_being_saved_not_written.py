"""QA: an export cut off as it downloaded (a .xlsx with a zip's start and no end), given to `orders import` a
moment after, was waited for 6 s and then said to be "being saved by another program (Excel, WPS, a sync
client…): wait until it is saved": nothing was saving it, and the person waited for nothing. A workbook cut
short that did not change once in the waits is now said as what it may be: still being written (wait), or a
download or copy cut off, or damaged (download it again); a save that goes on changing it is still a save."""

from __future__ import annotations

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
