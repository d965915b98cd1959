"""Who may see what in the directory."""

from __future__ import annotations

import pytest

from common.errors import Forbidden
from directory.rules import access
from tests.unit.directory.examples import SEO, caller


def test_who_may_see_a_staff_record():
    access.may_view_staff(caller(), SEO)  # self
    access.may_view_staff(caller("dept_head", no="2026011"), SEO)
    access.may_view_staff(caller("audit", no="2026002", dept="AUD"), SEO)
    with pytest.raises(Forbidden):
        access.may_view_staff(caller("dept_head", no="2026016", dept="CON"), SEO)
    with pytest.raises(Forbidden):
        access.may_view_staff_at_all(caller(no="2026014"), "2026013")
    assert access.sees_contacts(caller(), SEO) and access.sees_contacts(caller("hr", no="2026007", dept="ADM"), SEO)
    assert not access.sees_contacts(caller("audit", no="2026002", dept="AUD"), SEO)
    assert access.search_scope(caller("dept_head", no="2026011")) == "FIN"
    assert access.search_scope(caller("hr", no="2026007", dept="ADM")) is None


def test_an_employee_sees_only_themself_in_their_department():
    assert access.members_scope(caller(), "FIN") == "self"
    assert access.members_scope(caller("dept_head", no="2026011"), "FIN") == "all"
    assert access.members_scope(caller("audit", no="2026002", dept="AUD"), "FIN") == "all"
    with pytest.raises(Forbidden):
        access.members_scope(caller(), "CON")
    with pytest.raises(Forbidden):
        access.search_scope(caller("dept_head", no="2026011"), include_inactive=True)
    assert access.search_scope(caller("hr", no="2026007", dept="ADM"), include_inactive=True) is None
