"""Every move of a pre-consulting and of an opinion request, allowed and refused (issue #13: every transition)."""

from __future__ import annotations

import pytest

from common.errors import Conflict, RuleViolation
from consulting.rules.lifecycle import (
    PRE_TRANSITIONS,
    REQUEST_TRANSITIONS,
    EscalationGround,
    PreAction,
    PreState,
    RequestAction,
    RequestState,
    escalation_ground,
    pre_move,
    request_move,
)

P, A = PreState, PreAction
ALLOWED = {
    (P.SUBMITTED, A.REQUEST_SUPPLEMENT): (P.SUPPLEMENT_REQUESTED, "pause"),
    (P.RESUBMITTED, A.REQUEST_SUPPLEMENT): (P.SUPPLEMENT_REQUESTED, "pause"),
    (P.SUPPLEMENT_REQUESTED, A.RESUBMIT): (P.RESUBMITTED, "resume"),
    (P.SUBMITTED, A.REFUSE): (P.REFUSED, "stop"),
    (P.RESUBMITTED, A.REFUSE): (P.REFUSED, "stop"),
    (P.SUBMITTED, A.ACCEPT): (P.ACCEPTED, None),
    (P.RESUBMITTED, A.ACCEPT): (P.ACCEPTED, None),
    (P.ACCEPTED, A.VISIT): (P.SITE_VISITED, None),
    (P.SITE_VISITED, A.VISIT): (P.SITE_VISITED, None),
    (P.ACCEPTED, A.ASK_ADVICE): (P.ADVICE_REQUESTED, None),
    (P.SITE_VISITED, A.ASK_ADVICE): (P.ADVICE_REQUESTED, None),
    (P.ADVICE_REQUESTED, A.ADVICE_ANSWERED): (P.ADVICE_ANSWERED, None),
    (P.ACCEPTED, A.ESCALATE): (P.ESCALATED, "pause"),
    (P.SITE_VISITED, A.ESCALATE): (P.ESCALATED, "pause"),
    (P.ADVICE_ANSWERED, A.ESCALATE): (P.ESCALATED, "pause"),
    (P.ESCALATED, A.PROVINCE_ANSWER): (P.PROVINCE_ANSWERED, "resume"),
    (P.ACCEPTED, A.ISSUE_OPINION): (P.OPINION_ISSUED, "stop"),
    (P.SITE_VISITED, A.ISSUE_OPINION): (P.OPINION_ISSUED, "stop"),
    (P.ADVICE_ANSWERED, A.ISSUE_OPINION): (P.OPINION_ISSUED, "stop"),
    (P.PROVINCE_ANSWERED, A.ISSUE_OPINION): (P.OPINION_ISSUED, "stop"),
    (P.OPINION_ISSUED, A.REPORT_ACTION): (P.ACTION_REPORTED, None),
}


def test_the_table_is_the_transition_list():
    assert {(s, a) for a, (froms, _) in PRE_TRANSITIONS.items() for s in froms} == set(ALLOWED)


@pytest.mark.parametrize("state, action", sorted(ALLOWED))
def test_every_allowed_move(state, action):
    move = pre_move(state, action)
    assert (move.before, move.after, move.clock) == (state, *ALLOWED[state, action])


@pytest.mark.parametrize("state, action", sorted((s, a) for s in P for a in A if (s, a) not in ALLOWED))
def test_every_other_move_is_refused_as_invalid_state(state, action):
    with pytest.raises(Conflict) as refused:
        pre_move(state, action)
    assert refused.value.code == "INVALID_STATE" and refused.value.status == 409
    assert refused.value.details["state"] == state


def test_where_the_province_is_the_main_path_the_opinion_waits_for_its_answer():
    for state in (P.ACCEPTED, P.SITE_VISITED, P.ADVICE_ANSWERED):
        with pytest.raises(RuleViolation) as refused:
            pre_move(state, A.ISSUE_OPINION, province_path="main")
        assert refused.value.code == "PROVINCE_FIRST"
    assert pre_move(P.PROVINCE_ANSWERED, A.ISSUE_OPINION, province_path="main").after == P.OPINION_ISSUED


def test_escalation_needs_a_serious_or_multi_body_matter_unless_the_county_sends_all():
    assert escalation_ground(["serious"], "when_serious") == [EscalationGround.SERIOUS]
    assert escalation_ground(["multi_body", "serious"], "when_serious") == [EscalationGround.MULTI_BODY,
                                                                          EscalationGround.SERIOUS]
    with pytest.raises(RuleViolation) as refused:
        escalation_ground([], "when_serious")
    assert refused.value.code == "ESCALATION_GROUND_REQUIRED"
    assert escalation_ground([], "main") == [EscalationGround.COUNTY_PATH]


R, Q = RequestState, RequestAction
REQUEST_ALLOWED = {
    (R.SUBMITTED, Q.REFUSE): (R.REFUSED, "stop"),
    (R.SUBMITTED, Q.ACCEPT): (R.ON_AGENDA, None),
    (R.ON_AGENDA, Q.RESOLVED): (R.OPINION_ISSUED, "stop"),
    (R.OPINION_ISSUED, Q.REPORT_ACTION): (R.ACTION_REPORTED, None),
}


def test_the_request_table_is_its_transition_list():
    assert {(s, a) for a, (froms, _) in REQUEST_TRANSITIONS.items() for s in froms} == set(REQUEST_ALLOWED)


@pytest.mark.parametrize("state", list(R))
@pytest.mark.parametrize("action", list(Q))
def test_every_opinion_request_move(state, action):
    if (state, action) in REQUEST_ALLOWED:
        move = request_move(state, action)
        assert (move.after, move.clock) == REQUEST_ALLOWED[state, action]
    else:
        with pytest.raises(Conflict) as refused:
            request_move(state, action)
        assert refused.value.code == "INVALID_STATE"


def test_a_supplement_not_made_is_refused_only_once_its_period_has_passed():
    from consulting.rules.lifecycle import refusal_move

    with pytest.raises(Conflict) as running:
        refusal_move("SUPPLEMENT_REQUESTED", supplement_overdue=False, for_missed_supplement=True)
    assert running.value.code == "SUPPLEMENT_PERIOD_RUNNING"
    move = refusal_move("SUPPLEMENT_REQUESTED", supplement_overdue=True, for_missed_supplement=True)
    assert (move.after, move.clock) == ("REFUSED", "stop")
    with pytest.raises(Conflict) as screening:  # a screening reason is not for a case waiting on its department
        refusal_move("SUPPLEMENT_REQUESTED", supplement_overdue=True, for_missed_supplement=False)
    assert screening.value.code == "INVALID_STATE"
    with pytest.raises(Conflict) as never_asked:  # nor is the missed 보완 for a case never asked for one
        refusal_move("SUBMITTED", supplement_overdue=True, for_missed_supplement=True)
    assert never_asked.value.code == "INVALID_STATE"
    assert refusal_move("SUBMITTED", supplement_overdue=False, for_missed_supplement=False).after == "REFUSED"
