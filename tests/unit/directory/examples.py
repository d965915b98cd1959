"""Example records the directory's rules tests share: two departments, their people, a file planned against them."""

from __future__ import annotations

from common.events import Event
from common.identity import caller_from_claims
from directory.rules import plans
from directory.rules.records import Department, Staff
from directory.rules.roster import parse_staff
from tests.builders import staff_claims

NOW = "2026-11-23T10:00:00+09:00"
TYPES = ["일반직", "공무직"]
DEPTS = [Department("FIN", "재무과", "기획행정국", "본청", "2026011", True, 1),
         Department("CON", "건설교통과", "경제복지국", "본청", None, True, 1)]
KIM = Staff("2026011", "한미경", "FIN", 5, "일반직", roles=("dept_head",), phone_enc="enc:041-830-0001", version=1)
SEO = Staff("2026013", "서지원", "FIN", 8, "일반직", version=1)
ADMIN_LIM = Staff("2026010", "임재현", "ADM", 7, "일반직", roles=("admin",), version=1)


def reveal(employee_no: str, field: str, ciphertext: str) -> str:
    return ciphertext.removeprefix("enc:")


def rows(text: str):
    parsed, problems = parse_staff(text.encode(), employment_types=TYPES)
    assert problems == []
    return parsed


def plan(text: str, staff=(KIM, SEO), mode="full"):
    return plans.plan_staff(rows(text), DEPTS, list(staff), mode=mode, updated_at=NOW, reveal=reveal)


def caller(*roles: str, no: str = "2026013", dept: str = "FIN"):
    return caller_from_claims(staff_claims(no, dept, *roles))


def published(event: Event) -> tuple[str, dict]:
    """(detail type, data) as the outbox entry carries them."""
    return event.detail_type(), event.model_dump(mode="json")
