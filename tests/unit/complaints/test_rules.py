"""The complaints rules, plain Python: secrets, the lifecycle, investigator recusal, measures and their bars, the
statistics' suppression, the county section."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from common.county import load_county_file
from common.county_complaints import ComplaintsSection, Consequences, PetitionType, missing_periods
from common.errors import RuleViolation
from complaints.rules import lifecycle, secrets
from complaints.rules.investigators import check_investigator, concerned
from complaints.rules.measures import bars_until, check_measures
from complaints.rules.statistics import CaseFacts, rows, summarise
from contracts.complaints import Measure

FAST = {"n": 2**4, "r": 1, "p": 1}  # the scheme, not its cost, is under test here


# ------------------------------------------------------------------------------------------------ secrets
def test_a_secret_is_stored_only_as_a_salted_slow_hash_and_matches_however_it_is_typed():
    secret = secrets.new_secret()
    stored = secrets.SecretHash.of(secret, **FAST)
    assert secret.replace("-", "") not in stored.text and stored.text.startswith("scrypt$16$1$1$")
    assert stored.matches(secret) and stored.matches(secret.lower().replace("-", " "))
    assert not stored.matches(secret[:-1] + ("A" if secret[-1] != "A" else "B"))
    assert secrets.SecretHash.of(secret, **FAST).text != stored.text  # a salt of its own each time


def test_the_default_parameters_are_scryptss_interactive_ones():
    assert (secrets.SCRYPT_N, secrets.SCRYPT_R, secrets.SCRYPT_P) == (2**14, 8, 1)
    assert secrets.SECRET_BITS == 100 and len(secrets.normalise(secrets.new_secret())) == 20


def test_receipt_numbers_carry_the_year_and_no_ambiguous_letters():
    number = secrets.new_receipt_no(2026)
    assert number.startswith("2026-") and len(number) == 14
    assert not set(number[5:].replace("-", "")) & set("01IO")


def test_the_limits_make_guessing_a_secret_infeasible():
    found = secrets.guessing(max_failures=5, lock_minutes=30)
    assert found.guesses_per_second == pytest.approx(5 / 1800)
    assert found.expected_seconds / (365 * 86400) > 1e20  # years


# ------------------------------------------------------------------------------------------------ lifecycle
def test_each_action_moves_only_from_its_states():
    S, A = lifecycle.Status, lifecycle.Action
    assert lifecycle.expect(A.ACKNOWLEDGE, "SUBMITTED") is S.RECEIVED
    assert lifecycle.expect(A.CLASSIFY, "RECEIVED") is S.INVESTIGATING
    assert lifecycle.expect(A.REROUTE, "RECEIVED") is S.REASSIGNED
    assert lifecycle.expect(A.DECIDE, "INVESTIGATING") is S.DECIDED
    assert lifecycle.expect(A.ANSWER, "REASSIGNED") is S.ANSWERED
    assert lifecycle.expect(A.CLOSE, "DECIDED") is S.CLOSED and lifecycle.expect(A.CLOSE, "ANSWERED") is S.CLOSED
    assert lifecycle.expect(A.REOPEN, "CLOSED") is S.RECEIVED
    assert lifecycle.expect(A.NOTE, "INVESTIGATING") is S.INVESTIGATING  # keeps the status
    for action, status in ((A.DECIDE, "RECEIVED"), (A.CLASSIFY, "SUBMITTED"), (A.ANSWER, "INVESTIGATING"),
                           (A.CLOSE, "INVESTIGATING"), (A.REOPEN, "DECIDED"), (A.MESSAGE, "CLOSED"),
                           (A.ACKNOWLEDGE, "RECEIVED")):
        with pytest.raises(RuleViolation) as refused:
            lifecycle.expect(action, status)
        assert refused.value.code == "WRONG_STATUS"


def test_a_repeated_grievance_is_never_rerouted():
    lifecycle.check_reroute(lifecycle.NotPassiveReason.SIMPLE_GRIEVANCE, repeated=False)
    with pytest.raises(RuleViolation) as refused:
        lifecycle.check_reroute(lifecycle.NotPassiveReason.SIMPLE_GRIEVANCE, repeated=True)
    assert refused.value.code == "REPEATED_MUST_INVESTIGATE"


# ------------------------------------------------------------------------------------------------ investigators
def test_the_reported_official_and_their_department_never_investigate():
    check_investigator(employee_no="A2", department="AUD", official="E1", official_department="FIN")
    with pytest.raises(RuleViolation, match="본인") as own:
        check_investigator(employee_no="E1", department="AUD", official="E1", official_department="FIN")
    with pytest.raises(RuleViolation) as same:
        check_investigator(employee_no="AF", department="FIN", official="E1", official_department="FIN")
    assert (own.value.code, same.value.code) == ("INVESTIGATOR_IS_REPORTED", "INVESTIGATOR_SAME_DEPARTMENT")
    check_investigator(employee_no="AF", department="FIN", official=None, official_department=None)  # unknown


def test_who_is_concerned_by_a_case():
    assert concerned(employee_no="E1", department="AUD", officials=["E1"], departments=[])
    assert concerned(employee_no="X", department="FIN", officials=["E1"], departments=["FIN"])
    assert not concerned(employee_no="A1", department="AUD", officials=["E1"], departments=["FIN"])
    assert not concerned(employee_no="A1", department="", officials=[], departments=[""])


# ------------------------------------------------------------------------------------------------ measures
def test_bars_run_the_countys_months_to_the_day_before():
    months = Consequences(caution=6, warning=12, discipline=18, corrective=0)
    assert bars_until(Measure.CAUTION, date(2026, 12, 1), months) == date(2027, 5, 31)
    assert bars_until(Measure.WARNING, date(2026, 8, 31), months) == date(2027, 8, 30)
    assert bars_until(Measure.DISCIPLINE, date(2026, 8, 31), months) == date(2028, 2, 28)  # Feb has no 31st
    assert bars_until(Measure.CORRECTIVE, date(2026, 8, 31), months) is None
    assert bars_until(Measure.NONE, date(2026, 8, 31), months) is None


def test_one_measure_per_official_and_a_supervisor_only_beside_an_actor():
    check_measures([("E1", "caution", "actor"), ("FH", "warning", "supervisor")])
    with pytest.raises(RuleViolation) as twice:
        check_measures([("E1", "caution", "actor"), ("E1", "warning", "actor")])
    with pytest.raises(RuleViolation) as alone:
        check_measures([("E1", "none", "actor"), ("FH", "warning", "supervisor")])
    assert (twice.value.code, alone.value.code) == ("DUPLICATE_OFFICIAL", "SUPERVISOR_WITHOUT_ACTOR")


# ------------------------------------------------------------------------------------------------ statistics
def test_small_counts_are_suppressed_and_shares_with_them():
    cases = ([CaseFacts("neglect", "FIN", ("caution",), 5.0, False)] * 6
             + [CaseFacts("expediency", "TAX", ("warning",), 9.0, True)] * 2)
    summary = summarise(cases, minimum=5)
    assert summary["total"] == 8
    # TAX's 2 alone hidden would be 8 - 6: FIN is hidden with it (complementary suppression)
    assert summary["by_department"] == [{"key": "FIN", "count": None, "suppressed": True},
                                        {"key": "TAX", "count": None, "suppressed": True}]
    assert summary["by_measure"][1] == {"key": "warning", "count": None, "suppressed": True}
    assert summary["processing_days"] == {"count": 8, "average": 6.0}
    assert summary["overdue"] == {"clocked": 8, "rate": 0.25}
    few = summarise(cases[:3], minimum=5)
    assert (few["total"], few["overdue"]["rate"], few["processing_days"]["average"]) == (None, None, None)
    assert ["부서", "TAX", "-"] in rows(summary)


def test_no_suppressed_count_can_be_worked_out_from_the_total_and_the_others():
    counts = {"FIN": 30, "TAX": 20, "WEL": 12, "CON": 2, "AUD": 1}
    cases = [CaseFacts("neglect", d, (), None, None) for d, n in counts.items() for _ in range(n)]
    summary = summarise(cases, minimum=5)
    shown = {r["key"]: r["count"] for r in summary["by_department"]}
    assert shown == {"AUD": None, "CON": None, "FIN": 30, "TAX": 20, "WEL": None}  # 1 + 2 < 5: WEL hidden too
    assert summary["total"] - sum(n for n in shown.values() if n) == 15  # only the hidden ones' sum, ≥ 5
    assert summarise(cases[:62], minimum=5)["by_department"][-1] == {"key": "WEL", "count": 12, "suppressed": False}


# ------------------------------------------------------------------------------------------------ county section
def test_the_demo_county_maps_every_petition_type_to_a_clock_period():
    county = load_county_file("infra/counties/demo.yaml")
    assert county.complaints is not None
    assert missing_periods(county.complaints, set(county.clock.periods)) == []
    assert county.complaints.periods.of(PetitionType.GRIEVANCE) == "grievance_answer"
    assert county.complaints.periods.of(PetitionType.OTHER) == "immediate"
    assert missing_periods(ComplaintsSection(periods={"grievance": "nope"}), {"immediate"})[0].startswith(
        "complaints.periods.intake_ack")


def test_the_county_file_refuses_a_petition_type_on_a_period_it_does_not_define():
    import yaml

    from common.county import CountyConfigError
    from common.county_file import parse_county

    data = yaml.safe_load(Path("infra/counties/demo.yaml").read_text(encoding="utf-8"))
    data["complaints"]["periods"]["grievance"] = "grievance_answr"
    with pytest.raises(CountyConfigError) as refused:
        parse_county(data, "demo.yaml")
    assert any("complaints.periods.grievance" in problem and "grievance_answr" in problem
               for problem in refused.value.problems)


def test_a_whistleblower_flag_is_one_way_and_starts_two_years_of_presumed_retaliation():
    from complaints.rules.protection import check_flag, protected_until

    assert check_flag(False, True) is True
    assert check_flag(True, True) is False and check_flag(True, None) is False and check_flag(False, None) is False
    with pytest.raises(RuleViolation) as refused:
        check_flag(True, False)
    assert refused.value.code == "WHISTLEBLOWER_FLAG_KEPT"
    assert protected_until(date(2026, 12, 1)) == date(2028, 12, 1)
    assert protected_until(date(2028, 2, 29)) == date(2030, 2, 28)


def test_each_measure_records_what_it_entails():
    from complaints.rules.measures import CONSEQUENCES

    assert CONSEQUENCES[Measure.NONE] == () and CONSEQUENCES[Measure.CORRECTIVE] == ()
    assert "award_bar" in CONSEQUENCES[Measure.CAUTION] and "promotion_bar" not in CONSEQUENCES[Measure.WARNING]
    assert "promotion_bar" in CONSEQUENCES[Measure.DISCIPLINE]


def test_the_monthly_status_check_lists_cases_past_half_their_period_per_department():
    from datetime import datetime, timedelta

    from complaints.rules.status_check import OpenCase, elapsed, past_half

    start = datetime(2026, 11, 2, 9)
    due = start + timedelta(days=10)
    assert elapsed(start, due, start + timedelta(days=5)) == 0.5
    assert elapsed(start, due, start + timedelta(days=12)) == 1.2
    assert elapsed(start, start, start) == 1.0
    cases = [OpenCase("a", "RECEIVED", "grievance", "FIN", start, due),
             OpenCase("b", "INVESTIGATING", "grievance", "FIN", start - timedelta(days=4), due),
             OpenCase("c", "REASSIGNED", "inquiry", "WEL", start, due + timedelta(days=20)),
             OpenCase("d", "RECEIVED", "grievance", None, start, due)]
    found = past_half(cases, start + timedelta(days=6))  # exactly half is not past half
    assert {d: [(c.case_id, s) for c, s in rows] for d, rows in found.items()} == {
        "FIN": [("b", 0.714), ("a", 0.6)], "unknown": [("d", 0.6)]}



def test_the_monthly_status_check_lists_every_paused_case_and_every_case_without_a_period():
    from datetime import datetime, timedelta

    from complaints.rules.status_check import OpenCase, past_half

    start = datetime(2026, 11, 2, 9)
    due = start + timedelta(days=10)
    cases = [OpenCase("running-early", "RECEIVED", "grievance", "FIN", start, due),
             OpenCase("paused", "INVESTIGATING", "grievance", "FIN", start, due + timedelta(days=10), state="paused"),
             OpenCase("old", "RECEIVED", None, "FIN", None, None, state="none", opened_at=start - timedelta(days=90)),
             OpenCase("new", "RECEIVED", None, "FIN", None, None, state="none", opened_at=start),
             OpenCase("answered", "DECIDED", "grievance", "FIN", start, due, state="stopped")]
    found = past_half(cases, start + timedelta(days=2))  # the running one is not half gone yet
    assert [(c.case_id, s) for c, s in found["FIN"]] == [("paused", 0.1), ("old", None), ("new", None)]


def test_the_reveal_log_chain_breaks_where_an_entry_is_changed_removed_or_slipped_in():
    from complaints.rules.reveal_chain import GENESIS, digest, intact

    entries, prev = [], GENESIS
    for n in range(3):
        entry = {"case_id": f"c{n}", "by": "A1", "by_department": "AUD", "reason": f"사유 {n}",
                 "at": f"2026-11-0{n + 1}", "whistleblower": False, "prev": prev}
        entry["digest"] = prev = digest(entry, entry["prev"])
        entries.insert(0, entry)  # newest first, as the log is read
    assert intact(entries)
    assert not intact([{**entries[0], "reason": "고친 사유"}, *entries[1:]])
    assert not intact([entries[0], entries[2]])  # the middle one removed
    forged = {**entries[1], "reason": "끼워 넣음"}
    forged["digest"] = digest(forged, forged["prev"])
    assert not intact([entries[0], forged, entries[2]])  # recomputed, but the newer entry names the old digest
