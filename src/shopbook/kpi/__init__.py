"""The daily data report's numbers (数据日报): derived metrics, targets, medians, anomalies, roll-ups."""
