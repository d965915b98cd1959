"""The other services the residents' area drives: the residents' user pool, the real-name verification port."""
