"""Agents (代理): tier prices, price sheets, orders and monthly settlement."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.agents.workflow … after a bare `import shopbook`)
