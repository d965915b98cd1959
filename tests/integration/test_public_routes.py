"""Public routes stay few and declared (issue #11): the template walked in local mode, every route called over HTTP
without a token. A route answers without one only if the template marks it `Auth: { Authorizer: NONE }` and
`infra.conventions.PUBLIC_ROUTES` declares it (the convention check holds the two together); any other authorizer
(`StaffJwt` by default, `ResidentJwt` on resident routes, …) means a token is needed: 401 before the function runs."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from infra.conventions import PUBLIC_ROUTES, route_authorizers
from infra.template_tools import load_source
from tests.builders import running_local

pytestmark = pytest.mark.http

ROUTES = route_authorizers(load_source()["Resources"])


@pytest.fixture(scope="module")
def local():
    with running_local() as started:
        yield started


def status_of(local, route: str, authorization: str | None = None) -> int:
    method, path = route.split(" ", 1)
    path = re.sub(r"\{\w+\+?\}", "x", path)  # any value: the authorizer answers before the route's own checks
    request = urllib.request.Request(local.gateway.url + path, method=method,
                                     data=b"{}" if method in ("POST", "PUT", "PATCH") else None)
    request.add_header("Content-Type", "application/json")
    if authorization:
        request.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_routes_taking_no_token_are_exactly_the_declared_public_ones():
    assert sorted(route for route, authorizer in ROUTES.items() if authorizer == "NONE") == sorted(PUBLIC_ROUTES)


def test_every_other_route_refuses_a_request_without_a_token_or_with_a_bad_one(local):
    protected = sorted(route for route, authorizer in ROUTES.items() if authorizer != "NONE")
    assert {f"{r.method} {r.path}" for r in local.gateway.routes} == set(ROUTES)  # every route the API serves
    answers = {route: (status_of(local, route), status_of(local, route, "Bearer not-a-token")) for route in protected}
    assert {route: answer for route, answer in answers.items() if answer != (401, 401)} == {}


def test_every_declared_public_route_answers_without_a_token(local):
    """Past the authorizer and no server error: a docs route 200, a public form's empty body 422, an unknown
    receipt 404 — never 401/403 for want of a token."""
    answers = {route: status_of(local, route) for route in sorted(PUBLIC_ROUTES)}
    assert {route: status for route, status in answers.items() if status in (401, 403) or status >= 500} == {}
