"""Recusal per agenda item (P1 §11의2): who may vote on an item, and why not.

- 제척 (exclusion): automatic where the system can see it — the member is a party, or a tie the county file lists
  (`committee.recusal.automatic_ties`: `party_department`, a staff member of a party's department) — and otherwise
  declared by the member (spouse or relative of a party, advised/testified/appraised on the item, a party's agent).
- 기피 (challenge): a party challenges a member with reasons; the committee decides without that member
  (`committee.rules.challenges`); upheld, the member is recused; while undecided, the member may not vote.
- 회피 (stepping aside): the member withdraws from the item.

Every member makes a declaration on an item (no ground, or its grounds) before voting on it. A recused member's vote
is refused, and a recused member does not count toward that item's quorum (`committee.rules.sitting`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from committee.rules.roster import Member
from common.county_committee import CommitteeSection
from common.errors import InvalidInput, RuleViolation


class Ground(StrEnum):
    PARTY = "party"  # 제척, automatic: the member is a party
    PARTY_DEPARTMENT = "party_department"  # 제척, automatic where configured: a party's department
    SPOUSE_OR_RELATIVE = "spouse_or_relative"  # 제척, declared: (former) spouse or relative of a party
    ADVISED_OR_TESTIFIED = "advised_or_testified"  # 제척, declared: advised, testified or appraised on the item
    AGENT = "agent"  # 제척, declared: the member or their firm is or was a party's agent
    CHALLENGE_UPHELD = "challenge_upheld"  # 기피, decided by the committee
    STEPPED_ASIDE = "stepped_aside"  # 회피


DECLARABLE = frozenset({Ground.SPOUSE_OR_RELATIVE, Ground.ADVISED_OR_TESTIFIED, Ground.AGENT})

GROUND_KO = {
    Ground.PARTY: "안건의 당사자 (제척)",
    Ground.PARTY_DEPARTMENT: "당사자와 같은 부서 (제척)",
    Ground.SPOUSE_OR_RELATIVE: "당사자의 배우자·친족 (제척)",
    Ground.ADVISED_OR_TESTIFIED: "안건에 관한 자문·증언·감정 (제척)",
    Ground.AGENT: "당사자의 대리인 (제척)",
    Ground.CHALLENGE_UPHELD: "기피 신청 인용 (기피)",
    Ground.STEPPED_ASIDE: "스스로 회피 (회피)",
}


@dataclass(frozen=True)
class Party:
    """Someone the item is about: staff (employee number and department) or a named outside party."""

    employee_no: str | None = None
    department: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Item:
    item_id: str
    parties: tuple[Party, ...] = ()


@dataclass(frozen=True)
class Declaration:
    """A member's declaration on an item: no ground (`grounds=()`), or the declared 제척 grounds."""

    item_id: str
    member_id: str
    grounds: tuple[Ground, ...] = ()
    at: datetime | None = None

    def __post_init__(self) -> None:
        if strays := [g for g in self.grounds if g not in DECLARABLE]:
            raise InvalidInput("스스로 신고할 수 있는 제척 사유가 아닙니다.", code="NOT_A_DECLARABLE_GROUND",
                               details={"grounds": [str(g) for g in strays],
                                        "allowed": sorted(str(g) for g in DECLARABLE)})


@dataclass(frozen=True)
class Challenge:
    """기피: a party's challenge of a member on an item. `upheld` is None until the committee decides."""

    challenge_id: str
    item_id: str
    member_id: str
    reasons: str
    upheld: bool | None = None


@dataclass(frozen=True)
class StepAside:
    """회피: the member withdraws from the item."""

    item_id: str
    member_id: str
    reason: str | None = None


@dataclass(frozen=True)
class Standing:
    """Whether a member may vote on an item, and why not. `grounds` are recusal grounds (the member is out of the
    item: not counted toward its quorum); `code` says why the member may not vote now (recused, challenge pending,
    no declaration yet)."""

    item_id: str
    member_id: str
    grounds: tuple[Ground, ...] = ()
    code: str | None = None
    message: str | None = None

    @property
    def recused(self) -> bool:
        return bool(self.grounds)

    @property
    def may_vote(self) -> bool:
        return self.code is None

    def ensure_may_vote(self) -> None:
        """Raise the refusal: a recused member's vote is impossible, not ignored."""
        if self.code is not None:
            raise RuleViolation(self.message, code=self.code,
                                details={"item_id": self.item_id, "member_id": self.member_id,
                                         "grounds": [str(g) for g in self.grounds]})


def automatic_grounds(member: Member, item: Item, rules: CommitteeSection) -> tuple[Ground, ...]:
    """제척 the system sees by itself: the member is a party; the county's ties (a party's department)."""
    grounds = []
    if member.employee_no and any(p.employee_no == member.employee_no for p in item.parties):
        grounds.append(Ground.PARTY)
    if ("party_department" in rules.recusal.automatic_ties and member.department
            and any(p.department == member.department for p in item.parties)):
        grounds.append(Ground.PARTY_DEPARTMENT)
    return tuple(grounds)


def standing(member: Member, item: Item, rules: CommitteeSection, *, declarations: Iterable[Declaration] = (),
             challenges: Iterable[Challenge] = (), step_asides: Iterable[StepAside] = ()) -> Standing:
    """May `member` vote on `item`? The records given may cover other items and members: only this pair's count."""
    def mine(records: Iterable[Declaration] | Iterable[Challenge] | Iterable[StepAside]) -> list:
        return [r for r in records if r.item_id == item.item_id and r.member_id == member.member_id]

    declared, challenged, stepped = mine(declarations), mine(challenges), mine(step_asides)
    grounds = list(automatic_grounds(member, item, rules))
    grounds += [g for d in declared for g in d.grounds if g not in grounds]
    if any(c.upheld for c in challenged):
        grounds.append(Ground.CHALLENGE_UPHELD)
    if stepped:
        grounds.append(Ground.STEPPED_ASIDE)
    pair = {"item_id": item.item_id, "member_id": member.member_id}
    if grounds:
        reasons = ", ".join(GROUND_KO[g] for g in grounds)
        return Standing(**pair, grounds=tuple(grounds), code="MEMBER_RECUSED",
                        message=f"이 안건에서 제외된 위원은 표결할 수 없습니다: {reasons}.")
    if any(c.upheld is None for c in challenged):
        return Standing(**pair, code="CHALLENGE_PENDING",
                        message="기피 신청에 대한 위원회의 결정이 있기 전에는 이 안건에 표결할 수 없습니다.")
    if not declared:
        return Standing(**pair, code="DECLARATION_REQUIRED",
                        message="이 안건에 대한 제척 사유 유무를 먼저 신고해야 표결할 수 있습니다.")
    return Standing(**pair)


def recused_members(members: Iterable[Member], item: Item, rules: CommitteeSection, *,
                    declarations: Iterable[Declaration] = (), challenges: Iterable[Challenge] = (),
                    step_asides: Iterable[StepAside] = ()) -> frozenset[str]:
    """The members out of `item` (not counted toward its quorum)."""
    declarations, challenges, step_asides = list(declarations), list(challenges), list(step_asides)
    return frozenset(m.member_id for m in members
                     if standing(m, item, rules, declarations=declarations, challenges=challenges,
                                 step_asides=step_asides).recused)
