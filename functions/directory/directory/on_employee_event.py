"""Entry point: directory employee events → Cognito users (`cognito_sync`).

EventBridge → the DirectoryCognitoSync queue → this function; each event is handled at most once
(`common.consumer`), and every step is idempotent anyway, so a replay from the DLQ is harmless.
"""

from __future__ import annotations

from typing import Any

from common.consumer import consume
from directory.cognito_sync import sync


def handler(event: dict, context: Any) -> dict:
    return consume(event, context, consumer="directory-cognito-sync", table_variable="DIRECTORY_TABLE", handle=sync)
