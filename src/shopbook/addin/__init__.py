"""Building the Excel add-in (dist/shopbook.xlam) from macros/, reproducibly."""
