"""Orders to parcels: import, review (审单), pick lists and packing notes, scan check, shipping."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.orders.workflow … after a bare `import shopbook`)
