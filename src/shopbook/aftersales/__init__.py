"""After-sales cases (售后): returns, exchanges, refunds, resends, complaints, lost parcels."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.aftersales.workflow … after a bare `import shopbook`)
