"""shopbook: a spreadsheet-native back office for small online shops."""

__version__ = "0.1.0"
