"""A button that met an error of the PC's file system no reader turned into a stop — a shop workbook that
OneDrive has not downloaded (its cloud provider not running), a shared folder gone mid-run — ended on
xlwings' box of the Python traceback, in English, naming no file the person could act on; the CLI says
"✗ FILE：无法访问（…）；什么都没有写入。" Now the box says that too, in both languages (a stop about a
file), with what was written before it."""

from __future__ import annotations

import errno

from shopbook import xl
from shopbook.shop import init_shop
from xlfake import FakeBook

CLOUD = "云文件提供程序未运行。"  # Windows' words (WinError 362), as a Chinese Windows says them


def _offline(path):
    def read(*a, **kw):
        raise OSError(errno.EINVAL, CLOUD, str(path))
    return read


def test_a_shop_workbook_onedrive_has_not_downloaded_is_said_at_its_file_not_as_a_traceback(tmp_path, monkeypatch, wide_console):
    from shopbook.cli import app
    from typer.testing import CliRunner

    from shopbook.stock import workflow

    init_shop(tmp_path / "shop")
    orders = tmp_path / "shop" / "orders.xlsx"
    monkeypatch.setattr(workflow, "order_lines", _offline(orders))
    cli = CliRunner().invoke(app, ["stock", str(tmp_path / "shop")])
    assert cli.exit_code == 2 and "无法访问" in cli.output, cli.output

    book = FakeBook(tmp_path / "shop" / "stock.xlsx")
    xl.stock_summary(book=book)  # no traceback
    alert = book.app.alerts[-1]
    said = alert["prompt"]
    assert alert["mode"] == "critical" and book.app.status_bar is False, alert
    assert said.count(str(orders)) == 2 and said.count(CLOUD) == 2, said  # the file, in each language
    assert "无法访问" in said and "什么都没有写入" in said and "cannot be used" in said and "nothing was written" in said


def test_validate_says_a_sibling_it_could_not_read_at_its_file(tmp_path, monkeypatch, wide_console):
    from shopbook.validate import run

    init_shop(tmp_path / "shop")
    stock = tmp_path / "shop" / "stock.xlsx"
    monkeypatch.setattr(run, "run_checks", _offline(stock))
    book = FakeBook(tmp_path / "shop" / "orders.xlsx")
    xl.validate(book)  # no traceback
    said = book.app.alerts[-1]["prompt"]
    assert book.app.alerts[-1]["mode"] == "critical" and said.count(str(stock)) == 2 and CLOUD in said, said


def test_a_settings_file_onedrive_has_not_downloaded_is_said_too(tmp_path, monkeypatch, wide_console):
    """shopbook.toml is read for the shop's language before the button's job, outside what the box says:
    an OSError there was xlwings' traceback for every button. Now said at shopbook.toml, in both languages
    (the language is what could not be read)."""
    from shopbook import config

    init_shop(tmp_path / "shop")
    toml = tmp_path / "shop" / "shopbook.toml"
    real = config.read_input

    def read(path, *a, **kw):
        if str(path) == str(toml):
            raise OSError(errno.EINVAL, CLOUD, str(path))
        return real(path, *a, **kw)
    monkeypatch.setattr(config, "read_input", read)
    for press, name in ((xl.stock_alerts, "stock.xlsx"), (xl.validate, "orders.xlsx")):
        book = FakeBook(tmp_path / "shop" / name)
        press(book=book)  # no traceback
        said = book.app.alerts[-1]["prompt"]
        assert book.app.alerts[-1]["mode"] == "critical" and said.count(str(toml)) == 2 and CLOUD in said, said


def test_a_cell_function_whose_workbook_cannot_be_read_now_is_na_not_a_traceback(tmp_path, monkeypatch, wide_console):
    """=SB_SHIPPING_FEE(…) with orders.xlsx not on this PC now (OneDrive, a share gone): the OSError went up
    through xlwings, and the cell showed the Python traceback as its text (the wrapper's Err.Description),
    where every other answer that cannot be given is #N/A. Now #N/A, and not remembered: once the file is
    there again the cell answers."""
    from shopbook.io import reader
    from shopbook.xl import udfs

    from decimal import Decimal

    from shopbook.schema import ORDERS, ShippingRate
    from shopbook.workbook_builder import write_workbook
    from test_functions import Caller

    shop = tmp_path / "s"
    init_shop(shop)
    write_workbook(shop / "orders.xlsx", ORDERS, "zh", {ShippingRate: [ShippingRate(
        courier="中通", province="浙江省", first_kg=Decimal("1"), first_price=Decimal("5"),
        extra_per_kg=Decimal("1"))]}, keep_backup=False)
    orders = shop / "orders.xlsx"
    real = reader.read_workbook

    def offline(path, *a, **kw):
        raise OSError(errno.EINVAL, CLOUD, str(path))
    monkeypatch.setattr(reader, "read_workbook", offline)
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=Caller(orders)) == "#N/A"
    monkeypatch.setattr(reader, "read_workbook", real)
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=Caller(orders)) == 5.0
