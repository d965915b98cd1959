"""Per-source limits on routes that anyone (or any resident) can call: HTTP APIs cannot use WAF, and the stage's
throttle is one budget for everybody. A route opts in with one argument:

    @router.put("/residents/me", middlewares=[rate_limited("resident_write")])

The rule's numbers (requests per window) are the county's (`limits` in the county file, `common.county.LimitsSection`).
The counter is a short-lived item in the calling area's own table (the route's first path segment names the area, as
`/residents/me` → `RESIDENTS_TABLE`; `table_variable=` to say otherwise): one fixed window per item, counted by one
conditional `UpdateItem ADD` (never read-then-write), gone by TTL (`expiration`) when the window ends. The item's key
is a hash of the county, the route, the window and the source address: the address itself is never stored, and the
same address gives an unrelated key in the next window. Over the limit: 429 `TOO_MANY_REQUESTS` with `Retry-After`
(seconds to the window's end).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.attributes import NumberAttribute, TTLAttribute

from common.clock import now
from common.county import LimitRule, LimitsSection, county
from common.dynamo import TableItem, table_meta
from common.errors import TooManyRequests
from common.observability import logger

RULES = tuple(name for name, field in LimitsSection.model_fields.items() if field.annotation is LimitRule)
PARTITION = "RATE"


@lru_cache(maxsize=8)
def _counter(table_variable: str) -> type[TableItem]:
    """The counter item class of the table named by environment variable `table_variable`."""
    area = table_variable.removesuffix("_TABLE").lower()

    class RateCounter(TableItem):
        Meta = table_meta(table_variable, f"jeokgeuk-demo-{area}")
        hits = NumberAttribute(default=0)
        expiration = TTLAttribute()

    return RateCounter


# the one conditional count, written once: it runs before every request of a public route, and PynamoDB would build
# and serialize these expressions and read the whole item back each time
_COUNT = {
    "UpdateExpression": "ADD #hits :one SET #expiration = :window_end",
    "ConditionExpression": "attribute_not_exists(#hits) OR #hits < :limit",
    "ExpressionAttributeNames": {"#hits": "hits", "#expiration": "expiration"},
    "ReturnValues": "UPDATED_NEW",
}


def source_key(*, county_code: str, route: str, window_start: int, source: str) -> str:
    """The counter's key: SHA-256 over what it counts, never the address in clear."""
    text = f"{county_code}\n{route}\n{window_start}\n{source}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def area_table(route_key: str) -> str:
    """`PUT /residents/me` → `RESIDENTS_TABLE`: the area owning the route keeps its counters."""
    path = route_key.partition(" ")[2] or route_key
    area = path.strip("/").split("/", 1)[0]
    if not area:
        raise ValueError(f"no area in route {route_key!r}: give table_variable")
    return f"{area.upper()}_TABLE"


def hit(rule_name: str, *, route: str, source: str, table_variable: str, at: datetime | None = None) -> int:
    """Count one request of `source` on `route` under the county's rule `rule_name`; the count so far in this window.
    `TooManyRequests` (429, `Retry-After`) when the window's count is already at the limit."""
    rule: LimitRule = getattr(county().limits, rule_name)
    moment = (at or now()).timestamp()
    window_start = int(moment // rule.window_seconds) * rule.window_seconds
    window_end = window_start + rule.window_seconds
    digest = source_key(county_code=county().code, route=route, window_start=window_start, source=source)
    # a partition per source (no hot key); the window's length in the key, so a county changing it starts afresh
    key = {"pk": {"S": f"{PARTITION}#{digest}"}, "sk": {"S": f"{rule_name}#{rule.window_seconds}#{window_start}"}}
    table = _counter(table_variable)._get_connection()  # PynamoDB's connection: its client, the table's name
    try:
        answer = table.connection.client.update_item(
            TableName=table.table_name, Key=key, **_COUNT,
            ExpressionAttributeValues={":one": {"N": "1"}, ":window_end": {"N": str(window_end)},
                                       ":limit": {"N": str(rule.requests)}})
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
        retry_after = max(1, math.ceil(window_end - moment))
        logger.info("rate limited", extra={"rule": rule_name, "route": route, "retry_after": retry_after})
        raise TooManyRequests(retry_after) from error
    return int(answer["Attributes"]["hits"]["N"])


Middleware = Callable[[Any, Callable[[Any], Any]], Any]


def rate_limited(rule_name: str, *, table_variable: str | None = None) -> Middleware:
    """A Powertools route middleware counting each request against the county's rule `rule_name` (`public_write`,
    `resident_write`, `public_read`), per source address (`requestContext.http.sourceIp`) and route."""
    if rule_name not in RULES:
        raise ValueError(f"no limit rule {rule_name!r}: the county file's limits has {', '.join(RULES)}")

    def middleware(app: Any, next_middleware: Callable[[Any], Any]) -> Any:
        event = app.current_event.raw_event
        route = event.get("routeKey") or f"{event['requestContext']['http']['method']} {event.get('rawPath', '')}"
        source = (event.get("requestContext") or {}).get("http", {}).get("sourceIp") or "unknown"
        hit(rule_name, route=route, source=source, table_variable=table_variable or area_table(route))
        return next_middleware(app)

    middleware.__name__ = f"rate_limited_{rule_name}"
    return middleware

