"""Offices and duties (`common.offices`): the county file's mapping, checked, and the warnings for what nobody holds."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from common.identity import Role
from common.offices import Duty, OfficesSection, unheld_warnings

EVERY_OFFICE_HELD = {Role.AUDIT: ["A"], Role.PANEL: ["P"], Role.HR: ["H"], Role.AA_UNIT: ["U"],
                     Role.AA_OFFICER: ["O"], Role.PROTECTION_OFFICER: ["B"], Role.AUDIT_HEAD: ["K"],
                     Role.COMMITTEE_SECRETARY: ["S"]}


def test_a_duty_the_county_does_not_name_goes_to_its_default():
    section = OfficesSection()
    assert section.roles(Duty.MILEAGE_APPROVER) == (Role.AUDIT,)
    assert section.roles(Duty.MILEAGE_REDEMPTIONS) == (Role.HR,)


def test_a_duty_is_mapped_to_one_office_or_several():
    section = OfficesSection.model_validate({"duties": {"mileage.approver": "aa_unit",
                                                        "mileage.panel": ["panel", "audit_head"]}})
    assert section.roles(Duty.MILEAGE_APPROVER) == (Role.AA_UNIT,)
    assert section.roles(Duty.MILEAGE_PANEL) == (Role.PANEL, Role.AUDIT_HEAD)
    # the mapped duty moved; other areas' duties of these offices (more with each area) are not this test's
    assert Duty.MILEAGE_APPROVER in section.duties_of(Role.AA_UNIT)
    assert Duty.MILEAGE_APPROVER not in section.duties_of(Role.AUDIT)
    assert Duty.MILEAGE_DEDUCTIONS in section.duties_of(Role.AUDIT)


@pytest.mark.parametrize("duties, wrong", [
    ({"mileage.approver": "staff"}, "직위가 아닌 역할"),
    ({"mileage.approver": "dept_head"}, "직위가 아닌 역할"),
    ({"mileage.approver": "resident"}, "직위가 아닌 역할"),
    ({"mileage.approver": []}, "하나 이상"),
    ({"mileage.approver": "chief"}, "mileage.approver"),
    ({"mileage.paying": "hr"}, "mileage.paying"),
])
def test_the_county_file_maps_known_duties_to_offices_only(duties, wrong):
    with pytest.raises(ValidationError) as refused:
        OfficesSection.model_validate({"duties": duties})
    assert wrong in str(refused.value)


def test_a_roster_holding_every_office_has_no_warnings():
    assert unheld_warnings(OfficesSection(), EVERY_OFFICE_HELD) == []


def test_a_duty_is_unheld_when_its_mapped_office_is_empty_even_if_the_default_office_is_held():
    goseong = OfficesSection.model_validate({"duties": {"mileage.approver": "aa_unit"}})
    holders = {**EVERY_OFFICE_HELD, Role.AA_UNIT: []}

    warnings = unheld_warnings(goseong, holders)

    # every duty the unit does here is unheld (mileage.approver among them, and other areas' unit duties)
    unit_duties = [duty.value for duty in Duty if goseong.roles(duty) == (Role.AA_UNIT,)]
    assert [(w.code, w.duty or w.office) for w in warnings] == [
        *(("DUTY_UNHELD", duty) for duty in unit_duties), ("OFFICE_UNHELD", "aa_unit")]
    assert warnings[0].duty == "mileage.approver" and "적극행정 전담부서" in warnings[0].message
    # the same roster under the default mapping (the audit office approves) no longer misses mileage.approver
    by_default = unheld_warnings(OfficesSection(), holders)
    assert "mileage.approver" not in {w.duty for w in by_default}
    assert by_default[-1].code == "OFFICE_UNHELD"


def test_a_duty_mapped_to_several_offices_is_held_when_any_of_them_is():
    section = OfficesSection.model_validate({"duties": {"mileage.panel": ["panel", "audit_head"]}})
    assert unheld_warnings(section, {**EVERY_OFFICE_HELD, Role.PANEL: []}) == []


def test_an_office_one_person_holds_is_warned_about_when_two_hold_it():
    warnings = unheld_warnings(OfficesSection(), {**EVERY_OFFICE_HELD, Role.PROTECTION_OFFICER: ["B", "C"]})
    assert [(w.code, w.office) for w in warnings] == [("OFFICE_SHARED", "protection_officer")]
    assert "2명" in warnings[0].message
