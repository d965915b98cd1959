"""A meeting's sitting (P1 §11⑤) and each item's quorum.

The sitting is the chair plus the members designated for the meeting (decree: at least 8, at least half of the whole
sitting civilian; both in the county file, the size relaxed where the personnel committee acts). The quorum of an item
is counted over the sitting less the members recused on that item: the county's `quorum` share of them present
(과반수: exactly half is not enough). A written meeting's "present" are the members whose written vote arrived in
its window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from committee.rules.roster import Breach, Member, percent
from common.county_committee import CommitteeSection, Threshold
from common.errors import InvalidInput


@dataclass(frozen=True)
class Sitting:
    meeting_id: str
    chair: Member
    designated: tuple[Member, ...]

    def __post_init__(self) -> None:
        ids = [m.member_id for m in self.members]
        if len(set(ids)) != len(ids):
            raise InvalidInput("회의 구성에 같은 위원이 두 번 있습니다 (위원장은 지정 위원에 넣지 않습니다).",
                               code="SITTING_DUPLICATE_MEMBER",
                               details={"member_ids": sorted({i for i in ids if ids.count(i) > 1})})

    @property
    def members(self) -> tuple[Member, ...]:
        return (self.chair, *self.designated)

    @property
    def member_ids(self) -> frozenset[str]:
        return frozenset(m.member_id for m in self.members)


def breaches(sitting: Sitting, day: date, rules: CommitteeSection) -> list[Breach]:
    """What the sitting of a meeting held on `day` breaks: listed on the meeting, not refused."""
    found = [Breach("SITTING_MEMBER_OUT_OF_TERM", "회의일에 임기가 아닌 위원이 회의 구성에 있습니다.",
                    {"member_id": m.member_id}) for m in sitting.members if not m.in_term(day)]
    if not sitting.chair.chair:
        found.append(Breach("SITTING_CHAIR_NOT_CHAIR", "회의를 주재하는 위원이 위원장이 아닙니다.",
                            {"member_id": sitting.chair.member_id}))
    low = rules.sitting.min_designated
    if not rules.personnel_committee_acts and len(sitting.designated) < low:
        found.append(Breach("SITTING_TOO_FEW_DESIGNATED",
                            f"위원장 외에 지정된 위원이 {len(sitting.designated)}명으로, {low}명 이상이어야 합니다.",
                            {"designated": len(sitting.designated), "min_designated": low}))
    share, whole = rules.sitting.civilian_share, len(sitting.members)
    civilians = sum(m.civilian for m in sitting.members)
    if not share.reached(civilians, whole):
        found.append(Breach("SITTING_CIVILIAN_SHARE_LOW",
                            f"회의 구성 중 민간위원이 {percent(civilians, whole)}으로, "
                            f"{share.label_ko()}이어야 합니다.",
                            {"civilians": civilians, "members": whole, "required": str(share.share)}))
    return found


@dataclass(frozen=True)
class Quorum:
    """An item's quorum: who counts (the sitting less the item's recused members), who of them is present."""

    eligible: frozenset[str]
    present: frozenset[str]
    needed: int
    met: bool


def quorum(sitting: Sitting, present: Iterable[str], recused: Iterable[str], rule: Threshold) -> Quorum:
    """The item's quorum from the attendance: recused members count neither in the whole nor as present."""
    present, recused = frozenset(present), frozenset(recused)
    if strays := present - sitting.member_ids:
        raise InvalidInput("회의 구성에 없는 위원이 출석으로 기록되었습니다.", code="NOT_IN_SITTING",
                           details={"member_ids": sorted(strays)})
    eligible = sitting.member_ids - recused
    counted = present & eligible
    return Quorum(eligible=eligible, present=counted, needed=rule.needed(len(eligible)),
                  met=rule.reached(len(counted), len(eligible)))
