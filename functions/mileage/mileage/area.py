"""What every mileage feature shares: the area's name (the source of its events) and how often a change is retried
when another change moved the same balance first."""

from __future__ import annotations

AREA = "mileage"
MAX_ATTEMPTS = 20  # optimistic retries when another change moved the same balance first
