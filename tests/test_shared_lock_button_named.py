"""A button's job names the button in the shop lock, in the shop's language: what a colleague waiting for the shop
and `shopbook doctor` (a job killed midway, one running on another PC) say of it. Before, a button took the lock
under the library's command (stock summary), which is no words on the ribbon of the person who pressed 库存汇总."""

from __future__ import annotations

import pytest

from blank_books import blank
from shopbook import xl
from shopbook.config import default_toml
from shopbook.io import lock
from xlfake import FakeBook


def _shop(folder, lang: str):
    folder.mkdir()
    (folder / "shopbook.toml").write_text(default_toml("店", lang), encoding="utf-8")
    for name in ("stock.xlsx", "orders.xlsx"):
        path, wb = blank(folder, name, lang)
        wb.save(path)
    return folder


@pytest.mark.parametrize("lang, named", [("zh", "Excel 按钮“库存汇总”"), ("en", 'Excel button "Stock summary"')])
def test_a_buttons_job_holds_the_lock_by_the_buttons_name(tmp_path, monkeypatch, lang, named):
    folder = _shop(tmp_path / "shop", lang)
    held = []
    monkeypatch.setattr(lock, "after_acquire", [*lock.after_acquire, lambda f: held.append(lock.read_holder(f)[0])])
    book = FakeBook(folder / "stock.xlsx")
    xl.stock_summary(book)
    assert held and held[0].command == named, held
    assert named in lock.holder_words(held[0])[0 if lang == "zh" else 1]  # what a colleague waiting, and doctor, say
    assert lock.label is None  # given back: a command after it in this process names itself


def test_every_button_entry_is_a_ribbon_buttons():
    """Each entry point that runs a job through xl._button is the entry of a ribbon button (its name is how the job
    finds its label): one renamed on one side only would name its job by its status-bar words, not the button's."""
    import ast
    import inspect

    from shopbook.addin.lite_files import ribbon_buttons

    tree = ast.parse(inspect.getsource(xl))
    entries = {f.name for f in tree.body if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")
               and any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "_button" for n in ast.walk(f))}
    assert len(entries) > 20 and entries <= {b["entry"] for b in ribbon_buttons()}, entries
