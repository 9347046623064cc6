"""The suite runs with records read from a workbook read-only (schema.base.ReadFields): a
change made in place to one would also change the parsed-sheet cache's copy."""

import os

os.environ.setdefault("SHOPBOOK_STRICT_RECORDS", "1")
