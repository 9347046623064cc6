"""Reading and writing files: the thin edge between the core and the disk."""
