"""The HTTP edge: one module per resource (parse, who is calling, one call into the area, shape the answer)."""
