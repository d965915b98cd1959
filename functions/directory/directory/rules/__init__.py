"""The directory's rules: plain Python, no I/O (tested without moto)."""
