"""Validation: every problem in a shop's workbooks at once, each on its cell.

The names below are loaded when asked for: a command that checks one sheet's rules (the review's
审单规则, validate.rules) does not import the run of every check (validate.run and the stock
report it uses)."""

__all__ = ["Validation", "check_all", "run_checks", "validate_path"]


def __getattr__(name: str):
    if name == "check_all":
        from .rules import check_all

        return check_all
    if name in ("Validation", "run_checks", "validate_path"):
        from . import run

        return getattr(run, name)
    from .. import _submodules_when_used

    return _submodules_when_used(__name__)(name)  # (shopbook.validate.write … after a bare `import shopbook`)
