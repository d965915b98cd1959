"""The receipt page: the reporter follows the case with its receipt number and secret — progress, the messages
(never internal notes, never who in the office wrote them), the department's answer to a rerouted petition, the
result notice — and writes to the office. An unknown receipt and a wrong secret get the same answer at the same
cost; `max_failures` wrong secrets lock the receipt for `lock_minutes` (the per-source limit comes on top)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from common.clock import now
from common.errors import NotFound, TooManyRequests
from complaints import clocks
from complaints.intake import LOST_SECRET
from complaints.models import FollowOut
from complaints.rules import lifecycle
from complaints.rules.offices import rules
from complaints.rules.secrets import DECOY, SecretHash
from complaints.storage import cases as stored


def _no_match() -> NotFound:
    return NotFound("접수번호나 비밀번호가 맞지 않습니다. " + LOST_SECRET, code="RECEIPT_NOT_FOUND")


def open_receipt(receipt_no: str, secret: str | None) -> Any:
    """The case behind a receipt, if `secret` is its secret. A known and an unknown receipt number cost the same
    (two reads, one scrypt, on failure one counter update) and answer the same, lockout included."""
    section = rules().receipt_lookup
    receipt, lock = stored.get_receipt(receipt_no), stored.get_lock(receipt_no)
    moment = now()
    if lock is not None and lock.locked_until and datetime.fromisoformat(lock.locked_until) > moment:
        wait = math.ceil((datetime.fromisoformat(lock.locked_until) - moment).total_seconds())
        raise TooManyRequests(max(1, wait), "비밀번호를 여러 번 틀려 잠시 잠겼습니다. 잠시 후 다시 시도해 주세요.")
    known = receipt is not None and receipt.secret_hash is not None
    # always one scrypt, of the decoy where there is no hash: no secret, no case and a wrong secret take as long
    matched = (SecretHash(receipt.secret_hash) if known else DECOY).matches(secret or "")
    if not (known and secret and matched):
        stored.record_failure(receipt_no, max_failures=section.max_failures,
                              lock_until=moment + timedelta(minutes=section.lock_minutes))
        raise _no_match()
    stored.clear_failures(lock)
    case = stored.get_case(receipt.case_id)
    if case is None:  # pragma: no cover - written together
        raise _no_match()
    return case


def follow(receipt_no: str, secret: str | None) -> FollowOut:
    return _page(receipt_no, open_receipt(receipt_no, secret))


def _page(receipt_no: str, case: Any) -> FollowOut:
    status = lifecycle.Status(case.status)
    shown = clocks.shown(case)
    return FollowOut(
        receipt_no=receipt_no, status=status.value, status_label=lifecycle.STATUS_LABELS_KO[status],
        received_at=case.received_at, due_day=shown["due_at"][:10] if shown["due_at"] else None,
        rerouted_to=case.rerouted_to, answer=case.answer, result=None if case.anonymous else case.result,
        messages=[{"sender": m.sender, "text": m.text, "at": m.at} for m in stored.messages(case.case_id)])


def write(receipt_no: str, secret: str | None, text: str) -> FollowOut:
    case = open_receipt(receipt_no, secret)
    lifecycle.expect(lifecycle.Action.MESSAGE, case.status)
    at = now().isoformat()
    stored.add_message(case.case_id, uuid4().hex[:12], at=at, sender="reporter", text=text)
    return _page(receipt_no, case)
