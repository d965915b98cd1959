"""A meeting's sitting (chair + designated members) and each item's quorum: the exactly-half edge decided by the
county's rule, recused members out of the item's quorum."""

import pytest

from committee.rules.sitting import Sitting, breaches, quorum
from common.county_committee import Threshold
from common.errors import InvalidInput

from .helpers import DAY, RULES, civilian, roster, rules, staff

MAJORITY, HALF = Threshold(more_than="1/2"), Threshold(at_least="1/2")


def sitting_of(n_designated: int, n_civilian: int | None = None) -> Sitting:
    """The deputy head in the chair and `n_designated` members, `n_civilian` of them civilians (default: all)."""
    n_civilian = n_designated if n_civilian is None else n_civilian
    members = [civilian(f"C{i}", "F" if i % 2 else "M") for i in range(n_civilian)]
    members += [staff(f"S{i}") for i in range(n_designated - n_civilian)]
    return Sitting("M1", staff("CHAIR", deputy_head=True, chair=True), tuple(members))


def test_a_sitting_of_the_chair_and_eight_designated_half_civilian_keeps_the_rules():
    assert breaches(sitting_of(8, 5), DAY, RULES) == []  # 5 of 9 civilians
    found = breaches(sitting_of(7, 7), DAY, RULES)
    assert [b.code for b in found] == ["SITTING_TOO_FEW_DESIGNATED"]
    assert found[0].details == {"designated": 7, "min_designated": 8}


def test_the_sittings_civilian_share_counts_the_chair():
    assert [b.code for b in breaches(sitting_of(8, 4), DAY, RULES)] == ["SITTING_CIVILIAN_SHARE_LOW"]  # 4 of 9
    assert breaches(sitting_of(9, 5), DAY, RULES) == []  # 5 of 10: exactly half is enough


def test_the_personnel_committee_sits_with_fewer():
    assert breaches(sitting_of(7, 4), DAY, rules(personnel_committee_acts=True)) == []


def test_a_sitting_chaired_by_someone_not_the_chair_or_with_a_member_out_of_term_is_listed():
    members = roster()
    sitting = Sitting("M1", members[1], tuple(members[2:]))  # the audit head presides
    assert [b.code for b in breaches(sitting, DAY, RULES)] == ["SITTING_CHAIR_NOT_CHAIR"]
    late = Sitting("M1", members[0], tuple(members[1:]))
    assert [b.code for b in breaches(late, DAY.replace(year=2027), RULES)] == ["SITTING_MEMBER_OUT_OF_TERM"] * 6


def test_a_member_twice_in_the_sitting_is_refused():
    chair = staff("CHAIR", chair=True)
    with pytest.raises(InvalidInput) as error:
        Sitting("M1", chair, (chair, civilian("C1")))
    assert error.value.code == "SITTING_DUPLICATE_MEMBER"


def ids(sitting, n):
    return [m.member_id for m in sitting.members][:n]


def test_quorum_is_a_majority_of_the_sitting_exactly_half_is_not():
    nine, ten = sitting_of(8), sitting_of(9)
    assert quorum(nine, ids(nine, 5), (), MAJORITY).met
    assert not quorum(nine, ids(nine, 4), (), MAJORITY).met
    assert quorum(ten, ids(ten, 6), (), MAJORITY).met
    half = quorum(ten, ids(ten, 5), (), MAJORITY)
    assert not half.met and half.needed == 6


def test_a_county_counting_half_or_more_meets_at_exactly_half():
    ten = sitting_of(9)
    assert quorum(ten, ids(ten, 5), (), HALF).met
    assert quorum(ten, ids(ten, 5), (), rules(quorum={"at_least": "1/2"}).quorum).met


def test_recused_members_count_neither_in_the_whole_nor_as_present():
    ten = sitting_of(9)
    everyone = ids(ten, 10)
    # 4 recused and present: 6 eligible, 3 of them present is exactly half → no quorum
    recused = everyone[:4]
    q = quorum(ten, everyone[:7], recused, MAJORITY)
    assert q.eligible == frozenset(everyone[4:]) and q.present == frozenset(everyone[4:7])
    assert not q.met and q.needed == 4
    # the same attendance without the recusals: 7 of 10 → quorum
    assert quorum(ten, everyone[:7], (), MAJORITY).met


def test_attendance_of_a_member_outside_the_sitting_is_refused():
    with pytest.raises(InvalidInput) as error:
        quorum(sitting_of(8), ["CHAIR", "STRANGER"], (), MAJORITY)
    assert error.value.code == "NOT_IN_SITTING" and error.value.details == {"member_ids": ["STRANGER"]}
