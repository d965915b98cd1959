"""What one template with many areas must keep true, checked on the SAM source (`make template` prints each breach).

The template grows by one block per area and per consumer; these are the lines a copy most easily forgets:
- every table with an outbox is relayed: its stream is an event of `RelayFunction`, it is in the sweep's
  `OUTBOX_TABLES`, and both functions' policies reach it (the relay marks entries sent, the sweep queries gsi1);
- no function of an area reaches another area's table (areas talk through events only);
- every consumer's queue has a dead-letter queue;
- every role (`common.identity.Role`: the offices among them) is a group of the user pool, or no token could carry it;
- a route takes no token (`Auth: { Authorizer: NONE }`) only if `PUBLIC_ROUTES` declares it, and every declared public
  route is in the template and marked so; the API's default authorizer is a real one.

A table belongs to the area its logical id names (`MileageTable` → mileage); a function to the area of its `CodeUri`
(`functions/mileage/`). The relay is the stack's plumbing, not an area.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from common.identity import Role

PLUMBING = {"relay"}

# The routes anyone may call without a token, each with why: the one declared place (docs/decisions.md, 2026-11-30).
# Marking a route `Auth: { Authorizer: NONE }` in the template is the other key; either alone fails the check.
# A public route that writes opts in to a per-source limit (`common.ratelimit.rate_limited("public_write")`).
PUBLIC_ROUTES: dict[str, str] = {
    "GET /directory/docs": "Swagger UI and the OpenAPI spec of the directory's API (no data)",
    "GET /mileage/docs": "Swagger UI and the OpenAPI spec of the mileage API (no data)",
    "GET /committee/docs": "Swagger UI and the OpenAPI spec of the committee's API (no data)",
    "GET /consulting/docs": "Swagger UI and the OpenAPI spec of the consulting API (no data)",
    "GET /residents/docs": "Swagger UI and the OpenAPI spec of the residents' API (no data)",
    "GET /selection/docs": "Swagger UI and the OpenAPI spec of the selection API (no data)",
    "GET /selection/results/{cycle_id}": "the selected officials' names, departments, tiers and cases, published",
    "GET /complaints/docs": "Swagger UI and the OpenAPI spec of the complaints API (no data)",
    "POST /complaints": "an anonymous passive-administration report, where the county allows it (public_write limit)",
    "GET /complaints/receipts/{receipt_no}": "the reporter follows the case with the receipt's secret (no account)",
    "POST /complaints/receipts/{receipt_no}/messages": "the reporter writes to the office with the receipt's secret",
}


def area_tables(resources: dict[str, Any]) -> dict[str, str]:
    """Table logical id → area."""
    return {lid: lid.removesuffix("Table").lower() for lid, r in resources.items()
            if r["Type"] == "AWS::DynamoDB::Table" and lid.endswith("Table")}


def function_area(resource: dict[str, Any]) -> str | None:
    code_uri = resource["Properties"].get("CodeUri", "")
    match = re.match(r"^functions/([a-z_]+)/?$", code_uri) if isinstance(code_uri, str) else None
    return match.group(1) if match else None


def references(node: Any) -> Iterator[str]:
    """Every logical id a template fragment points at (Ref, GetAtt, ${X} / ${X.Attr} in Sub)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                yield value
            elif key == "Fn::GetAtt":
                yield value[0] if isinstance(value, list) else str(value).split(".")[0]
            elif key == "Fn::Sub":
                text = value[0] if isinstance(value, list) else value
                yield from (name.split(".")[0] for name in re.findall(r"\$\{([A-Za-z0-9.:]+)\}", str(text)))
                if isinstance(value, list):
                    yield from references(value[1])
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def convention_errors(source: dict[str, Any]) -> list[str]:
    resources = source["Resources"]
    tables = area_tables(resources)
    errors: list[str] = []

    relay, sweep = resources.get("RelayFunction"), resources.get("OutboxSweepFunction")
    if relay is None or sweep is None:
        return ["the template has no RelayFunction or OutboxSweepFunction: nothing would publish the outboxes"]
    relayed = {ref for event in relay["Properties"].get("Events", {}).values() if event["Type"] == "DynamoDB"
               for ref in references(event["Properties"]["Stream"])}
    swept = set(references(sweep["Properties"]["Environment"]["Variables"].get("OUTBOX_TABLES")))
    relay_reach = set(references(relay["Properties"].get("Policies")))
    sweep_reach = set(references(sweep["Properties"].get("Policies")))
    for table in tables:
        if "StreamSpecification" not in resources[table]["Properties"]:
            errors.append(f"{table}: no stream, so its outbox is never relayed")
        for what, found in (("a DynamoDB stream event of RelayFunction", relayed),
                            ("OutboxSweepFunction's OUTBOX_TABLES", swept),
                            ("RelayFunction's policies", relay_reach),
                            ("OutboxSweepFunction's policies", sweep_reach)):
            if table not in found:
                errors.append(f"{table}: missing from {what}")

    for lid, resource in resources.items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        area = function_area(resource)
        if area is None or area in PLUMBING:
            continue
        reached = set(references(resource["Properties"].get("Policies")))
        foreign = sorted(t for t in reached & set(tables) if tables[t] != area)
        if foreign:
            errors.append(f"{lid} ({area}): its policies reach another area's table {foreign}; areas talk by events")
        for name, event in resource["Properties"].get("Events", {}).items():
            if event["Type"] != "SQS":
                continue
            queue = next(iter(references(event["Properties"]["Queue"])), None)
            if queue not in resources or "RedrivePolicy" not in resources[queue].get("Properties", {}):
                errors.append(f"{lid}/Events/{name}: the consumer's queue {queue} has no dead-letter queue")
    errors += [f"role {role}: no AWS::Cognito::UserPoolGroup with GroupName {role}"
               for role in missing_groups(resources)]
    errors += public_route_errors(resources)
    return errors


def missing_groups(resources: dict[str, Any]) -> list[str]:
    """Staff roles that are no group of the staff pool. Residents are no group: they have a pool of their own, and
    `common.identity` knows a resident by the token's issuer."""
    groups = {r["Properties"]["GroupName"] for r in resources.values() if r["Type"] == "AWS::Cognito::UserPoolGroup"}
    return sorted(role.value for role in Role if role != Role.RESIDENT and role.value not in groups)


def route_authorizers(resources: dict[str, Any]) -> dict[str, str | None]:
    """Every HttpApi route (`METHOD /path`) → the authorizer its event names (None: the API's default)."""
    routes: dict[str, str | None] = {}
    for resource in resources.values():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in resource["Properties"].get("Events", {}).values():
            if event["Type"] == "HttpApi":
                props = event["Properties"]
                routes[f"{props['Method'].upper()} {props['Path']}"] = (props.get("Auth") or {}).get("Authorizer")
    return routes


def public_route_errors(resources: dict[str, Any]) -> list[str]:
    errors = []
    for lid, api in resources.items():
        if api["Type"] == "AWS::Serverless::HttpApi":
            default = (api["Properties"].get("Auth") or {}).get("DefaultAuthorizer")
            if default in (None, "NONE"):
                errors.append(f"{lid}: no DefaultAuthorizer, so every route without its own Auth would be public")
    routes = route_authorizers(resources)
    for route, authorizer in sorted(routes.items()):
        if authorizer == "NONE" and route not in PUBLIC_ROUTES:
            errors.append(f"{route}: Authorizer NONE but not declared in infra/conventions.PUBLIC_ROUTES")
    for route in sorted(PUBLIC_ROUTES):
        if routes.get(route, "") != "NONE":
            errors.append(f"{route}: declared public but {'not a route' if route not in routes else 'it needs a token'}"
                          " in the template")
    return errors
