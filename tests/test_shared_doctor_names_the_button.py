"""An Excel button's job cut off while it wrote its files (Excel closed, the PC's power cut): `shopbook doctor` names
the button the person pressed, as its job held the shop lock, not a command line nobody typed, nor "'Excel 按钮
“拣货单”' (its shopbook picklist part)", the words for one part of a command line a person ran."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_run import SRC, flat, shopbook
from test_concurrency import small_shop

PRESS = """import sys
sys.path.insert(0, {tests!r})
from xlfake import FakeBook
from shopbook import xl
xl.picklist(FakeBook({book!r}))
"""


def test_doctor_names_the_button_whose_job_was_cut_off(tmp_path):
    folder = tmp_path / "店铺"
    small_shop(folder)
    env = {**os.environ, "PYTHONPATH": str(SRC), "SHOPBOOK_CRASH_AT": "journal"}  # (killed once its journal is written)
    code = PRESS.format(tests=str(Path(__file__).parent), book=str(folder / "orders.xlsx"))
    cut = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert cut.returncode == 86, cut.stdout + cut.stderr
    up = shopbook("doctor", folder)
    said = flat(up.stdout + up.stderr)
    assert up.returncode == 0, said
    assert flat("店铺锁属于一个已经不在运行的任务（") in said and flat(", Excel 按钮“拣货单”, ") in said, said  # its lock
    assert flat("Excel 按钮“拣货单”在写入多个文件时被中断") in said, said
    assert "shopbookpicklist" not in said and "“picklist”" not in said, said


def test_the_next_command_after_a_button_cut_off_says_it_once(tmp_path):
    """The next writing command finishes the button's job and says so, once: the button's pick list was its whole
    job, not a step of a longer one whose later steps never ran (said of `shopbook daily`'s pick list step)."""
    folder = tmp_path / "店铺"
    small_shop(folder)
    env = {**os.environ, "PYTHONPATH": str(SRC), "SHOPBOOK_CRASH_AT": "journal"}
    code = PRESS.format(tests=str(Path(__file__).parent), book=str(folder / "orders.xlsx"))
    cut = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert cut.returncode == 86, cut.stdout + cut.stderr
    r = shopbook("stock", folder)
    said = flat(r.stdout + r.stderr)
    assert flat("Excel 按钮“拣货单”在写入多个文件时被中断") in said, said
    assert "之后的步骤" not in said and "上一个写入任务没有正常结束" not in said, said
