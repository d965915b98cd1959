"""What every mileage feature shares: how often a change is retried when another change moved the same balance first.
(The area's name, the source of its events, is its models' in `contracts.mileage`.)"""

from __future__ import annotations

MAX_ATTEMPTS = 20  # optimistic retries when another change moved the same balance first
