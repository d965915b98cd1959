"""Outbox relay: publishes outbox entries from every function's table to the county's EventBridge bus."""
