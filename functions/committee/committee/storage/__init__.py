"""The only code that knows the committee table: items.py (item classes, keys, indexes), one module per feature."""
