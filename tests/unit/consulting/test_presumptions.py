"""Exemption presumptions (운영규정 §15④–⑥): presumed exempt only for the same matter, complete information and no
private interest; no gross negligence presumed without a private interest or a serious procedural defect."""

from __future__ import annotations

import pytest

from consulting.rules.presumptions import Application, Opinion, presumption

OPINION = Opinion("OP-1", "ROAD-OCCUPANCY", information_complete=True, private_interest=False)
APPLICATION = Application("ROAD-OCCUPANCY", private_interest=False, serious_procedural_defect=False)


def test_the_same_matter_with_complete_information_and_no_private_interest_is_presumed_exempt():
    found = presumption(APPLICATION, OPINION)
    assert (found.presumed_exempt, found.no_gross_negligence_presumed, found.reasons) == (True, True, ())


@pytest.mark.parametrize("opinion, application, reasons, exempt, no_gross", [
    (Opinion("OP-1", "OTHER", True, False), APPLICATION, ("other_matter",), False, True),
    (Opinion("OP-1", "ROAD-OCCUPANCY", False, False), APPLICATION, ("information_incomplete",), False, True),
    (Opinion("OP-1", "ROAD-OCCUPANCY", True, True), APPLICATION, ("private_interest",), False, False),
    (OPINION, Application("ROAD-OCCUPANCY", True, False), ("private_interest",), False, False),
    (OPINION, Application("ROAD-OCCUPANCY", False, True), ("serious_procedural_defect",), True, False),
    (None, APPLICATION, ("no_opinion",), False, True),
    (None, Application("X", False, True), ("no_opinion", "serious_procedural_defect"), False, False),
])
def test_each_condition_that_breaks_a_presumption(opinion, application, reasons, exempt, no_gross):
    found = presumption(application, opinion)
    assert (found.reasons, found.presumed_exempt, found.no_gross_negligence_presumed) == (reasons, exempt, no_gross)

