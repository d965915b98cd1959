"""A transaction larger than DynamoDB accepts is refused before anything is sent, with a clear error."""

from __future__ import annotations

import pytest

from common.errors import RuleViolation
from mileage.storage.items import CapCounter
from mileage.storage.tx import MAX_TRANSACTION_ITEMS, Tx


def test_more_than_a_hundred_items_is_a_rule_violation_not_a_crash():
    tx = Tx()
    for n in range(MAX_TRANSACTION_ITEMS + 1):
        tx.put(CapCounter(f"CAP#PERSON#{n}", "Y2026", used=1))
    with pytest.raises(RuleViolation) as caught:
        tx.commit()  # no AWS here: it must fail before any call
    assert caught.value.code == "TOO_MANY_CHANGES" and caught.value.details["items"] == 101
