"""What a reconciliation says, line by line (mark, zh, en): the words `reconcile alipay|wechat`
print and the 支付宝对账 and 微信对账 buttons show, in one place."""

from __future__ import annotations

from ..issues import en_count, first, issue_said


def reconciled_said(res, source: tuple[str, str], shown: int | None = None,
                    issues: bool = True) -> list[tuple[str, str, str]]:
    """`res` of reconcile_alipay_file or reconcile_wechat_file; `source` the statement's name (支付宝,
    Alipay). Whose statement it is, the counts, its problems (`issues`: the first `shown`, else all;
    the CLI prints each as a block), the lines booked (✓ never beside an error) and the report."""
    c = res.result.counts()
    out = []
    if res.account:  # whose statement it is: another account's money is not the shop's
        out.append(("", f"{source[0]}账号 {res.account}", f"{source[1]} account {res.account}"))
    dup = c["probable_duplicates"]
    out.append(("", f"已匹配 {c['matched']} · 金额不符 {c['amount_differs']} · 仅{source[0]} {c['alipay_only']} · "
                    f"仅流水账 {c['ledger_only']}" + (f" · 疑似重复 {dup}" if dup else ""),
                f"matched {c['matched']} · amount differs {c['amount_differs']} · {source[1]} only {c['alipay_only']} · "
                f"ledger only {c['ledger_only']}" + (f" · probable duplicates {dup}" if dup else "")))
    problems = statement_problems(res)
    if issues:
        said = [issue_said(i) for i in problems]
        out += said if shown is None else first(said, shown, ("条", "more"), (
            "对账报告里有全部" if res.report else "命令行对账列出全部",
            "the reconciliation report holds them all" if res.report else "the command line lists them all"))
    if res.applied:
        out.append(("" if any(i.is_error for i in problems) else "✓", f"已补录 {res.applied} 条流水",
                    f"added {en_count(res.applied, 'ledger line')}"))
    if res.report:
        out.append(("✓", str(res.report), str(res.report)))
    return out


def statement_problems(res) -> list:
    """The statement's own problems, its balance checks and why --apply booked nothing."""
    return res.statement_issues + res.balance_issues + ([res.refused] if res.refused else [])
