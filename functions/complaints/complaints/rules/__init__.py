"""The complaints rules: plain Python, no I/O."""
