"""What a reconciliation or the P&L says, line by line (mark, zh, en): the words `reconcile
alipay|wechat|courier` and `ledger` print and the 支付宝对账, 微信对账, 快递对账 and 利润表 buttons
show, in one place."""

from __future__ import annotations

from ..issues import en_count, first, issue_said
from ..values import yuan
from .ledger import ZERO, signed
from .reconcile import ledger_row

# how a person says whose bill it is, from the command line or the 快递对账 button (which has no --courier)
NAME_THE_COURIER = ("把快递名写进账单的文件名再对一次，如 中通-11月账单.xlsx；或用 --courier 指定",
                    "put the courier's name in the bill's file name and check it again, e.g. ZTO-2026-11.xlsx; "
                    "or name it with --courier")

# what a person does about a statement --apply will not book (zh, en): look at the statement, or (nothing
# wrong with it: the ledger lacks its account) set the ledger right and run again
RECHECK = ("请先核对或重新下载对账单", "Check the statement or download it again first")
RERUN = ("改好后再用 --apply 运行", "Once that is done, run it with --apply")


def reconciled_said(res, source: tuple[str, str], shown: int | None = None,
                    issues: bool = True, run: str | None = None) -> list[tuple[str, str, str]]:
    """`res` of reconcile_alipay_file or reconcile_wechat_file; `source` the statement's name (支付宝,
    Alipay). Whose statement it is, the counts, its problems (`issues`: the first `shown`, else all;
    the CLI prints each as a block), the lines booked (✓ never beside an error) and the report.
    `run`: the whole command for this shop and statement, where a button says it (it has no --apply: the
    box said "用 shopbook reconcile alipay 店铺 对账单 --apply 补录", "加 --apply 写上"): the step is that command."""
    with_apply = (f"在命令提示符里运行 {run} --apply（这个按钮不补录）", f"run {run} --apply in a command prompt "
                  "(this button books nothing)") if run else None
    c = res.result.counts()
    out = []
    if res.account:  # whose statement it is: another account's money is not the shop's
        out.append(("", f"{source[0]}账号 {res.account}", f"{source[1]} account {res.account}"))
    dup, elsewhere = c["probable_duplicates"], c["on_another_account"]
    waiting = len(res.result.pending_rows)
    out.append(("", f"已匹配 {c['matched']} · 金额不符 {c['amount_differs']} · 仅{source[0]} {c['alipay_only']} · "
                    f"仅流水账 {c['ledger_only']}" + (f" · 疑似重复 {dup}" if dup else "")
                + (f" · 记在别的账户 {elsewhere}" if elsewhere else "") + (f" · 退款未完成 {waiting}" if waiting else ""),
                f"matched {c['matched']} · amount differs {c['amount_differs']} · {source[1]} only {c['alipay_only']} · "
                f"ledger only {c['ledger_only']}" + (f" · probable duplicates {dup}" if dup else "")
                + (f" · on another account {elsewhere}" if elsewhere else "")
                + (f" · refunds not yet paid {waiting}" if waiting else "")))
    out += first(differences_said(res, source), shown, ("条", "more"), (
        "对账报告里有全部" if res.report else "不加 --apply 再运行一次，对账报告里有全部",
        "the reconciliation report holds them all" if res.report else
        "run again without --apply: the reconciliation report holds them all"))
    out += todo_said(res.result, source, res.report, len(statement_short(res)))
    problems = statement_problems(res)
    if issues:
        said = [issue_said(i) for i in problems]
        out += first(said, shown, ("条", "more"), (
            "对账报告里有全部" if res.report else "命令行对账列出全部",
            "the reconciliation report holds them all" if res.report else "the command line lists them all"))
    left = res.left
    waiting = len({x.line for x in res.result.pending})  # refunds not yet paid (each with its fee line): left
    if res.applied or left:  # ✓ only when every line --apply was to add is in, and nothing is wrong
        mark = "" if any(i.is_error for i in problems) else "!" if left or waiting else "✓"
        where = ("见上", "above") if issues else ("见下", "below")  # (the CLI prints the issues after these lines)
        out.append((mark, f"已补录 {res.applied} 条流水" + (f"，{left} 条没有补录（{where[0]}）" if left else "")
                    + (f"，{waiting} 笔还没有成功的退款不补录（见上）" if waiting else ""),
                    f"added {en_count(res.applied, 'ledger line')}" + (f"; {left} not added ({where[1]})" if left else "")
                    + (f"; {en_count(waiting, 'refund')} not yet paid not added (above)" if waiting else "")))
    proposed = len(res.result.proposed)
    if proposed and not (res.applied or left or res.refused):  # a run without --apply: what it would add
        cmd = "reconcile alipay" if source[1] == "Alipay" else "reconcile wechat"
        if res.would_refuse:  # --apply would book none of them: said, with why and what to do, not offered
            todo = res.refuse_todo or RECHECK
            if with_apply and todo is RERUN:
                todo = (f"改好后{with_apply[0]}", f"Once that is done, {with_apply[1]}")
            out.append(("!", f"流水账少了 {proposed} 条（对账报告的“仅{source[0]}”表），但 --apply 不会补录："
                             f"{'；'.join(z for z, _ in res.would_refuse)}。{todo[0]}",
                        f"the ledger lacks {en_count(proposed, 'line')} (the report's '{source[1]} only' sheet), but "
                        f"--apply would add none: {'; '.join(e for _, e in res.would_refuse)}. {todo[1]}"))
        elif with_apply:
            out.append(("!", f"流水账少了 {proposed} 条（对账报告的“仅{source[0]}”表）：核对后{with_apply[0]}补录",
                        f"the ledger lacks {en_count(proposed, 'line')} (the report's '{source[1]} only' sheet): once "
                        f"checked, {with_apply[1]} to add {'it' if proposed == 1 else 'them'}"))
        else:
            out.append(("!", f"流水账少了 {proposed} 条（对账报告的“仅{source[0]}”表）：核对后用 shopbook {cmd} 店铺 对账单 "
                             "--apply 补录",
                        f"the ledger lacks {en_count(proposed, 'line')} (the report's '{source[1]} only' sheet): once "
                        f"checked, shopbook {cmd} SHOP FILE --apply adds {'it' if proposed == 1 else 'them'}"))
    number_word = "账务流水号" if source[1] == "Alipay" else "交易单号"  # (WeChat's bills have no 账务流水号)
    if res.numbered:
        out.append(("✓", f"{res.numbered} 条对上的流水写上了{source[0]}的{number_word}（算已对账）",
                    f"{en_count(res.numbered, 'ledger line')} matched got the {source[1]} "
                    "transaction number (now reconciled)"))
    elif res.to_number:
        them = 'it' if res.to_number == 1 else 'them'
        out.append(("!", f"{res.to_number} 条对上的流水没有{source[0]}的{number_word}：" + (f"{with_apply[0]}写上" if with_apply else "加 --apply 写上")
                    + "，自查才算它们已对账",
                    f"{en_count(res.to_number, 'ledger line')} matched "
                    f"{'has' if res.to_number == 1 else 'have'} no transaction number: "
                    + (f"{with_apply[1]} to write {them}, so the self-check counts {them} reconciled" if with_apply else
                       f"--apply writes it, so the self-check counts {them} reconciled")))
    if res.report:  # ✓ only on a run with nothing left for a person (exit 0)
        out.append(report_said(res.report, not reconcile_problem(res)))
    return out


def report_said(path, whole: bool = True) -> tuple[str, str, str]:
    """The line naming the report a run wrote (mark, zh, en): ✓ only when the run did its whole
    job (`whole`: it exits 0); else – and the path all the same, to open: what the run found is
    said above it, and a ✓ beside the report read as all good."""
    return ("✓" if whole else "–", str(path), str(path))


def reconcile_problem(res) -> bool:
    """A difference left for a person (lines --apply booked are none), or an error of the statement,
    its balance checks or --apply: `reconcile alipay|wechat` exits 1, the button's box is the loud
    one, and the report is named without a ✓."""
    return res.differs or any(i.is_error for i in statement_problems(res))


def differences_said(res, source: tuple[str, str]) -> list[tuple[str, str, str]]:
    """Each difference a person has to look at (mark, zh, en): the amounts that differ (the
    statement's line against the ledger's row), the lines only the statement has and the rows only
    the ledger has, each with its number, day and amount."""
    r = res.result
    name, name_en = source
    held = {id(p.line) for p in r.doubtful}
    # (a part held with its refund's split is said at that refund's row, not its own)
    by_id = {id(p.line): p.line for p in (*r.doubtful, *r.amount_differs)}
    warned_at = {id(y): by_id[k].line for k, ys in r.across_parts.items() if k in by_id for y in ys}
    return ([("", f"  金额不符 {p.line.txn_no}：{name} {yuan(p.line.amount)}，{ledger_row(r, p.entry)[0]} {yuan(signed(p.entry))}"
                  f"（对账单第 {p.line.line} 行）",
              f"  amount differs {p.line.txn_no}: {name_en} {yuan(p.line.amount)}, {ledger_row(r, p.entry)[1]} {yuan(signed(p.entry))} "
              f"(statement row {p.line.line})") for p in r.amount_differs]
            # (a line held, probably booked already or a duplicate, said so: --apply books it not, as the count of
            # what it adds says, and its warning below says why)
            + [("", f"  仅{name} {x.txn_no}：{x.date}{f' {x.kind}' if x.kind else ''} {yuan(x.amount)}（对账单第 {x.line} 行）"
                    + ("，不补录：见下面第 {} 行的警告".format(warned_at.get(id(x), x.line)) if id(x) in held else ""),
                f"  {name_en} only {x.txn_no}: {x.date}{f' {x.kind}' if x.kind else ''} {yuan(x.amount)} (statement row {x.line})"
                + (f", not added: see the warning at row {warned_at.get(id(x), x.line)} below" if id(x) in held else ""))
               for x in r.alipay_only]
            + [("", f"  仅流水账 {ledger_row(r, e)[0].removeprefix('流水账')}：{e.date} {e.category} {yuan(signed(e))}",
                f"  ledger only, {ledger_row(r, e)[1].removeprefix('ledger ')}: {e.date} {e.category} {yuan(signed(e))}") for e in r.ledger_only])


PENDING_SHOWN = 10  # the rows of refunds not yet paid named on the line that says them


def statement_short(res) -> list:
    """The statement's errors that leave its money short of what it holds: a line not counted (a 业务流水号 Excel
    cut, an amount that does not read), a footer or summary its lines do not add up to, a running balance that
    breaks. The ledger's rows it lacks may be those lines (not the account's line: another account's statement)."""
    return [i for i in res.statement_issues + res.balance_issues
            if i.is_error and i.row and not i.sheet and i.column not in ("账号",)]


def todo_said(r, source: tuple[str, str], report=None, short: int = 0) -> list[tuple[str, str, str]]:
    """What a person does about the amounts that differ and the ledger's rows the statement lacks
    (the lines only the statement has: --apply, said with the proposal). The refunds not yet paid are
    named by their rows, the first PENDING_SHOWN, then how many more and where each is said (`report`:
    the reconciliation report written, its 问题 sheet; None: the command line's). `short`: the statement's
    errors that leave lines of it out (statement_short): the ledger's rows it lacks may be those lines, and
    the statement is set right first, never the ledger."""
    name, name_en = source
    out = []
    reversed_ = [p for p in r.amount_differs if signed(p.entry) == -p.line.amount]
    across = {id(p.line) for p, _ in r.across}  # (a refund in parts across the statement's edge: split, said below)
    if n := len(r.amount_differs) - len(reversed_) - sum(id(p.line) in across for p in r.amount_differs):
        out.append(("!", f"金额不符的 {n} 笔：以{name}的金额为准，改正流水账那一行的金额；若那一行记的是另一笔钱，改正它的流水号或订单编号",
                    f"{en_count(n, 'amount')} differ{'s' if n == 1 else ''}: correct the ledger row's amount to "
                    f"{name_en}'s; if the row is another payment, correct its transaction or order number"))
    if n := len(r.across):
        out.append(("!", f"{n} 笔退款在流水账里记成一行，对账单只有其中一部分，其余可能在上一期或下一期对账单里（分两次退、跨了月，见下）："
                         "按下面说的核对，是的话把那一行按各次退款拆开，不要改成一次的金额",
                    f"{en_count(n, 'refund')} booked as one ledger row of which the statement has only a part; the "
                    "rest may be on the last or the next statement (paid in parts across the month, below): check as "
                    "said there and, if so, split the row into its parts; do not correct it to one part's amount"))
    if n := len(reversed_):  # the same amount the other way: its 收支 (and so its category) typed wrong
        out.append(("!", f"金额相同、收支相反的 {n} 笔：流水账那一行的“收支”填反了，改正“收支”（和类别），不要再补录",
                    (f"{en_count(n, 'amount')} the same the other way: the ledger row's direction is reversed; "
                     "correct its direction (and category), do not book the line again")))
    if pending := sorted({x.line for x in r.pending}):  # the refunds' rows (each with its fee line)
        n, rows, more = len(pending), pending[:PENDING_SHOWN], len(pending) - PENDING_SHOWN
        where = (("对账报告的“问题”表里有全部", "the reconciliation report's Problems sheet holds them all")
                 if report is not None else ("命令行对账列出全部", "the command line lists them all"))
        zh, en = f"第 {'、'.join(map(str, rows))} 行", ", ".join(map(str, rows))
        if more > 0:  # a cut list says how many more and where every one is
            zh += f"，还有 {more} 笔；{where[0]}"
            en += f" and {more} more; {where[1]}"
        out.append(("!", f"{n} 笔退款还没有成功（对账单{zh}）：没有记账，也不补录；退款成功后在流水账里记上（见下）",
                    f"{en_count(n, 'refund')} not yet paid (statement row{'s' if n > 1 else ''} {en}): not booked, "
                    f"nor added; book {'it' if n == 1 else 'them'} in the ledger once "
                    f"{'it succeeds' if n == 1 else 'they succeed'} (below)"))
    if (n := len(r.ledger_only)) and short:  # (a statement that left lines out: the rows may be its lines)
        out.append(("!", f"仅流水账的 {n} 条{name}里没有，但对账单有 {short} 处错误（见下）：没有读出或缺了的行可能就是它们。"
                         f"先按错误改正或重新下载对账单，再对一次；还剩下的，再核对流水账",
                    f"{en_count(n, 'ledger row')} {'is' if n == 1 else 'are'} not on the {name_en} statement, but the "
                    f"statement has {en_count(short, 'error')} (below): the lines it could not count, or lacks, may be "
                    f"{'it' if n == 1 else 'them'}. Set the statement right or download it again and check again "
                    "first; then check the ledger for any left"))
    elif n:
        out.append(("!", f"仅流水账的 {n} 条{name}里没有：核对它们的日期、金额和账户（可能是别的账户、别的日子的钱，或记了两次），"
                         "改正流水账的那几行",
                    f"{en_count(n, 'ledger row')} {'is' if n == 1 else 'are'} not on the {name_en} statement: check "
                    f"{'its' if n == 1 else 'their'} date, amount and account (another account's or another day's "
                    "money, or booked twice) and correct the ledger"))
    return out


def statement_problems(res) -> list:
    """The statement's own problems, its balance checks and why --apply booked nothing."""
    return res.statement_issues + res.balance_issues + ([res.refused] if res.refused else [])


def courier_said(chk, issues: list = (), shown: int | None = None,
                 with_issues: bool = True, where: tuple[str, str] | None = None) -> list[tuple[str, str, str]]:
    """What `reconcile courier` prints and the 快递对账 button shows (mark, zh, en): the bill, what
    buyers paid and the margin; each parcel to take up with the courier, list by list (the first
    `shown` of each, else all, then how many more and where); the bill's lines that do not read
    (`with_issues`: the CLI prints each as a block). `where` the rest are, as the caller words it (the 快递对账 button:
    the file it lists them in)."""
    issues_where = where or ("shopbook reconcile courier 列出全部", "shopbook reconcile courier lists them all")
    where = where or ("shopbook reconcile courier --json 列出全部", "shopbook reconcile courier --json lists them all")

    def cut(lines: list, what: tuple[str, str]) -> list:
        return first(lines, shown, what, where)

    told = {"option": ("--courier 指定", "named by --courier"), "name": ("账单的名字写着", "the bill's name says so"),
            "parcels": ("账单上的运单号是我们用这家快递发的包裹", "its tracking numbers are parcels we sent with it"),
            "numbers": ("按运单号的样子判断，不对的话" + NAME_THE_COURIER[0],
                        "told by the tracking numbers' shape; if that is wrong, " + NAME_THE_COURIER[1])}
    from ..orders.couriers import said_as

    out = []
    if chk.courier:  # whose parcels the bill was checked against, and why: a person can tell a wrong guess
        zh, en = told.get(chk.told_by, ("", ""))
        out.append(("", f"快递：{chk.courier}" + (f"（{zh}）" if zh else ""),
                    f"courier: {said_as(chk.courier, 'en')}" + (f" ({en})" if en else "")))
    parts = ((f"（运费 ¥{chk.billed_total - chk.other_charges:,.2f}，其他费用 ¥{chk.other_charges:,.2f}）",
              f" (freight ¥{chk.billed_total - chk.other_charges:,.2f}, other charges ¥{chk.other_charges:,.2f})")
             if chk.other_charges else ("", ""))
    out += [("", f"账单金额 ¥{chk.billed_total:,.2f}{parts[0]} · 向买家收取 ¥{chk.charged_to_buyers:,.2f} · "
                 f"运费差价 {yuan(chk.margin)}",
            f"billed ¥{chk.billed_total:,.2f}{parts[1]} · charged to buyers ¥{chk.charged_to_buyers:,.2f} · "
            f"margin {yuan(chk.margin)}")]
    if n := len(chk.unread):  # the amount and the margin lack what those lines charge
        out.append(("!", f"账单有 {n} 个包裹的行没有读出（见错误）：账单金额和运费差价里少了它们的费用，改正后再对一次",
                    f"{en_count(n, 'parcel line')} of the bill did not read (see the errors): the amount billed and the "
                    "margin lack their charges; correct them and check the bill again"))
    # each parcel named, so a person can take it up with the courier
    out.append(("", f"账单有、我们没发：{len(chk.billed_not_shipped) or '—'}",
                f"billed, not shipped: {len(chk.billed_not_shipped) or '—'}"))
    # each with its money, as the sum below adds them (and as 退回件, 重复计费 name theirs)
    out += cut([("", f"  {b.tracking_no}（账单第 {b.line} 行，¥{b.fee + b.charges:,.2f}）",
                 f"  {b.tracking_no} (bill line {b.line}, ¥{b.fee + b.charges:,.2f})")
                for b in chk.billed_not_shipped], ("个账单有、我们没发的运单", "more billed, not shipped"))
    if n := len(chk.billed_not_shipped):  # what a person does about each list, and the money in it
        money = sum((b.fee + b.charges for b in chk.billed_not_shipped), ZERO)
        out.append(("!", f"账单有、我们没发的 {n} 个运单共 ¥{money:,.2f}：找快递核对，不是我们的包裹请快递从账单里扣掉",
                    f"{en_count(n, 'billed parcel')} we did not send, ¥{money:,.2f}: take {'it' if n == 1 else 'them'} "
                    "up with the courier and have any not ours taken off the bill"))
    out += cut([("", f"  没记发货 {b.tracking_no}  订单 {o}（{st}，账单第 {b.line} 行）",
                 f"  not marked shipped {b.tracking_no}  order {o} ({st}, bill line {b.line})")
                for b, o, st in chk.not_marked], ("个没记发货的包裹", "more parcels not marked shipped"))
    if n := len(chk.not_marked):
        out.append(("!", f"快递收了 {n} 个包裹，订单却没记发货：已经发出的请扫描发货（shopbook ship），记上出库；"
                         "取消了的订单请追回包裹，或请快递从账单里扣掉",
                    f"the courier collected {en_count(n, 'parcel')} of orders not marked shipped: scan any that went "
                    "(shopbook ship) so their stock is posted; for a cancelled order, get the parcel back or have it "
                    "taken off the bill"))
    out.append(("", f"发了、账单没有：{len(chk.shipped_not_billed) or '—'}",
                f"shipped, not billed: {len(chk.shipped_not_billed) or '—'}"))
    out += cut([("", f"  {t}  订单 {o}", f"  {t}  order {o}") for o, t in chk.shipped_not_billed],
               ("个发了、账单没有的包裹", "more shipped, not billed"))
    if chk.shipped_not_billed:
        out.append(("!", "发了、账单没有的包裹：看下一期账单里有没有它们（月底发出、次月揽收的），或订单表里的运单号是否填错",
                    "parcels shipped and not billed: look for them on the next bill (sent at the month's end, collected "
                    "the next), or check their tracking number on the Orders sheet"))
    if n := len(chk.next_bill):  # no difference yet: the next bill's check takes them up from the report
        days = sorted({d for _, _, d in chk.next_bill})
        on = "、".join(str(d) for d in days)
        zh = (f"账单最后一天或之后（{on}）发出、不在这张账单上的 {n} 个包裹：快递之后揽收的记在下期账单上，不算差异。"
              "对下期账单时会核对它们，下期账单也没有的会列为“发了、账单没有”")
        en = (f"{en_count(n, 'parcel')} shipped on the bill's last day or the next ({', '.join(str(d) for d in days)}) "
              f"{'is' if n == 1 else 'are'} not on this bill: collected after it, {'it is' if n == 1 else 'they are'} "
              f"billed on the next bill, no difference yet. The next bill's check looks for {'it' if n == 1 else 'them'}, "
              f"and lists {'it if that bill lacks it' if n == 1 else 'any that bill lacks'} too as shipped, not billed")
        out.append(("", zh, en))
        out += cut([("", f"  {t}  订单 {o}（{d} 发出）", f"  {t}  order {o} (shipped {d})") for o, t, d in chk.next_bill],
                   ("个应在下期账单的包裹", "more due on the next bill"))
    out += cut([("", f"  超重 {b.tracking_no}：计费 {b.weight} kg，估计 {w} kg（账单第 {b.line} 行）",
                 f"  heavy {b.tracking_no}: billed {b.weight} kg, estimated {w} kg (bill line {b.line})") for b, w in chk.heavy],
               ("个超重的包裹", "more heavy parcels"))
    if n := len(chk.heavy):
        out.append(("!", f"超重的 {n} 个包裹：找快递核对计费重量（或检查库存表里商品的重量是否填对）",
                    f"{en_count(n, 'heavy parcel')}: take the billed weight up with the courier (or check the "
                    "products' weights on the stock sheet)"))
    if n := len(chk.unweighed):  # (not judged by a weight made up: said with what to fill in)
        skus = list(dict.fromkeys(s for _, ss in chk.unweighed for s in ss))
        named, more = "、".join(skus[:10]), (f" 等 {len(skus)} 个" if len(skus) > 10 else "")
        named_en, more_en = ", ".join(skus[:10]), (f" and {len(skus) - 10} more" if len(skus) > 10 else "")
        rows = "、".join(str(b.line) for b, _ in chk.unweighed[:10]) + (f" 等 {n} 行" if n > 10 else "")
        rows_en = ", ".join(str(b.line) for b, _ in chk.unweighed[:10]) + (f" and {n - 10} more" if n > 10 else "")
        zh = f"{n} 个包裹的重量没有核对（账单第 {rows} 行）：商品 {named}{more} 没有填重量(kg)。请在 stock.xlsx 的“商品”表填上，再对一次"
        en = (f"the weight of {en_count(n, 'parcel')} was not checked (bill line{'s' if n > 1 else ''} {rows_en}): "
              f"{named_en}{more_en} {'has' if len(skus) == 1 else 'have'} no weight (kg). Fill it in on the Products "
              "sheet of stock.xlsx and check the bill again")
        out.append(("!", zh, en))
    def billed(b) -> tuple[str, str]:  # the line's fee net of the credits taking part of it back, each named
        if not (cs := chk.part_credits(b)):
            return f"账单 ¥{b.fee:,.2f}", f"billed ¥{b.fee:,.2f}"
        zh = "、".join(f"第 {c.line} 行冲销 ¥{-(c.fee + c.charges):,.2f}" for c in cs)
        en = " and ".join(f"the ¥{-(c.fee + c.charges):,.2f} credit on line {c.line}" for c in cs)
        return (f"账单 ¥{chk.net_fee(b):,.2f}（¥{b.fee:,.2f} 减去{zh}）",
                f"billed ¥{chk.net_fee(b):,.2f} (¥{b.fee:,.2f} less {en})")

    out += cut([("", f"  运费不符 {b.tracking_no}：{billed(b)[0]}，按运费表 ¥{f:,.2f}（账单第 {b.line} 行）",
                 f"  fee differs {b.tracking_no}: {billed(b)[1]}, by the rates ¥{f:,.2f} (bill line {b.line})") for b, f in chk.fee_differs],
               ("个运费不符的包裹", "more parcels whose fee differs"))
    if n := len(chk.fee_differs):
        gap = sum((chk.net_fee(b) - f for b, f in chk.fee_differs), ZERO)
        more = (f"比运费表多 ¥{gap:,.2f}", f"¥{gap:,.2f} more than the rates") if gap >= 0 else \
            (f"比运费表少 ¥{-gap:,.2f}", f"¥{-gap:,.2f} less than the rates")
        out.append(("!", f"运费不符的 {n} 个包裹，账单{more[0]}：找快递核对价格；价格变了就更新运费表",
                    f"{en_count(n, 'parcel')} billed at another fee, {more[1]}: take the prices up with the courier, "
                    "or update the shipping rates if they changed"))
    # each line's whole charge (its freight and 偏远附加费 …), as the sum below and the report's sheet add them
    out += cut([("✗", f"重复计费 {b.tracking_no}：第 {b.line} 行，¥{b.fee + b.charges:,.2f}",
                 f"billed twice {b.tracking_no}: line {b.line}, ¥{b.fee + b.charges:,.2f}")
                for b in chk.billed_twice], ("个重复计费的运单", "more billed twice"))
    if n := len(chk.billed_twice):
        money = sum((b.fee + b.charges for b in chk.billed_twice), ZERO)
        out.append(("!", f"重复计费的 {n} 行共 ¥{money:,.2f}：请快递从账单里扣掉",
                    f"{en_count(n, 'line')} billed twice, ¥{money:,.2f}: have the courier take "
                    f"{'it' if n == 1 else 'them'} off the bill"))
    # a parcel of ours on its way back: a real trip, and a parcel to receive (or a line to take off the bill)
    out += cut([("", f"  退回件 {b.tracking_no}  订单 {o}（账单第 {b.line} 行，¥{b.fee + b.charges:,.2f}）",
                 f"  returned {b.tracking_no}  order {o} (bill line {b.line}, ¥{b.fee + b.charges:,.2f})")
                for b, o in chk.returned], ("个退回件", "more returned parcels"))
    if n := len(chk.returned):
        money = sum((b.fee + b.charges for b, _ in chk.returned), ZERO)
        out.append(("!", f"退回给我们的 {n} 个包裹共 ¥{money:,.2f}（拒收或派送不了）：包裹回来了就登记售后、收货入库；"
                         "没有退回的，请快递从账单里扣掉",
                    f"{en_count(n, 'parcel')} billed on {'its' if n == 1 else 'their'} way back to us, ¥{money:,.2f} "
                    "(refused or undeliverable): when one is back, open its after-sales case and receive it; have "
                    "any that did not come back taken off the bill"))
    out += cut([("", f"  买家退货 {b.tracking_no}  售后单 {c}（账单第 {b.line} 行，¥{b.fee + b.charges:,.2f}）",
                 f"  buyer's return {b.tracking_no}  case {c} (bill line {b.line}, ¥{b.fee + b.charges:,.2f})")
                for b, c in chk.returns], ("个买家退货的包裹", "more buyers' returns"))
    if n := len(chk.returns):  # ours to pay, nothing to take up: said with its money, no exit 1
        money = sum((b.fee + b.charges for b, _ in chk.returns), ZERO)
        out.append(("", f"买家退货的 {n} 个包裹共 ¥{money:,.2f}：售后单上的退货单号，运费由我们付",
                    f"{en_count(n, 'buyer return')}, ¥{money:,.2f}: the return tracking numbers of after-sales "
                    "cases, whose postage is ours"))
    # the rest of a parcel's fee charged on a line of its own (续重补收): said, nothing to do
    out += cut([("", (f"  补收 {x.tracking_no}：第 {x.line} 行，¥{x.fee + x.charges:,.2f}（补第 {b.line} 行：共 "
                      f"¥{b.fee + b.charges + x.fee + x.charges:,.2f}，与运费表相符）"),
                 (f"  top-up {x.tracking_no}: line {x.line}, ¥{x.fee + x.charges:,.2f} (adds to line {b.line}: "
                  f"¥{b.fee + b.charges + x.fee + x.charges:,.2f} in all, as the rates say)"))
                for x, b in chk.topped_up], ("个补收", "more top-ups"))
    # the courier's own corrections: said, nothing to do (one that cancels no line: a person sees what it is)
    def settles(k, c, b) -> tuple[str, str]:
        if b is None:
            return "（账单上没有对应的行：快递退给我们的钱）", " (cancels no line of the bill: money the courier gives back)"
        if b.fee + b.charges + c.fee + c.charges:  # (调账: a price put right, not the line taken off)
            # (in steps: from what the credits before it left of the line)
            was = b.fee + b.charges + sum((x.fee + x.charges for x, y in chk.credits[:k] if y is b), ZERO)
            now = was + c.fee + c.charges
            if not now:  # (the rest of a line taken off in steps: -1.00, then -7.30 of 8.30)
                return f"（冲掉第 {b.line} 行）", f" (cancels line {b.line})"
            return (f"（更正第 {b.line} 行：¥{was:,.2f} → ¥{now:,.2f}）",
                    f" (corrects line {b.line}: ¥{was:,.2f} → ¥{now:,.2f})")
        return f"（冲掉第 {b.line} 行）", f" (cancels line {b.line})"

    out += cut([("", f"  冲销 {c.tracking_no}：第 {c.line} 行，{yuan(c.fee + c.charges)}" + settles(k, c, b)[0],
                 f"  credit {c.tracking_no}: line {c.line}, {yuan(c.fee + c.charges)}" + settles(k, c, b)[1])
                for k, (c, b) in enumerate(chk.credits)], ("个冲销", "more credits"))
    if n := len(chk.unchecked):  # part of the check not done: said with its count, never under a ✓
        rows = "、".join(str(b.line) for b in chk.unchecked[:10]) + (f" 等 {n} 行" if n > 10 else "")
        rows_en = ", ".join(str(b.line) for b in chk.unchecked[:10]) + (f" and {n - 10} more" if n > 10 else "")
        out.append(("!", f"{n} 个包裹的运费没有核对（账单第 {rows} 行）：缺重量或运费表里没有它的价格，原因见提示；补上后再对一次",
                    (f"the fee of {en_count(n, 'parcel')} was not checked (bill line{'s' if n > 1 else ''} {rows_en}): "
                     "no weight, or no price on the shipping rates (the warnings say which); check the bill again once "
                     "that is put right")))
    if chk.report is not None:  # ✓ only when nothing is left to take up (issues: the bill's, errors among them)
        out.append(report_said(chk.report, not courier_differs(chk, issues)))
    if with_issues:
        said = [issue_said(i) for i in issues]
        out += first(said, shown, ("条", "more"), issues_where)
    return out


def courier_differs(chk, issues: list) -> bool:
    """A difference to take up with the courier, a bill line in error, or a parcel whose fee was not checked (the
    check did part of its job): the CLI's exit 1, the button's loud box, no ✓."""
    return bool(chk.billed_not_shipped or chk.shipped_not_billed or chk.heavy or chk.fee_differs or chk.billed_twice
                or chk.returned or chk.not_marked or chk.unchecked or chk.unweighed or any(i.is_error for i in issues))


def ledger_said(report, margin, path, shown: int | None = None) -> list[tuple[str, str, str]]:
    """What `ledger --month` prints and the 利润表 button shows (mark, zh, en): the month, each group's
    total, income, expense and net, each account's opening and closing, the gross margin of the
    orders shipped, each 余额核对 in or before the month that disagrees (the first `shown`, else all),
    the report written: ✓ only when none disagrees."""
    from .ledger import group_label

    so_far = report.so_far()  # the month under way: its figures so far (as the 利润表 workbook's title says)
    out = [("", f"{report.month} 利润表{so_far[0]}", f"{report.month} P&L{so_far[1]}")]
    for g, cats in report.lines.items():
        out.append(("", f"  {_pad(group_label(g, 'zh'), 18)} {report.group_total(g):>14,.2f}",
                    f"  {_pad(group_label(g, 'en'), 18)} {report.group_total(g):>14,.2f}"))
        # a group of money in and out (运费收入 beside 快递费): its categories under it, as 收入合计 and 支出合计
        # add them (by category); by its net alone they did not re-add from what is shown
        if any(v > 0 for v in cats.values()) and any(v < 0 for v in cats.values()):
            out += [("", f"    {_pad(c, 16)} {v:>14,.2f}", f"    {_pad(c, 16)} {v:>14,.2f}") for c, v in cats.items()]
    # one sign throughout, as the group totals above and the 利润表 workbook's column (its header says it):
    # money in +, money out − (支出合计 too)
    out += [("", f"  {_pad(zh, 18)} {v:>14,.2f}", f"  {_pad(en, 18)} {v:>14,.2f}") for zh, en, v in (
        ("收入合计", "income", report.income), ("支出合计", "expense", -report.expense), ("净额", "net", report.net))]
    out += [("", f"  {_pad(a.account, 10)} 期初 {a.opening:>12,.2f}  期末 {a.closing:>12,.2f}",
             f"  {_pad(a.account, 10)} opening {a.opening:>12,.2f}  closing {a.closing:>12,.2f}") for a in report.accounts]
    if margin:
        out.append(("", f"  发货毛利：{margin.gross:,.2f}", f"  gross margin on shipped orders: {margin.gross:,.2f}"))
    unpriced = margin.unpriced if margin else []
    if unpriced:
        out.append(("!", *unpriced_said(unpriced, margin.unrated)))
    differs = margin.fee_differs if margin else []  # an order's two 运费: its revenue may be off by the other
    out += first([issue_said(i) for i in differs], 10, ("行运费不一致", "more rows of another shipping fee"),
                 (f"都在 {path} 的“毛利”表", f"all on the Gross margin sheet of {path}"))
    unsure = margin.tier_unknown if margin else []  # an agent's order at its tier now, the tier it was ordered at unknown
    out += first([issue_said(i) for i in unsure], 10, ("行代理订单按现在的等级计", "more agent order lines at the tier now"),
                 (f"都在 {path} 的“毛利”表", f"all on the Gross margin sheet of {path}"))
    out += [issue_said(i) for i in report.sheet_warnings]  # (before the file: no ✓ beside a P&L of the wrong sheet)
    if not report.entries:  # (a new shop's first month: its zeros under a ✓ read as a month that made nothing)
        out.append(("!", *no_entries_said(report.month)))
    return out + balance_checks_said(report.balance_issues, path, shown,
                                     whole=not (report.sheet_warnings or unpriced or differs or unsure
                                                or not report.entries))


def no_entries_said(month: str) -> tuple[str, str]:
    """A P&L of a month with no 流水 row (zh, en): its zeros are no month that made nothing, and where the entries go."""
    return (f"{month} 没有流水，利润表都是 0：这个月的每笔收入和支出记在 ledger.xlsx 的“流水”表"
            "（日期、收支、类别、金额、账户各一列），记好后再生成一次",
            f"no ledger entries in {month}, so the P&L is all zeros: enter each of the month's money in and out on "
            "the Entries sheet of ledger.xlsx (date, direction, category, amount, account), then run it again")


def unpriced_said(unpriced: list, unrated: list | tuple = (), shown: int = 5) -> tuple[str, str]:
    """What the gross margin's 快递成本 leaves out (zh, en): the parcels (order no, province, courier) the
    运费 sheet has no price for, the first `shown` named, and what to do: the prices of each courier of
    `unrated` (Margin.unrated: the sheet has none of theirs; None: it is empty), else the province."""
    n = len(unpriced)
    named = [f"{o} {p or '?'}{' ' + c if c else ''}" for o, p, c in unpriced[:shown]]
    more = (f" 等 {n} 个", f" and {n - shown} more") if n > shown else ("", "")
    it, it_en = ("它", "it") if n == 1 else ("它们", "them")
    nowhere = (("；地址里认不出省份的（?），改正地址", "; where no province was read from the address (?), correct "
                "the address") if any(not p for _, p, _ in unpriced) else ("", ""))
    from ..orders.couriers import said_as

    named_c = [c for c in unrated if c]  # (each by its one name: 顺丰, SF in English, however the orders typed it)
    if None in unrated:  # (an empty sheet: no courier's, the default's none either)
        add = ("请在 orders.xlsx 的“运费”表填上快递的价格（运费表是空的）",
               "Fill in the couriers' prices on the Shipping rates sheet of orders.xlsx (it is empty)")
    elif named_c:  # (a 顺丰 parcel on a sheet of 中通's alone: never at 中通's)
        add = (f"运费表里没有{'、'.join(named_c)}的价格：请在 orders.xlsx 的“运费”表添加（各省份或一行“其他”）"
               + ("；其余的补上省份（或一行“其他”）" if len(named_c) < len({c for _, _, c in unpriced}) else ""),
               f"the shipping rates have no prices for {', '.join(said_as(c, 'en') for c in named_c)}: add them (each province, or an 'other' "
               "row) to the Shipping rates sheet of orders.xlsx" + ("; for the others, add the province (or an "
                                                                     "'other' row)" if len(named_c) < len(
                                                                         {c for _, _, c in unpriced}) else ""))
    else:
        add = (f"请在 orders.xlsx 的“运费”表补上{it}的省份（或一行“其他”）",
               "Add the province (or an 'other' row) to the Shipping rates sheet of orders.xlsx")
    return (f"{n} 个包裹在运费表里没有价格（订单 {'、'.join(named)}{more[0]}）：快递成本没有算{it}，发货毛利偏高。"
            f"{add[0]}{nowhere[0]}",
            f"{en_count(n, 'parcel')} {'has' if n == 1 else 'have'} no price on the shipping rates (order{'s' if n > 1 else ''} "
            f"{', '.join(named)}{more[1]}): the courier cost leaves {it_en} out and the gross margin is too high. "
            f"{add[1][0].upper() + add[1][1:]}{nowhere[1]}")


def _pad(text: str, width: int) -> str:
    """`text` filled out to `width` columns as a terminal shows it: a Chinese character takes two
    (str.ljust counts it as one, and the figures after a Chinese group name stood out of line)."""
    import unicodedata

    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def balance_checks_said(failing: list, path, shown: int | None = None,
                        whole: bool = True) -> list[tuple[str, str, str]]:
    """The end of a result that shows a month's P&L (`ledger`, the monthly review), `path` its file:
    ✓ when no 余额核对 disagrees (`failing`: the located issues) and the result is `whole` (a review
    some of whose days have no figures is not: –), else each (the first `shown`, else all) and that
    the P&L may be wrong (after the file's name; `path` None: a message that carries no file, the
    bots')."""
    if not failing:
        return [report_said(path, whole)]
    # validate's words for each (an error there); here a warning: the P&L is written, and may be wrong
    out = first([("!", *issue_said(i)[1:]) for i in failing], shown, ("条", "more"),
                ("shopbook validate 列出全部", "shopbook validate lists them all"))
    return out + [("!", *(pnl_may_be_wrong(failing, f"{path}：", f"{path}: ") if path is not None
                          else pnl_may_be_wrong(failing)))]


def pnl_may_be_wrong(failing: list, zh: str = "", en: str = "") -> tuple[str, str]:
    """Why a P&L beside failing 余额核对 may be wrong and what to do (zh, en), after `zh`/`en`: the
    line `ledger` and the review end with, the note the review's workbook carries."""
    n = len(failing)
    return (f"{zh}利润表可能不对。{n} 个余额核对与流水算出的余额不符（见上），流水里漏记或记错的那一笔，"
            "利润表里也漏了或错了。改正流水后再生成一次。",
            f"{en}{'the' if en else 'The'} P&L may be wrong. {en_count(n, 'balance check')} "
            f"disagree{'s' if n == 1 else ''} with the balance the entries give (above): an entry missing or "
            "wrong there is missing or wrong in the P&L too. Correct the entries, then run it again.")
