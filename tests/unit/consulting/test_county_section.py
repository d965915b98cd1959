"""The county file's `consulting` section: its periods must be in `clock.periods`; the offices that act default."""

from __future__ import annotations

import pytest

from common.county import CountyConfigError, parse_county
from common.identity import Role
from common.offices import Duty
from tests.unit.consulting.helpers import DEMO


def county_with(**consulting: object) -> dict:
    data = DEMO.model_dump(mode="json")
    data["consulting"] = {**data["consulting"], **consulting}
    return data


def test_the_demo_section():
    assert DEMO.consulting.province_path == "when_serious"
    assert DEMO.consulting.exemption_deciding_body == "audit_head"
    assert DEMO.consulting.litigation_support["criminal_trial"].after_final_acquittal is True


def test_a_period_missing_from_the_clock_is_refused_by_name():
    with pytest.raises(CountyConfigError) as refused:
        parse_county(county_with(periods={"pre_consulting_answer": "nowhere"}))
    assert "consulting.periods.pre_consulting_answer" in str(refused.value) and "nowhere" in str(refused.value)


def test_unknown_keys_and_paths_are_refused():
    with pytest.raises(CountyConfigError):
        parse_county(county_with(province_path="always"))
    with pytest.raises(CountyConfigError):
        parse_county(county_with(litigation_support={"parking_fine": {"max_won": 1}}))


def test_the_duties_default_to_the_statutory_offices():
    offices = DEMO.offices
    assert offices.roles(Duty.CONSULTING_SCREENING) == (Role.AUDIT,)
    assert offices.roles(Duty.CONSULTING_OPINION_SCREENING) == (Role.AA_OFFICER,)
    assert offices.roles(Duty.CONSULTING_PROTECTION) == (Role.PROTECTION_OFFICER,)
    assert offices.roles(Duty.CONSULTING_EXEMPTION) == (Role.AUDIT_HEAD,)
    assert offices.roles(Duty.CONSULTING_ESCALATION) == (Role.AUDIT_HEAD,)
