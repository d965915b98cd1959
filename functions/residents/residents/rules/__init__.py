"""The residents' rules: plain Python, no I/O."""
