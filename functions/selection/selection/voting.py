"""The vote: the candidate list made when voting opens (the review's result), ballots by department heads and
residents (one per voter per cycle, enforced by a conditional put; counters per candidate per bloc on sharded items in
the same transaction), the close (shards summed: O(candidates × shards), never the ballots) with its shortlist going
to the committee, the tally shown only after the close, and the audit recount from the ballots that must match."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from datetime import timedelta
from typing import Any
from uuid import uuid4

from common.clock import now
from common.county import county
from common.errors import Forbidden, NotFound, RuleViolation
from common.events import EventEnvelope
from common.identity import Caller, Role
from contracts.committee import CommitteeItemRequested, ItemKind, StaffParty
from selection import staff
from selection.rules import eligibility, phases
from selection.rules.eligibility import Exclusion, ExclusionKind
from selection.rules.nominations import Channel
from selection.rules.offices import require_unit, rules, unit
from selection.rules.phases import Phase
from selection.rules.tally import BlocCounts, check_ballot, count_ballots, scores, shortlist, sum_shards
from selection.rules.voters import verified
from selection.storage import candidates as candidate_store
from selection.storage import cycles as cycle_store
from selection.storage import nominations as nomination_store
from selection.storage import votes as stored
from selection.storage.items import CandidateItem, CycleItem

HEADS, RESIDENTS = "dept_heads", "residents"


def blocs() -> list[str]:
    return list(rules().voting.weights)


# ------------------------------------------------------------------ the review's result: who stands
def review(cycle_id: str) -> list[tuple[CandidateItem, list[Exclusion]]]:
    """Every nominee with their counted nominations, as a candidate, with what excludes them (empty: they stand).
    The name, case and criterion shown come from a department or contest nomination where there is one."""
    section = rules()
    by_nominee: dict[str, list[Any]] = {}
    for nomination in nomination_store.of_cycle(cycle_id):
        if nomination.set_aside is None:
            by_nominee.setdefault(nomination.employee_no, []).append(nomination)
    previous = {a.employee_no for a in candidate_store.awardees(eligibility.previous_cycle(cycle_id, section))} \
        if section.exclusions.previous_cycle_award else set()
    result = []
    for employee_no, found in sorted(by_nominee.items()):
        person = staff.nominee(employee_no)
        lead = sorted(found, key=lambda n: (n.channel == Channel.RESIDENT.value, n.created_at))[0]
        name = Counter(n.nominee_name for n in found).most_common(1)[0][0] if lead.channel == "resident" \
            else lead.nominee_name
        barred = list(staff.exclusions_of(employee_no, cycle_id))
        if (why := eligibility.ineligible(person, section)) is not None:
            barred.append(Exclusion(employee_no, ExclusionKind.MANUAL, why[1], None, "directory"))
        if employee_no in previous:
            barred.append(Exclusion(employee_no, ExclusionKind.PREVIOUS_AWARD, "직전 회차 수상자", None,
                                    f"cycle:{eligibility.previous_cycle(cycle_id, section)}"))
        result.append((CandidateItem.of(cycle_id, employee_no, name=name, department=person.department,
                                        employment_type=person.employment_type, case_title=lead.case_title,
                                        criterion=lead.criterion, kind=lead.kind,
                                        flagship_task=next((n.flagship_task for n in found if n.flagship_task), None)),
                       barred))
    return result


def candidates(who: Caller, cycle_id: str) -> tuple[CycleItem, bool, list[tuple[CandidateItem, list[Exclusion]]]]:
    """Staff: the candidates once voting opened, or, before, the unit's preview of the review with each nominee's
    exclusions."""
    cycle = cycle_store.existing(cycle_id)
    if Phase(cycle.phase) in (Phase.PLANNED, Phase.NOMINATION, Phase.REVIEW):
        require_unit(who)
        return cycle, False, review(cycle_id)
    who.require(Role.STAFF, *unit())
    return cycle, True, [(c, []) for c in candidate_store.of_cycle(cycle_id)]


def ballot_list(who: Caller, cycle_id: str) -> tuple[CycleItem, bool, list[tuple[CandidateItem, list[Exclusion]]]]:
    """A resident: the candidates once voting opened."""
    if not who.has(Role.RESIDENT):
        raise Forbidden("주민만 볼 수 있습니다.", code="NOT_A_RESIDENT")
    cycle = cycle_store.existing(cycle_id)
    if Phase(cycle.phase) in (Phase.PLANNED, Phase.NOMINATION, Phase.REVIEW):
        raise NotFound("아직 후보가 정해지지 않았습니다.", code="NO_CANDIDATES_YET")
    return cycle, True, [(c, []) for c in candidate_store.of_cycle(cycle_id)]


def open_vote(cycle: CycleItem) -> None:
    """REVIEW → VOTING: the candidate list fixed (nominees nothing excludes today) and the counter shards made."""
    standing = [item for item, barred in review(cycle.cycle_id) if not barred]
    if not standing:
        raise RuleViolation("투표할 후보가 없습니다 (추천이 없거나 모두 제외).", code="NO_CANDIDATES")
    candidate_store.put_all(standing)
    stored.open_shards(cycle.cycle_id, blocs(), rules().voting.counter_shards)


# ------------------------------------------------------------------ ballots
def cast(who: Caller, cycle_id: str, choices: list[str], *, resident: bool,
         claims: dict[str, Any] | None = None) -> tuple[str, list[str]]:
    """A department head's (`resident` False: the staff route) or a resident's one ballot in the cycle."""
    section = rules()
    if resident != who.has(Role.RESIDENT):
        raise Forbidden("이 경로로는 투표할 수 없습니다 (부서장은 직원 경로, 주민은 주민 경로).", code="WRONG_ROUTE")
    if resident:
        bloc, voter, department = RESIDENTS, f"resident:{who.subject}", None
        level = county().residents.ballot.verification
        if not verified(level, claims or {}):
            raise Forbidden("투표하려면 본인 확인이 더 필요합니다.", code="VERIFICATION_REQUIRED",
                            details={"verification": level.value})
        expires_days = county().residents.ballot.retention_days
    elif who.has(Role.DEPT_HEAD) and who.employee_no:
        # the head's department as the directory has it (the token's may be stale or absent): the own-department
        # rule must not depend on a claim
        bloc, voter = HEADS, f"head:{who.employee_no}"
        head = staff.nominee(who.employee_no)
        if head.employment_type is not None and not head.active:  # left the county: their token outlives them
            raise Forbidden("재직 중인 부서장만 투표할 수 있습니다.", code="NOT_A_VOTER")
        department = head.department or who.department
        if department is None and not section.voting.heads_vote_own_department:
            raise Forbidden("부서장의 부서를 알 수 없어 투표할 수 없습니다.", code="DEPARTMENT_UNKNOWN")
        expires_days = None
    else:
        raise Forbidden("부서장과 주민만 투표할 수 있습니다.", code="NOT_A_VOTER")
    if bloc not in section.voting.weights:
        raise Forbidden("이 지자체는 이 집단의 투표를 받지 않습니다.", code="BLOC_NOT_VOTING")
    cycle = cycle_store.existing(cycle_id)
    phases.require(Phase(cycle.phase), Phase.VOTING, action="투표")
    # the chosen candidates only, by key (a ballot reads O(choices), not the whole list)
    standing = {c.employee_no: c.department for c in candidate_store.some(cycle_id, choices[:50])}
    chosen = check_ballot(choices, standing, max_choices=section.voting.choices_per_ballot,
                          voter_department=department, own_department_allowed=section.voting.heads_vote_own_department)
    at = now()
    stored.cast(cycle_id, voter=_voter_key(cycle_id, voter), bloc=bloc, choices=chosen,
                shard=random.randrange(section.voting.counter_shards), ballot_id=uuid4().hex, cast_at=at.isoformat(),
                expires=at + timedelta(days=expires_days) if expires_days else None)
    return bloc, chosen


def _voter_key(cycle_id: str, voter: str) -> str:
    """The voter's marker key: a hash of the cycle and the voter (a resident's id is not stored in the clear)."""
    return hashlib.sha256(f"{cycle_id}\x00{voter}".encode()).hexdigest()[:40]


# ------------------------------------------------------------------ the close, the tally, the audit
def close_vote(cycle: CycleItem, *, title: str, case: str) -> tuple[list[Any], list[EventEnvelope]]:
    """VOTING → COMMITTEE: close the shards, sum them, rank, shortlist; the cycle's tally and the committee's
    selection item (candidates: the shortlist; options: the tiers and not_selected) to write with the move."""
    section = rules()
    stored.close_shards(cycle.cycle_id, blocs(), section.voting.counter_shards)
    counted = _summed(cycle.cycle_id)
    standing = candidate_store.of_cycle(cycle.cycle_id)
    ranked = shortlist(scores(counted, section.voting.weights, [c.employee_no for c in standing]),
                       planned=int(cycle.planned), multiplier=section.voting.shortlist_multiplier)
    chosen = [r.employee_no for r in ranked if r.shortlisted]
    if not chosen:
        raise RuleViolation("표를 받은 후보가 없어 위원회에 올릴 수 없습니다.", code="NO_VOTES")
    departments = {c.employee_no: c.department for c in standing}
    tally = {"blocs": {b: {"turnout": c.turnout, "votes": dict(c.votes)} for b, c in counted.items()},
             "ranked": [{"employee_no": r.employee_no, "score": str(r.score), "rank": r.rank,
                         "shortlisted": r.shortlisted} for r in ranked], "closed_at": now().isoformat()}
    asked = CommitteeItemRequested(
        origin_area="selection", origin_case_id=case, kind=ItemKind.SELECTION, title=title,
        summary=f"투표 상위 {len(chosen)}명 (선발 예정 {cycle.planned}명 내외). 등급: "
                + ", ".join(f"{t.code}={t.name}" for t in section.tiers),
        parties=[StaffParty(employee_no=no, department=departments.get(no)) for no in chosen],
        candidates=chosen, options=[*(t.code for t in section.tiers), "not_selected"])
    return [CycleItem.tally.set(tally), CycleItem.shortlist.set(chosen)], [asked.envelope()]


def _summed(cycle_id: str) -> dict[str, BlocCounts]:
    shards = stored.read_shards(cycle_id, blocs(), rules().voting.counter_shards)
    return sum_shards((bloc, BlocCounts(turnout, votes)) for bloc, turnout, votes in shards)


def tally(who: Caller, cycle_id: str) -> tuple[CycleItem, list[dict[str, Any]]]:
    """The tally, hidden until the vote closed (the unit)."""
    require_unit(who)
    cycle = _closed(cycle_id)
    return cycle, cycle.tally["ranked"]


def audit(who: Caller, cycle_id: str) -> dict[str, Any]:
    """Recount from the ballots and compare with the close's tally (the unit or the audit office)."""
    who.require(*unit(), Role.AUDIT)
    cycle = _closed(cycle_id)
    ballots = stored.ballots(cycle_id, rules().voting.counter_shards)
    recounted = {b: {"turnout": c.turnout, "votes": dict(c.votes)} for b, c in count_ballots(ballots).items()}
    stored_blocs = {b: v for b, v in cycle.tally["blocs"].items() if v["turnout"]}
    return {"cycle_id": cycle_id, "matches": recounted == stored_blocs, "recounted": recounted,
            "stored": stored_blocs, "ballots": len(ballots)}


def _closed(cycle_id: str) -> CycleItem:
    cycle = cycle_store.existing(cycle_id)
    if cycle.tally is None:
        raise RuleViolation("투표가 끝나기 전에는 집계를 볼 수 없습니다.", code="TALLY_HIDDEN")
    return cycle
