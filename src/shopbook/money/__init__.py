"""Money: ledger balances and checks, the monthly P&L, reconciliation with Alipay and courier bills."""

from .. import submodules_when_used

__getattr__ = submodules_when_used(__name__)  # (shopbook.money.workflow … after a bare `import shopbook`)
