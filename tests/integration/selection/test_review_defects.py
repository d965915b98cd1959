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


def test_no_resident_is_traceable_in_results_events_exports_or_logs(api, capsys, caplog):
    """Issue #15 "Must hold": a resident who nominated (r-nominator) and one who voted (r-voter-7) leave no sign-in
    id — nor the voter's marker key — in anything staff or the public reach, in the outbox, or in any log line."""
    import json

    from common.observability import logger
    from selection.voting import _voter_key
    from tests.builders import outbox
    from tests.integration.selection.conftest import resident

    logger.setLevel("DEBUG")
    caplog.set_level("DEBUG")
    try:
        cycle_id = api.voting()
        assert api.ballot(cycle_id, resident("r-voter-7"), ["E4"])[0] == 201
        assert api.ballot(cycle_id, "H1", ["E4"])[0] == 201
        api.move(cycle_id, "COMMITTEE")
        api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "E1": "not_selected",
                                                                            "E3": "not_selected"})
        api.ok("PUT", f"/selection/cycles/{cycle_id}/awardees/E4/plan", "U1", {"incentives": ["special_step"]})
        reached = [api("GET", f"/selection/cycles/{cycle_id}{suffix}", who)
                   for suffix, who in (("", "O1"), ("/nominations", "U1"), ("/candidates", "O1"), ("/tally", "U1"),
                                       ("/tally/audit", "A1"), ("/statistics", "A1"), ("/awardees", "HR1"))]
        reached.append(api("GET", f"/selection/results/{cycle_id}", None))
        reached.append(api("GET", f"/selection/resident/cycles/{cycle_id}/candidates", resident("r-other")))
        exported = api.file(f"/selection/cycles/{cycle_id}/awardees", "U1", {"format": "csv"}).decode("utf-8-sig")
        events = [e.model_dump_json() for e in outbox("selection")]
        written = capsys.readouterr()
        records = [json.dumps(vars(r), ensure_ascii=False, default=str) for r in caplog.records
                   if not r.name.startswith(("botocore", "urllib3", "pynamodb"))]  # the SDKs' own request dumps
    finally:
        logger.setLevel("WARNING")

    secrets = ["r-nominator", "r-voter-7", _voter_key(cycle_id, "resident:r-voter-7")]
    assert all(status == 200 for status, _ in reached), reached
    assert "E4" in exported and any("ExcellentOfficialSelected" in e for e in events) and records
    parts = [json.dumps(reached, ensure_ascii=False), exported, *events, written.out, written.err, *records]
    assert [(s, p[:200]) for s in secrets for p in parts if s in p] == []


def test_residents_nominations_and_ballot_markers_are_kept_for_the_county_files_periods(api, tmp_path, monkeypatch):
    """Retention per the county file (residents.nomination / residents.ballot): a resident's nomination and their
    voter marker expire (TTL) that many days after they were made; a head's never do, and no ballot names a voter."""
    from datetime import datetime

    from selection.rules.offices import rules
    from selection.storage.items import BallotItem, NominationItem, VoterItem
    from selection.voting import _voter_key
    from tests.builders import demo_county_with
    from tests.integration.selection.conftest import resident

    with demo_county_with(tmp_path, monkeypatch, "  nomination: { verification: email, retention_days: 365,",
                          "  nomination: { verification: email, retention_days: 30,"), \
            demo_county_with(tmp_path, monkeypatch, "  ballot: { verification: phone, retention_days: 365,",
                             "  ballot: { verification: phone, retention_days: 90,"):
        cycle_id = api.voting()  # r-nominator nominates E4, H1 and H2 their staff
        assert api.ballot(cycle_id, resident("r-voter"), ["E4"])[0] == 201
        assert api.ballot(cycle_id, "H1", ["E4"])[0] == 201

    def days(item) -> float:
        made = datetime.fromisoformat(item.created_at if hasattr(item, "created_at") else item.cast_at)
        return (item.expiration - made).total_seconds() / 86400

    nominations = {n.channel: n for n in NominationItem.listed.query(NominationItem.partition(cycle_id))}
    assert round(days(nominations["resident"])) == 30 and nominations["department"].expiration is None
    voter = VoterItem.get(*VoterItem.key(cycle_id, _voter_key(cycle_id, "resident:r-voter")))
    head = VoterItem.get(*VoterItem.key(cycle_id, _voter_key(cycle_id, "head:H1")))
    assert round(days(voter)) == 90 and head.expiration is None
    ballots = [b.attribute_values for shard in range(rules().voting.counter_shards)
               for b in BallotItem.query(BallotItem.partition(cycle_id, shard))]
    assert ballots and not any("r-voter" in str(b) or "H1" in str(b) for b in ballots)


def test_a_head_who_left_cannot_vote_with_a_token_that_outlives_them(api):
    from tests.integration.selection.conftest import joined, project

    cycle_id = api.voting()
    project(joined("H2", active=False, version=2))  # the directory says H2 left
    assert api.ballot(cycle_id, "H2", ["E1"])[1]["code"] == "NOT_A_VOTER"
    assert api.ballot(cycle_id, "H1", ["E3"])[0] == 201
