"""Votes on an item and the resolution they make, always recomputed from the individual votes.

- A motion: for / against / abstain. It passes when the `for` votes reach the county's `passing` share of those
  present (abstentions and present members who did not vote count as present unless `abstentions_count` is false;
  then the whole is the for and against votes). 과반수 of an even split is not reached: a tie fails.
- A selection item: each member gives every candidate one of the item's options (a tier, or not selected); each
  candidate gets the option that reaches the passing share on its own, or stays undecided (a tie, or a split).
- One vote per member per item, final once cast: a second is refused (`VOTE_ALREADY_CAST`), never a replacement,
  so the minutes and the tallies never depend on the order votes arrived in (storage makes the same promise with a
  conditional put on the item and member). A correction is the secretary's, recorded as such, not a re-vote.
- A recused member's vote is refused (`MEMBER_RECUSED`), as is a vote before the declaration or during a pending
  challenge (`committee.rules.recusal`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from committee.rules.recusal import Standing
from committee.rules.sitting import Quorum
from common.county_committee import CommitteeSection
from common.errors import Conflict, InvalidInput


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Outcome(StrEnum):
    PASSED = "passed"  # 가결
    REJECTED = "rejected"  # 부결
    NO_QUORUM = "no_quorum"  # 의결정족수 미달 (개의 불가)
    RESOLVED = "resolved"  # selection: every candidate decided
    UNDECIDED = "undecided"  # selection: some candidate without a majority option


@dataclass(frozen=True)
class MotionVote:
    item_id: str
    member_id: str
    choice: Choice
    cast_at: datetime | None = None
    on_paper: bool = False  # recorded by the secretary from the member's signed paper


@dataclass(frozen=True)
class SelectionVote:
    item_id: str
    member_id: str
    choices: Mapping[str, str]  # candidate id → option (a tier, or the item's "not selected" option)
    cast_at: datetime | None = None
    on_paper: bool = False


Vote = TypeVar("Vote", MotionVote, SelectionVote)


def cast(votes: Sequence[Vote], vote: Vote, standing: Standing) -> tuple[Vote, ...]:
    """The item's votes with `vote` added: refused for a member who may not vote on the item, and for a second vote."""
    if standing.item_id != vote.item_id or standing.member_id != vote.member_id:
        raise ValueError("the standing is another member's or another item's")
    standing.ensure_may_vote()
    if any(v.item_id == vote.item_id and v.member_id == vote.member_id for v in votes):
        raise Conflict("이 안건에 이미 표결했습니다. 표결은 한 번만 할 수 있습니다.", code="VOTE_ALREADY_CAST",
                       details={"item_id": vote.item_id, "member_id": vote.member_id})
    return (*votes, vote)


def check_selection(vote: SelectionVote, candidates: Iterable[str], options: Iterable[str]) -> None:
    """A selection vote gives every candidate of the item exactly one of its options, and nothing else."""
    candidates, options = set(candidates), set(options)
    problems = {}
    if missing := sorted(candidates - set(vote.choices)):
        problems["missing_candidates"] = missing
    if strays := sorted(set(vote.choices) - candidates):
        problems["unknown_candidates"] = strays
    if bad := sorted({o for o in vote.choices.values() if o not in options}):
        problems["unknown_options"] = bad
    if problems:
        raise InvalidInput("후보마다 안건의 선택지 중 하나를 골라야 합니다.", code="SELECTION_VOTE_INVALID",
                           details=problems)


@dataclass(frozen=True)
class Resolution:
    item_id: str
    outcome: Outcome
    counts: dict[str, int]  # for / against / abstain
    present: int  # eligible members present (the quorum's)
    base: int  # the whole the passing share is taken of
    needed: int  # `for` votes needed to pass


@dataclass(frozen=True)
class CandidateResult:
    candidate: str
    option: str | None  # None: no option reached the passing share
    counts: dict[str, int]


@dataclass(frozen=True)
class SelectionResolution:
    item_id: str
    outcome: Outcome
    present: int
    base: int
    needed: int
    candidates: dict[str, CandidateResult] = field(default_factory=dict)


def _counted(item_id: str, votes: Iterable[Vote], quorum: Quorum) -> list[Vote]:
    votes = [v for v in votes if v.item_id == item_id]
    voters = Counter(v.member_id for v in votes)
    if doubles := sorted(m for m, n in voters.items() if n > 1):
        raise Conflict("한 위원의 표가 두 번 있습니다.", code="DUPLICATE_VOTE", details={"member_ids": doubles})
    if strays := sorted(set(voters) - quorum.present):
        raise InvalidInput("출석하지 않았거나 이 안건에서 제외된 위원의 표가 있습니다.", code="VOTER_NOT_COUNTED",
                           details={"member_ids": strays})
    return votes


def tally_motion(item_id: str, votes: Iterable[MotionVote], quorum: Quorum, rules: CommitteeSection) -> Resolution:
    """The motion's resolution from its votes and the item's quorum."""
    counted = _counted(item_id, votes, quorum)
    counts = Counter(v.choice for v in counted)
    tally = {str(c): counts[c] for c in Choice}
    base = len(quorum.present) if rules.abstentions_count else counts[Choice.FOR] + counts[Choice.AGAINST]
    needed = rules.passing.needed(base)
    if not quorum.met:
        outcome = Outcome.NO_QUORUM
    else:
        outcome = Outcome.PASSED if rules.passing.reached(counts[Choice.FOR], base) else Outcome.REJECTED
    return Resolution(item_id, outcome, tally, present=len(quorum.present), base=base, needed=needed)


def tally_selection(item_id: str, votes: Iterable[SelectionVote], candidates: Sequence[str], options: Sequence[str],
                    quorum: Quorum, rules: CommitteeSection) -> SelectionResolution:
    """Each candidate's option by the passing share of those present; a candidate none reaches stays undecided."""
    counted = _counted(item_id, votes, quorum)
    for vote in counted:
        check_selection(vote, candidates, options)
    base = len(quorum.present)
    needed = rules.passing.needed(base)
    results = {}
    for candidate in candidates:
        counts = Counter(v.choices[candidate] for v in counted)
        reaching = [o for o in options if quorum.met and rules.passing.reached(counts[o], base)]
        results[candidate] = CandidateResult(candidate, reaching[0] if len(reaching) == 1 else None,
                                             {o: counts[o] for o in options})
    if not quorum.met:
        outcome = Outcome.NO_QUORUM
    else:
        outcome = Outcome.RESOLVED if all(r.option for r in results.values()) else Outcome.UNDECIDED
    return SelectionResolution(item_id, outcome, present=base, base=base, needed=needed, candidates=results)
