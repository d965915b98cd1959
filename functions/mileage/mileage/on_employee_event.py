"""Consumer: directory events (EmployeeJoined / EmployeeChanged / EmployeeLeft) → mileage's staff projection."""

from __future__ import annotations

from typing import Any

from common.consumer import consume
from common.observability import logger
from mileage import staff


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict, context: Any) -> dict:
    return consume(event, context, consumer="mileage-directory-projection", table_variable="MILEAGE_TABLE",
                   handle=staff.apply)
