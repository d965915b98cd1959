"""A transaction larger than DynamoDB accepts is refused before anything is sent, with a clear error."""

from __future__ import annotations

import pytest

from common.dynamo import MAX_TRANSACTION_ITEMS
from common.errors import RuleViolation
from mileage.storage.items import CapCounter
from mileage.storage.table import transaction


def test_more_than_a_hundred_items_is_a_rule_violation_not_a_crash():
    tx = transaction()
    for n in range(MAX_TRANSACTION_ITEMS + 1):
        tx.put(CapCounter(f"CAP#PERSON#{n}", "Y2026", used=1))
    with pytest.raises(RuleViolation) as caught:
        tx.commit()  # no AWS here: it must fail before any call
    assert caught.value.code == "TOO_MANY_CHANGES" and caught.value.details == {"items": 101, "limit": 100}
    assert caught.value.message == "한 번에 처리할 변경이 너무 많습니다. 받는 직원을 나누어 부여해 주세요."
