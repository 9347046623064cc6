"""Orders to parcels: import, review (审单), pick lists and packing notes, scan check, shipping."""
