"""Staff performance pay (绩效)."""

from .. import submodules_when_used

__getattr__ = submodules_when_used(__name__)  # (shopbook.staff.workflow … after a bare `import shopbook`)
