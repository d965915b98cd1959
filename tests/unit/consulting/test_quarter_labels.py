"""A quarter label the route's pattern lets through but no calendar has (year 0000, found by schemathesis) is a 422,
not a server error."""

from __future__ import annotations

import pytest

from common.errors import InvalidInput
from consulting.rules.exemption import quarter_end


@pytest.mark.parametrize("label", ["0000Q1", "9999Q4", "2026Q5", "2026-Q1", "26Q1"])
def test_a_label_no_calendar_has_is_refused_as_input(label):
    with pytest.raises(InvalidInput):
        quarter_end(label)


def test_the_fourth_quarter_ends_at_the_new_year_in_seoul():
    assert quarter_end("2026Q4").isoformat() == "2027-01-01T00:00:00+09:00"
