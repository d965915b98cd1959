"""The template's HTTP routes and the handlers' routes are the same set: a route only in code would answer 404 in AWS
(API Gateway never forwards it), a route only in the template would reach a handler that does not know it."""

from __future__ import annotations

import importlib
from collections import defaultdict

from devstack.stack import Stack

METHODS = ("get", "post", "put", "delete", "patch")


def handler_routes(handler: str) -> set[tuple[str, str]]:
    """(METHOD, /path/{param}) of every route the Powertools app behind `handler` serves, from its OpenAPI spec."""
    app = importlib.import_module(handler.rsplit(".", 1)[0]).app
    return {(method.upper(), path) for path, item in app.get_openapi_schema().paths.items()
            for method in METHODS if getattr(item, method) is not None}


def test_every_api_function_serves_exactly_the_template_routes():
    stack = Stack("demo")
    template: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for route in stack.routes():
        if not route.path.endswith("/docs"):  # the docs routes are Swagger UI, not in the OpenAPI spec
            template[route.function].add((route.method, route.path))
    functions = stack.functions()
    assert template, "the template declares no HTTP routes"
    for logical_id, routes in template.items():
        assert handler_routes(functions[logical_id].handler) == routes, logical_id
