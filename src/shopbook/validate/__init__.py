"""Validation: every problem in a shop's workbooks at once, each on its cell."""

from .rules import check_all
from .run import Validation, run_checks, validate_path

__all__ = ["Validation", "check_all", "run_checks", "validate_path"]
