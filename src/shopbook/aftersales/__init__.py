"""After-sales cases (售后): returns, exchanges, refunds, resends, complaints, lost parcels."""

from .. import submodules_when_used

__getattr__ = submodules_when_used(__name__)  # (shopbook.aftersales.workflow … after a bare `import shopbook`)
