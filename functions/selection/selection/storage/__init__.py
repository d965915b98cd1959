"""The only code that knows the selection table: items.py (item classes, keys, indexes), one module per feature."""
