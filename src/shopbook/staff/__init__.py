"""Staff performance pay (绩效)."""
