"""The committee's composition on a date (P1 §11): every breach of the county's rules, listed, never refused.

A committee that breaks its rules still meets and resolves (the county fixes the roster); the breaches are shown on
the roster and on every meeting. Members whose term does not cover the date are listed and not counted. Where the
personnel committee acts as the committee (지방공무원법 §75의2②) the size rule does not apply."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from committee.rules.roster import Breach, Member, percent
from common.county_committee import CommitteeSection, Threshold

CHAIR_KIND_KO = {"deputy_head": "부단체장", "civilian": "민간위원", "other": "부단체장도 민간위원도 아닌 위원"}
GENDER_KO = {"F": "여성", "M": "남성"}


def breaches(members: Iterable[Member], day: date, rules: CommitteeSection) -> list[Breach]:
    """What the roster breaks on `day`, in a stable order: terms, size, civilians, audit head, gender, chair."""
    members = list(members)
    found = [Breach("MEMBER_OUT_OF_TERM", f"임기가 {day.isoformat()}을(를) 포함하지 않는 위원이 명단에 있습니다.",
                    {"member_id": m.member_id, "term_starts": _iso(m.term_starts), "term_ends": _iso(m.term_ends)})
             for m in members if not m.in_term(day)]
    serving = [m for m in members if m.in_term(day)]
    found += _size(serving, rules)
    found += _civilians(serving, rules.composition.civilian_share)
    if rules.composition.audit_head_member and not any(m.audit_head for m in serving):
        found.append(Breach("AUDIT_HEAD_NOT_MEMBER", "감사기구의 장이 위원에 포함되어 있지 않습니다."))
    found += _gender(serving, rules)
    found += _chair(serving, rules)
    return found


def _size(serving: list[Member], rules: CommitteeSection) -> list[Breach]:
    if rules.personnel_committee_acts:  # 인사위원회 대행: its own size (지방공무원법 §7), not §11①'s
        return []
    size, low, high = len(serving), rules.composition.min_members, rules.composition.max_members
    if size < low:
        return [Breach("TOO_FEW_MEMBERS", f"위원이 {size}명으로, 위원장을 포함해 {low}명 이상이어야 합니다.",
                       {"members": size, "min_members": low})]
    if size > high:
        return [Breach("TOO_MANY_MEMBERS", f"위원이 {size}명으로, 위원장을 포함해 {high}명 이하여야 합니다.",
                       {"members": size, "max_members": high})]
    return []


def _civilians(serving: list[Member], share: Threshold) -> list[Breach]:
    civilians = sum(m.civilian for m in serving)
    if share.reached(civilians, len(serving)):
        return []
    return [Breach("CIVILIAN_SHARE_LOW",
                   f"민간위원이 {percent(civilians, len(serving))}으로, 전체의 {share.label_ko()}이어야 합니다.",
                   {"civilians": civilians, "members": len(serving), "required": str(share.share)})]


def _gender(serving: list[Member], rules: CommitteeSection) -> list[Breach]:
    share = rules.composition.min_gender_share
    if share is None:
        return []
    scope = [m for m in serving if m.civilian] if rules.composition.gender_balance_of == "civilian" else serving
    scope_ko = "위촉(민간)위원" if rules.composition.gender_balance_of == "civilian" else "위원"
    unknown = [m.member_id for m in scope if m.gender is None]
    if unknown:
        return [Breach("GENDER_UNRECORDED", f"성별이 기록되지 않은 {scope_ko}이 있어 성별 균형을 확인할 수 없습니다.",
                       {"member_ids": unknown})]
    found = []
    for gender in ("F", "M"):
        count = sum(m.gender == gender for m in scope)
        if scope and not share.reached(count, len(scope)):
            found.append(Breach("GENDER_IMBALANCE",
                                f"{scope_ko} 중 {GENDER_KO[gender]}이 {percent(count, len(scope))}으로, "
                                f"{share.label_ko()}이어야 합니다.",
                                {"gender": gender, "count": count, "of": len(scope), "required": str(share.share)}))
    return found


def _chair(serving: list[Member], rules: CommitteeSection) -> list[Breach]:
    chairs = [m for m in serving if m.chair]
    if not chairs:
        return [Breach("CHAIR_MISSING", "위원장이 없습니다.")]
    if len(chairs) > 1:
        return [Breach("CHAIR_SEVERAL", f"위원장이 {len(chairs)}명입니다.",
                       {"member_ids": [m.member_id for m in chairs]})]
    kind = chairs[0].chair_kind
    if kind in rules.composition.chair_kinds:
        return []
    allowed = " 또는 ".join(CHAIR_KIND_KO[k] for k in rules.composition.chair_kinds)
    return [Breach("CHAIR_KIND_NOT_ALLOWED", f"위원장은 {allowed}이어야 합니다 (현재: {CHAIR_KIND_KO[kind]}).",
                   {"member_id": chairs[0].member_id, "kind": kind, "allowed": list(rules.composition.chair_kinds)})]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
