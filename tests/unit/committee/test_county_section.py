"""The county file's `committee` section: the decree's numbers in the demo, shares as exact fractions, and period
names that must exist in `clock.periods`."""

import pytest
from pydantic import ValidationError

from common.county import CountyConfigError, parse_county
from common.county_committee import Threshold

from .helpers import DEMO, RULES


def test_the_demo_committee_keeps_the_decrees_numbers():
    assert (RULES.composition.min_members, RULES.composition.max_members) == (9, 45)
    assert RULES.composition.civilian_share == Threshold(at_least="1/2")
    assert RULES.sitting.min_designated == 8 and RULES.regular_meetings_per_year == 3
    assert RULES.quorum == RULES.passing == Threshold(more_than="1/2")
    assert not RULES.personnel_committee_acts and not RULES.experts_heard_per_item
    for name in RULES.periods.names().values():
        assert name in DEMO.clock.periods


def test_more_than_half_and_at_least_half_differ_exactly_at_half():
    more_than, at_least = Threshold(more_than="1/2"), Threshold(at_least="1/2")
    assert not more_than.reached(4, 8) and at_least.reached(4, 8)
    assert more_than.reached(5, 9) and not more_than.reached(4, 9)
    assert (more_than.needed(8), at_least.needed(8), more_than.needed(9)) == (5, 4, 5)
    assert not more_than.reached(0, 0) and more_than.needed(0) == 0
    assert more_than.label_ko() == "과반수" and Threshold(at_least="2/5").label_ko() == "5분의 2 이상"


@pytest.mark.parametrize("data", [{}, {"more_than": "1/2", "at_least": "1/2"}, {"at_least": "half"},
                                  {"at_least": "3/2"}, {"more_than": "0"}])
def test_a_share_is_one_fraction_between_0_and_1(data):
    with pytest.raises(ValidationError):
        Threshold.model_validate(data)


def test_a_committee_period_missing_from_the_clock_is_a_county_file_problem():
    data = DEMO.model_dump(mode="json")
    data["committee"]["periods"]["written_vote"] = "committee_written_votes"
    with pytest.raises(CountyConfigError) as error:
        parse_county(data)
    assert "committee.periods.written_vote" in "\n".join(error.value.problems)


def test_a_county_without_the_section_has_no_committee():
    data = DEMO.model_dump(mode="json")
    del data["committee"]
    assert parse_county(data).committee is None
