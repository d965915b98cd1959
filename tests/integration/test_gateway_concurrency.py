"""The local gateway serves requests concurrently, as API Gateway and Lambda do: a burst is answered whole, and
requests run at the same time in separate function instances, so races tried over HTTP are real."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
import uuid
from collections import Counter
from typing import Any

import pytest

from tests.builders import local_token, running_local

pytestmark = pytest.mark.http


@pytest.fixture(scope="module")
def local():
    with running_local(drain=True) as started:
        yield started


token_of = local_token


def call(url: str, method: str = "GET", *, token: str, body: Any = None,
         headers: dict[str, str] | None = None) -> tuple[int | str, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, method=method, data=data)
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")
    except OSError as error:  # connection reset or refused: no answer at all
        return type(error).__name__, None


def at_once(count: int, request) -> list[tuple[int | str, Any]]:
    """`count` requests released together from `count` threads (each its own connection)."""
    barrier = threading.Barrier(count)
    results: list[tuple[int | str, Any]] = []
    lock = threading.Lock()

    def one() -> None:
        barrier.wait()
        result = request()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_a_burst_of_50_concurrent_requests_is_answered_whole_by_more_than_one_instance(local):
    token = token_of(local, "2026013")
    url = local.gateway.url + "/directory/me"

    results = at_once(50, lambda: call(url, token=token))

    assert Counter(status for status, _ in results) == Counter({200: 50})
    assert {body["employee_no"] for _, body in results} == {"2026013"}
    assert local.gateway.server.request_queue_size >= 50  # a burst of connections waits instead of being reset
    instances = local.gateway.instances
    assert instances is not None and instances.count > 1
    served_by = instances._pools["DirectoryApiFunction"]._processes
    assert len(served_by) > 1, "the burst ran in one instance, one request at a time"


def test_a_race_over_http_is_real_and_idempotency_holds(local):
    """Ten copies of one grant with one Idempotency-Key, sent at once: one grant is made; every answer is that grant
    (201) or 'still in progress' (409), never a second grant."""
    token = token_of(local, "2026011")  # head of FIN
    title = f"동시 요청 점검 {uuid.uuid4().hex[:8]}"
    grant = {"item_code": "FIELD_CHECK", "points": 5, "act_title": title, "act_date": "2026-11-20",
             "recipients": [{"employee_no": "2026013"}]}
    key = uuid.uuid4().hex

    results = at_once(10, lambda: call(local.gateway.url + "/mileage/grants", "POST", token=token, body=grant,
                                       headers={"Idempotency-Key": key}))

    statuses = Counter(status for status, _ in results)
    assert set(statuses) <= {201, 409}, statuses
    assert statuses[201] >= 1
    created = {json.dumps(body, sort_keys=True) for status, body in results if status == 201}
    assert len(created) == 1, "every 201 is the one grant"
    status, listed = call(local.gateway.url + "/mileage/grants?department=FIN", token=token)
    assert status == 200
    assert sum(1 for g in listed["items"] if g.get("act_title") == title) == 1
