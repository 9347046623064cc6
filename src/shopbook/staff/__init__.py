"""Staff performance pay (绩效)."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.staff.workflow … after a bare `import shopbook`)
