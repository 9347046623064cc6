"""The daily data report's numbers (数据日报): derived metrics, targets, medians, anomalies, roll-ups."""

from .. import _submodules_when_used

__getattr__ = _submodules_when_used(__name__)  # (shopbook.kpi.import_sycm … after a bare `import shopbook`)
