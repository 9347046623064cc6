"""Purchasing (采购): draft POs from the stock alerts, receiving against a PO, what is on order."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.purchasing.workflow … after a bare `import shopbook`)
