"""Money: ledger balances and checks, the monthly P&L, reconciliation with Alipay and courier bills."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.money.workflow … after a bare `import shopbook`)
