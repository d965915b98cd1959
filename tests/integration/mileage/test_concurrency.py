"""100 grants racing against one cap end exactly at the cap (the logic called from threads, see the fixture)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from common.clock import today
from common.errors import RuleViolation
from common.identity import caller_from_claims
from mileage import grants
from mileage.models import GrantRequest
from mileage.storage.caps import get_cap
from tests.builders import staff_claims
from tests.integration.mileage.conftest import YESTERDAY


def test_concurrent_grants_end_exactly_at_the_cap(api, one_request_at_a_time):
    head = caller_from_claims(staff_claims("H1", "FIN", "dept_head"))

    def attempt(n: int) -> str:
        request = GrantRequest(item_code="PROCESS", points=1, act_title=f"동시 행위 {n}", act_date=YESTERDAY,
                               recipients=[{"employee_no": "E1"}])
        try:
            return grants.create_grants(head, request).grants[0].status
        except RuleViolation as error:
            return error.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(100)))
    assert results.count("SUBMITTED") == 20  # person month cap 20
    assert set(results) == {"SUBMITTED", "CAP_EXCEEDED"}
    assert get_cap("CAP#PERSON#E1", f"M{today():%Y-%m}") == 20


def test_concurrent_approvals_into_one_balance_end_with_exact_totals(api, one_request_at_a_time):
    from mileage.decisions import approve

    grant_ids = [api.granted(points=1, act_title=f"승인 경합 {n}")["grant_id"] for n in range(20)]  # the month cap
    auditor = caller_from_claims(staff_claims("A1", "AUD", "audit"))
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda grant_id: approve(auditor, grant_id).status, grant_ids))
    assert statuses == ["APPROVED"] * 20
    assert (api.balance()["balance"], api.balance()["version"]) == (20, 20)
    ledger = api("GET", "/mileage/accounts/E1/ledger", "E1", query={"limit": "100"})[1]["items"]
    assert sorted(e["balance_after"] for e in ledger) == list(range(1, 21))  # each credit saw the one before it
