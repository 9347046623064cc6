"""The daily data report's numbers (数据日报): derived metrics, targets, medians, anomalies, roll-ups."""

from .. import submodules_when_used

__getattr__ = submodules_when_used(__name__)  # (shopbook.kpi.workflow … after a bare `import shopbook`)
