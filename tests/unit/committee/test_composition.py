"""The committee's composition on a date: every breach of the county's rules listed (never refused), and the
personnel committee's relaxation (지방공무원법 §75의2②)."""

import dataclasses
from datetime import date

from committee.rules.composition import breaches

from .helpers import DAY, RULES, civilian, replace, roster, rules, staff


def codes(found):
    return [b.code for b in found]


def test_a_roster_keeping_every_rule_has_no_breach():
    assert breaches(roster(), DAY, RULES) == []


def test_too_few_and_too_many_members():
    few = [*roster()[:4], civilian("C1", "F"), civilian("C2", "F"), civilian("C4", "M"), civilian("C5", "M")]
    assert codes(breaches(few, DAY, RULES)) == ["TOO_FEW_MEMBERS"]
    assert breaches(few, DAY, RULES)[0].details == {"members": 8, "min_members": 9}
    many = roster() + [civilian(f"X{i}", "F" if i % 2 else "M") for i in range(36)]  # 46
    assert codes(breaches(many, DAY, RULES)) == ["TOO_MANY_MEMBERS"]
    assert breaches(many[:45], DAY, RULES) == []


def test_civilians_below_half():
    members = [*roster()[:4], staff("S-X"), staff("S-Y"), civilian("C1", "F"), civilian("C2", "F"),
               civilian("C4", "M"), civilian("C5", "M")]  # 4 civilians of 10
    assert codes(breaches(members, DAY, RULES)) == ["CIVILIAN_SHARE_LOW"]
    half = [*members[:5], *members[6:], civilian("C6", "M")]  # 5 of 10: exactly half is enough (2분의 1 이상)
    assert "CIVILIAN_SHARE_LOW" not in codes(breaches(half, DAY, RULES))


def test_the_audit_head_must_be_a_member():
    members = replace(roster(), "S-AUDIT", audit_head=False)
    assert codes(breaches(members, DAY, RULES)) == ["AUDIT_HEAD_NOT_MEMBER"]
    assert breaches(members, DAY, rules(composition={**RULES.composition.model_dump(mode="json"),
                                                     "audit_head_member": False})) == []


def test_gender_balance_of_the_civilian_members():
    members = replace(roster(), "C4", gender="F")  # civilians: 4 F, 2 M → men at 1/3 < 2/5
    found = breaches(members, DAY, RULES)
    assert codes(found) == ["GENDER_IMBALANCE"] and found[0].details["gender"] == "M"
    assert found[0].details == {"gender": "M", "count": 2, "of": 6, "required": "2/5"}
    # counted over every member, the staff's men restore the balance (5 F, 5 M)
    everyone = rules(composition={**RULES.composition.model_dump(mode="json"), "gender_balance_of": "all"})
    assert breaches(members, DAY, everyone) == []


def test_a_civilian_without_a_recorded_gender_is_listed():
    found = breaches(replace(roster(), "C2", gender=None), DAY, RULES)
    assert codes(found) == ["GENDER_UNRECORDED"] and found[0].details == {"member_ids": ["C2"]}


def test_the_chair_missing_several_or_of_a_kind_the_county_does_not_allow():
    assert codes(breaches(replace(roster(), "S-DEPUTY", chair=False), DAY, RULES)) == ["CHAIR_MISSING"]
    assert codes(breaches(replace(roster(), "C1", chair=True), DAY, RULES)) == ["CHAIR_SEVERAL"]
    other = replace(replace(roster(), "S-DEPUTY", chair=False), "S-FIN", chair=True)  # a department head chairs
    found = breaches(other, DAY, RULES)
    assert codes(found) == ["CHAIR_KIND_NOT_ALLOWED"] and found[0].details["kind"] == "other"
    civilian_chair = replace(replace(roster(), "S-DEPUTY", chair=False), "C1", chair=True)
    assert breaches(civilian_chair, DAY, RULES) == []
    deputy_only = rules(composition={**RULES.composition.model_dump(mode="json"), "chair_kinds": ["deputy_head"]})
    assert codes(breaches(civilian_chair, DAY, deputy_only)) == ["CHAIR_KIND_NOT_ALLOWED"]


def test_a_member_out_of_term_is_listed_and_not_counted():
    members = replace(roster(), "C6", term_ends=date(2026, 6, 30))
    found = breaches(members, DAY, RULES)
    # without C6: 9 members, 5 of 9 civilians, civilian men 2 of 5 = 2/5 (enough)
    assert codes(found) == ["MEMBER_OUT_OF_TERM"] and found[0].details["member_id"] == "C6"
    assert breaches(members, date(2026, 6, 30), RULES) == []
    early = replace(members, "C5", term_starts=date(2027, 1, 1))
    assert codes(breaches(early, DAY, RULES)) == ["MEMBER_OUT_OF_TERM", "MEMBER_OUT_OF_TERM", "TOO_FEW_MEMBERS",
                                                  "GENDER_IMBALANCE"]


def test_every_breach_at_once_in_a_stable_order():
    members = [staff("S-1", chair=True), staff("S-2"), civilian("C1", "F")]
    assert codes(breaches(members, DAY, RULES)) == [
        "TOO_FEW_MEMBERS", "CIVILIAN_SHARE_LOW", "AUDIT_HEAD_NOT_MEMBER", "GENDER_IMBALANCE",
        "CHAIR_KIND_NOT_ALLOWED"]
    assert all(b.message for b in breaches(members, DAY, RULES))


def goseong():
    """Seed 004: 8 members, 4 ex officio with the deputy governor as chair, 4 appointed."""
    return [staff("S-DEPUTY", deputy_head=True, chair=True), staff("S-AUDIT", audit_head=True),
            staff("S-ADMIN"), staff("S-HR", gender="F"),
            civilian("C1", "F"), civilian("C2", "F"), civilian("C3", "M"), civilian("C4", "M")]


def test_the_personnel_committee_acting_relaxes_the_size_rule_only():
    personnel = rules(personnel_committee_acts=True)
    assert codes(breaches(goseong(), DAY, RULES)) == ["TOO_FEW_MEMBERS"]
    assert breaches(goseong(), DAY, personnel) == []
    assert personnel.experts_heard_per_item
    # the other rules still hold for it
    no_audit = [dataclasses.replace(m, audit_head=False) for m in goseong()]
    assert codes(breaches(no_audit, DAY, personnel)) == ["AUDIT_HEAD_NOT_MEMBER"]
