"""Stock: on-hand, reserved and available quantities, from products, movements and orders."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.stock.workflow … after a bare `import shopbook`)
