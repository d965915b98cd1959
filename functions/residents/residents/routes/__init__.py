"""The residents' HTTP edge: one module per resource (parse, who is calling, one call into the area, the answer)."""
