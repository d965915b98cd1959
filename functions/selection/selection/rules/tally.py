"""The vote before the committee: what a ballot may hold, and the weighted tally that makes the shortlist.

Each bloc (department heads, residents) is counted on its own: a candidate's share in a bloc is the votes they got
there divided by the bloc's turnout (the ballots cast in it), so a bloc of 30 heads weighs as much as one of 10,000
residents when their weights are equal. The shares are combined by the county's weights (percent); a bloc nobody voted
in contributes nothing. Exact arithmetic (fractions), so the tally from the counters and the one recomputed from the
ballots are equal, not nearly equal.

The shortlist is the top `multiplier × planned` by score; candidates tied with the last place inside the cut are all
shortlisted (the committee, not the order of employee numbers, decides between them), so it may be longer; a
candidate with no vote at all is never shortlisted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from common.errors import InvalidInput, RuleViolation


@dataclass(frozen=True)
class BlocCounts:
    turnout: int = 0
    votes: Mapping[str, int] = field(default_factory=dict)

    def plus(self, other: BlocCounts) -> BlocCounts:
        return BlocCounts(self.turnout + other.turnout, dict(Counter(self.votes) + Counter(other.votes)))


@dataclass(frozen=True)
class Ranked:
    employee_no: str
    score: Fraction
    rank: int  # competition ranking: tied candidates share a rank, the next rank skips
    shortlisted: bool


def check_ballot(choices: list[str], candidates: Mapping[str, str | None], *, max_choices: int,
                 voter_department: str | None = None, own_department_allowed: bool = True) -> list[str]:
    """The ballot's distinct choices, in order; refused if empty, too many, not candidates, or (where the county
    forbids it) a head's vote for their own department's candidate."""
    chosen = list(dict.fromkeys(choices))
    if not chosen or len(chosen) != len(choices):
        raise InvalidInput("후보를 한 명 이상, 겹치지 않게 골라 주세요.", code="INVALID_BALLOT")
    if len(chosen) > max_choices:
        raise InvalidInput(f"한 번에 {max_choices}명까지 고를 수 있습니다.", code="TOO_MANY_CHOICES",
                           details={"max": max_choices})
    if strangers := [c for c in chosen if c not in candidates]:
        raise InvalidInput("후보가 아닌 사람이 있습니다.", code="NOT_A_CANDIDATE", details={"employee_no": strangers})
    own = [c for c in chosen if voter_department is not None and candidates[c] == voter_department]
    if own and not own_department_allowed:
        raise RuleViolation("자기 부서 후보에게는 투표할 수 없습니다.", code="OWN_DEPARTMENT",
                            details={"employee_no": own})
    return chosen


def count_ballots(ballots: Iterable[tuple[str, list[str]]]) -> dict[str, BlocCounts]:
    """Counts per bloc from the ballots themselves (bloc, choices): the audit's recount."""
    turnout: Counter[str] = Counter()
    votes: dict[str, Counter[str]] = {}
    for bloc, choices in ballots:
        turnout[bloc] += 1
        votes.setdefault(bloc, Counter()).update(choices)
    return {bloc: BlocCounts(turnout[bloc], dict(votes[bloc])) for bloc in turnout}


def sum_shards(shards: Iterable[tuple[str, BlocCounts]]) -> dict[str, BlocCounts]:
    """Counts per bloc from the counter shards (bloc, the shard's counts)."""
    total: dict[str, BlocCounts] = {}
    for bloc, counts in shards:
        total[bloc] = total.get(bloc, BlocCounts()).plus(counts)
    return {bloc: BlocCounts(c.turnout, {k: v for k, v in c.votes.items() if v}) for bloc, c in total.items()}


def scores(blocs: Mapping[str, BlocCounts], weights: Mapping[str, int],
           candidates: Iterable[str]) -> dict[str, Fraction]:
    """Each candidate's weighted score: Σ weight × (votes in the bloc / the bloc's turnout)."""
    result = {}
    for candidate in candidates:
        score = Fraction(0)
        for bloc, weight in weights.items():
            counts = blocs.get(bloc)
            if counts and counts.turnout:
                score += Fraction(weight, 100) * Fraction(counts.votes.get(candidate, 0), counts.turnout)
        result[candidate] = score
    return result


def shortlist(scored: Mapping[str, Fraction], *, planned: int, multiplier: int) -> list[Ranked]:
    """Every candidate ranked by score (ties by employee number, for a stable list), the top `planned × multiplier`
    shortlisted with everyone tied at the cut; a candidate without any vote is not."""
    cut = planned * multiplier
    ordered = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    ranked, rank = [], 0
    for position, (employee_no, score) in enumerate(ordered, start=1):
        if position == 1 or score != ordered[position - 2][1]:
            rank = position
        ranked.append(Ranked(employee_no, score, rank, shortlisted=rank <= cut and score > 0))
    return ranked
