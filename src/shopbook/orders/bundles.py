"""The 商品映射 sheet: a platform's product/SKU id or merchant code → our SKU × quantity.
A code with several rows is a bundle (组合装/套餐): it is expanded into its SKUs when the
order comes in, so that the review's stock check, the pick list, the scan check and the
stock movements all see the parts, and nothing downstream needs to know about bundles.

Pure: mapping rows and the SKUs we have in, expansions and one issue per unmapped code out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..issues import Issue, en_count, row_cell
from ..schema import Platform, Product, SkuMap

FEN = Decimal("0.01")


@dataclass
class SkuResolver:
    maps: dict[tuple[Platform | None, str], list[tuple[str, int]]]
    skus: set[str]
    unmapped: dict[tuple[Platform | None, str], int] = field(default_factory=dict)  # code → lines that had it
    # code → where it was first met: (file, row, order number)
    first_met: dict[tuple[Platform | None, str], tuple[str, int, str]] = field(default_factory=dict)
    _near: tuple | None = field(default=None, repr=False)  # read_as's indexes, made at its first call

    @classmethod
    def build(cls, rows: list[SkuMap], products: list[Product]) -> "SkuResolver":
        maps: dict[tuple[Platform | None, str], list[tuple[str, int]]] = defaultdict(list)
        for r in rows:
            if r.qty > 0:  # validate locates a row of 0 or less; it maps nothing
                maps[(r.platform, r.code)].append((r.sku, r.qty))
        return cls(dict(maps), {p.sku for p in products})

    def resolve(self, platform: Platform | None, codes: list[str], where: tuple[str, int, str] | None = None,
                count: bool = True) -> tuple[list[tuple[str, int]], str | None]:
        """Our SKUs × units per platform item for a line's codes (tried in order: the mapping
        for this platform, the mapping for every platform, then a code that is our SKU), and
        the code that the SKU map translated (None when none did). A line no code resolves
        keeps its first code and is counted as unmapped (unless not `count`: asked again of a line
        already counted), `where` it was (file, row, order number) kept for the first such line."""
        for code in codes:
            hit = self.maps.get((platform, code)) or self.maps.get((None, code))
            if hit:
                return hit, code
        for code in codes:
            if code in self.skus:
                return [(code, 1)], None
        if codes and not count:
            return [(codes[0], 1)], None
        if codes:
            key = (platform, codes[0])
            self.unmapped[key] = self.unmapped.get(key, 0) + 1
            if where is not None:
                self.first_met.setdefault(key, where)
            return [(codes[0], 1)], None
        return [], None

    def read_as(self, code: str, platform: Platform | None) -> tuple[list[str] | None, str]:
        """What a code that is no SKU of ours nor a 商品映射 code plainly is, and why: our SKUs it is once letter
        case, width and spaces are set aside ("case": "sku-001" for SKU-001), the zero-led SKUs it is once
        Excel dropped their zeros ("zeros": 123 for 0123), else the map's codes it is but for case ("map");
        (None, "") where none. Several: which was meant is a person's to say."""
        from ..values import code_key

        if self._near is None:
            groups: dict[str, list[str]] = {}
            zeros: dict[str, list[str]] = {}  # 123 → [0123]: what Excel keeps of a zero-led SKU of digits
            for sku in sorted(self.skus):
                groups.setdefault(code_key(sku), []).append(sku)
                if sku[:1] == "0" and sku.isdigit() and sku.lstrip("0"):
                    zeros.setdefault(sku.lstrip("0"), []).append(sku)
            mapped: dict[tuple[Platform | None, str], list[str]] = {}  # (platform, code's key) → the map's codes
            for p, c in sorted(self.maps, key=lambda k: (k[0] or "", k[1])):
                mapped.setdefault((p, code_key(c)), []).append(c)
            self._near = groups, zeros, mapped
        groups, zeros, mapped = self._near
        key = code_key(code)
        if hits := groups.get(key):
            return hits, "case"
        if code.isdigit() and (hits := zeros.get(code)):
            return hits, "zeros"
        if hits := mapped.get((platform, key)) or mapped.get((None, key)):
            return hits, "map"
        return None, ""

    def read_as_skus(self, orders: list) -> list[Issue]:
        """Each platform line's code that is no SKU of ours and no code of the SKU map, but one SKU's alone
        once letter case, width and spaces are set aside ("sku-001" typed on the platform for SKU-001), read
        as that SKU in its PLine's codes, so the order and every later word on it (a refund of that line)
        name our SKU; a warning per code at its first line, as typed sheets' codes are read
        (workflow._read_as_skus). Read as typed, the line came in as an unknown code the review holds. A
        code two of our SKUs share that way (SKU-001 and Sku-001) is not guessed: an error at its first line
        names them, and the line stays an unknown code the review holds. A code of digits that is no SKU of ours
        but one zero-led SKU's once its leading zeros are dropped (123 for 0123) is read as that SKU, said, the
        same way: Excel drops them from a number when an export is opened and saved again (as .xlsx or .csv).
        A code the 商品映射 sheet has but for case, width or spaces (typed "abc-set" there, "ABC-SET" on the
        platform) is read as that row's code, said the same way (two such rows: an error, read as neither)."""
        # (platform, code) → its SKUs (or the map's codes), where it was first, lines, why: "case", "zeros", "map"
        said: dict[tuple, tuple[str, list[str], tuple, int, str]] = {}
        for o in orders:
            for ln in o.lines:
                if not ln.codes or any(c in self.skus or self.maps.get((o.platform, c)) or self.maps.get((None, c))
                                       for c in ln.codes):
                    continue
                for i, c in enumerate(ln.codes):
                    hits, why = self.read_as(c, o.platform)
                    if not hits:
                        continue
                    key = (o.platform, c)
                    first = said.get(key)
                    said[key] = (c, hits, first[2] if first else (ln.file or o.file, ln.row or o.row, o.order_no),
                                 (first[3] if first else 0) + 1, why)
                    if len(hits) == 1:
                        ln.codes[i] = hits[0]
                    break
        out = []
        for (platform, _), (code, hits, (file, row, no), n, why_kind) in said.items():
            book, _, sheet = file.partition(":")
            where = f"{platform.value} " if platform else ""
            where_en = f"{platform.en.capitalize()} " if platform else ""
            at = dict(book=book, sheet=sheet, cell=row_cell(row) if row else "", row=row or None, value=code)
            if why_kind == "map":
                out.append(self._read_as_mapped(code, hits, n, no, where, where_en, at))
                continue
            lost = why_kind == "zeros"
            if lost:
                why = "前面的 0 没有了：多半是用 Excel 打开再保存时被去掉的"
                why_en = "its leading zeros are gone: most likely Excel dropped them when the file was opened and saved"
                todo = f"请导入平台下载的原文件（不要用 Excel 另存）；若平台上就写成 {code}，请在平台后台改成 {hits[0]}"
                todo_en = (f"import the file as the platform gave it (not re-saved by Excel); if the platform has it as "
                           f"{code}, change it there to {hits[0]}")
            else:
                why, why_en = "只差大小写、全半角或空格", "it differs only in letter case, width or spaces"
                todo, todo_en = f"请在平台后台把商家编码改成 {hits[0]}，统一写法", f"change the SKU on the platform to {hits[0]} to tidy it"
            if len(hits) == 1:
                out.append(Issue("warning", f"{where}商家编码“{code}”按 {hits[0]} 读取（{why}；{n} 行，第一处：订单 {no}）："
                                            f"{todo}。",
                                 f"The {where_en}SKU '{code}' was read as {hits[0]} ({why_en}; {en_count(n, 'line')}, "
                                 f"first in order {no}): {todo_en}.", **at))
            else:
                shown = "、".join(hits)
                how, how_en = ("去掉前面的 0 后", "once their leading zeros are dropped") if lost else (
                    "只差大小写就", "but for letter case")
                out.append(Issue("error", f"{where}商家编码“{code}”{how}对上了我们的 {len(hits)} 个商家编码"
                                          f"（{shown}；{n} 行，第一处：订单 {no}）：不知道是哪一个，没有按任何一个读取，"
                                          "审单会挂起。请在平台后台把它改成其中一个的写法，或在 商品映射 表里为它加一行。",
                                 f"The {where_en}SKU '{code}' matches {len(hits)} of our SKUs {how_en} "
                                 f"({', '.join(hits)}; {en_count(n, 'line')}, first in order {no}): which one is "
                                 "meant is not known, so it was read as none and the review holds the order. "
                                 "Change it on the platform to one of them exactly, or add a row for it to the "
                                 "SKU map.", **at))
        return out

    @staticmethod
    def _read_as_mapped(code: str, hits: list[str], n: int, no: str, where: str, where_en: str, at: dict) -> Issue:
        """A platform code the 商品映射 sheet has but for case, width or spaces: read as its row (one), or
        as none (two)."""
        if len(hits) == 1:
            return Issue("warning", f"{where}商家编码“{code}”按 商品映射 表里的“{hits[0]}”读取（只差大小写、全半角或空格；"
                                    f"{n} 行，第一处：订单 {no}）：请把 商品映射 表里的写法改成和平台一样的“{code}”。",
                         f"The {where_en}SKU '{code}' was read as the SKU map's '{hits[0]}' (it differs only in "
                         f"letter case, width or spaces; {en_count(n, 'line')}, first in order {no}): change the "
                         f"SKU map's row to '{code}' as the platform writes it.", **at)
        return Issue("error", f"{where}商家编码“{code}”只差大小写就对上了 商品映射 表里的 {len(hits)} 行"
                              f"（{'、'.join(hits)}；{n} 行，第一处：订单 {no}）：不知道是哪一行，没有按任何一行读取，"
                              f"审单会挂起。请把 商品映射 表里对应的那一行改成“{code}”。",
                     f"The {where_en}SKU '{code}' matches {len(hits)} rows of the SKU map but for letter case "
                     f"({', '.join(hits)}; {en_count(n, 'line')}, first in order {no}): which one is meant is not "
                     f"known, so it was read as none and the review holds the order. Change the SKU map's row "
                     f"meant to '{code}'.", **at)

    def issues(self) -> list[Issue]:
        """One per code, however many lines had it."""
        out = []
        for (platform, code), n in sorted(self.unmapped.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            where = f"{platform.value} " if platform else ""
            where_en = f"{platform.en.capitalize()} " if platform else ""
            met = self.first_met.get((platform, code))
            first = f"，第一处：{met[0]} 第 {met[1]} 行，订单 {met[2]}" if met else ""
            first_en = f"; first in {met[0]}, row {met[1]}, order {met[2]}" if met else ""
            out.append(Issue("warning",
                             f"{where}编码“{code}”不是我们的商家编码，商品映射表里也没有（{n} 行{first}）：订单照样导入，"
                             "审单会挂起。请在 商品映射 表里加一行（平台、平台编码、商家编码、数量）；若它是新商品，"
                             "在 stock.xlsx 的“商品”表中添加它；若是平台上填错了，在平台改正。",
                             f"The {where_en}code '{code}' is not one of our SKUs nor in the SKU map "
                             f"({en_count(n, 'line')}{first_en}): the orders are imported and the review holds them. "
                             "Add a row to the SKU map (platform, code, SKU, quantity); if it is a new product, add it "
                             "to the Products sheet of stock.xlsx; if it was typed wrong on the platform, correct it "
                             "there.", sheet=SkuMap.zh, value=code))
        return out


def split_price(total: Decimal, parts: list[tuple[str, int]], weights: dict[str, Decimal]
                ) -> list[Decimal | None] | None:
    """A bundle's price over its parts (each part's total qty given), in proportion to their
    list prices, exact to the fen: the parts' unit price × qty add up to `total` exactly.
    None when no such split exists (a remainder no part's quantity divides)."""
    if len(parts) == 1:
        sku, q = parts[0]
        u = (total / q).quantize(FEN)
        return [u] if u * q == total else None
    # a part without a list price weighs as ¥1; a ¥0 gift in the set weighs nothing (it sold for
    # nothing), unless every part is ¥0
    w = [Decimal(1) if (x := weights.get(sku)) is None else x for sku, _ in parts]
    if not any(w):
        w = [Decimal(1)] * len(parts)
    whole = sum(wi * q for wi, (_, q) in zip(w, parts))
    # a unit price each, rounded half up (四舍五入) as the shop works its share out: half-even put 12.52 on
    # each of four ¥12.525 parts and the rest on one (12.54), so no line read the shop's 12.53
    units = [(total * wi / whole).quantize(FEN, ROUND_HALF_UP) for wi in w]
    rest = total - sum(u * q for u, (_, q) in zip(units, parts))
    # the rounding rest goes to a part whose quantity divides it (one of quantity 1 always does),
    # a part with a price first: a gift stays at ¥0
    for i in sorted(range(len(parts)), key=lambda i: (not w[i], parts[i][1])):
        q = parts[i][1]
        if (rest / q).quantize(FEN) * q == rest and units[i] + rest / q >= 0:
            units[i] += (rest / q).quantize(FEN)
            return units
    return None


def expand_line(line, resolver: SkuResolver, weights: dict[str, Decimal]) -> list:
    """An order line typed with a mapped code (an agent's sheet, a hand-made file) as the lines
    of its SKUs; a line whose code the map does not hold stays as it is."""
    hit = resolver.maps.get((line.platform, line.sku)) or resolver.maps.get((None, line.sku))
    if not hit:
        return [line]
    want = [(sku, line.qty * n) for sku, n in hit]
    units = [None] * len(want)
    if line.unit_price is not None:
        units = split_price(line.unit_price * line.qty, want, weights) or units
    code = f"{line.sku}×{line.qty}"
    return [line.model_copy(update={"sku": sku, "qty": qty, "unit_price": unit, "platform_code": code})
            for (sku, qty), unit in zip(want, units)]

