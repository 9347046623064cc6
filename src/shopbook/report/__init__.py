"""Reports: the daily report and the monthly review (workbooks with charts), and the e-mails."""

from decimal import ROUND_HALF_UP, Decimal

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.report.workflow … after a bare `import shopbook`)


def percent(v, places: int = 2, sign: bool = False) -> str:
    """A fraction as a cell under a percentage of `places` decimals (0.0%, 0.00%) shows it: rounded
    half up, as Excel rounds (Python's formatting of a Decimal rounds half to even: a repeat rate of
    0.0625 read 6.2 % beside the cell's 6.3 %). `sign`: +/- before it (a change)."""
    v = Decimal(v).quantize(Decimal(1).scaleb(-places - 2), ROUND_HALF_UP)
    return f"{v:{'+' if sign else ''}.{places}%}"


# each chart's name in an e-mail (its inline file name and alt text), by its cid: a Chinese shop's
# message names nothing in English ("orders.png"); a cid stays ASCII, as RFC 2392 wants it
CHART_NAMES = {"orders": ("支付订单数", "orders"), "conversion": ("转化率", "conversion"),
               "mix": ("销售额按款式", "sales-by-style")}


def chart_names(cids, lang: str) -> dict[str, str]:
    """cid → the chart's name in the shop's language."""
    return {c: CHART_NAMES[c][0 if lang == "zh" else 1] if c in CHART_NAMES else c for c in cids}


def connection_words(e: BaseException) -> tuple[str, str]:
    """Why a connection (a group bot's webhook, the mail server) failed, (zh, en): the system's own
    words ([Errno 111] Connection refused) are English whatever the shop's language, so the usual
    ones are said in each, with what they mean; any other is quoted as it came."""
    import socket
    import ssl
    import urllib.error

    # (urllib's URLError holds the system's error; an ssl error's reason is only its name, CERTIFICATE_VERIFY_FAILED)
    reason = e.reason if isinstance(e, urllib.error.URLError) else e
    if isinstance(reason, ssl.SSLCertVerificationError):
        return ("对方的证书验证不通过（地址写错了，或这台电脑的时间不对）",
                "its certificate did not verify (a mistyped address, or this computer's clock is wrong)")
    if isinstance(reason, ConnectionRefusedError):
        return ("对方拒绝连接：地址或端口不对，或那边的服务没有运行", "the connection was refused: a wrong address or port, "
                "or the service there is not running")
    if isinstance(reason, TimeoutError):  # (socket.timeout too)
        return ("连接超时：这台电脑没有网络，或对方没有应答", "the connection timed out: no network here, or no answer")
    if isinstance(reason, socket.gaierror):
        return ("找不到这个地址：域名写错了，或这台电脑没有网络", "the address was not found: a mistyped name, or no network here")
    if isinstance(reason, ConnectionResetError):
        return ("连接被对方断开", "the other side closed the connection")
    return str(reason), str(reason)
