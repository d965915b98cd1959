"""Defects found in the second review, each with the test that failed before its fix."""

from __future__ import annotations

from tests.builders import staff_claims


def test_a_heads_own_department_is_the_directorys_not_the_tokens(api):
    """H1 heads FIN in the directory; a token naming another department (stale, or absent) must not let them vote
    for FIN's candidate where the county forbids it."""
    cycle_id = api.voting()
    stale = staff_claims("H1", "WEL", "dept_head")
    path = f"/selection/cycles/{cycle_id}/ballots"
    assert api("POST", path, stale, {"choices": ["E1"]})[1]["code"] == "OWN_DEPARTMENT"
    assert api("POST", path, stale, {"choices": ["E3"]})[0] == 201
