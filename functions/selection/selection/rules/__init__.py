"""The selection's rules: plain Python over the county file's `selection` section, no I/O."""
