"""The committee's rules: plain Python over the county file's `committee` section and `common.statutory`, no I/O."""
