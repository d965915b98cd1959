"""The selection's vote at county scale, in moto (in-process): `python -m bench.selection_votes` prints figures and
asserts only that the recount matches.

200 candidates, 100,000 resident ballots (flags: --candidates, --ballots). A sample of them (--cast, default 300) is
cast through the real use case (`selection.voting.cast`: the voter's conditional marker, the ballot, the shard's
turnout and each chosen candidate's counter in one transaction) and timed: the casting throughput. The rest are
written as the same items in bulk (markers, ballots, the counters' sums per shard), so the close and the recount see
a vote of the full size without waiting for moto to run 100,000 transactions one by one. Then: the close (shards
closed, blocs × shards partitions read: O(candidates × shards), never the ballots; the shortlist and the committee's
item written) and the audit recount from every ballot (O(ballots)), which must match.

moto is no measure of DynamoDB's latency here: its Query walks every item of the table (not only the partition) and
its TransactWriteItems deep-copies the table once per item, so both grow with the table. What carries over: the
requests per ballot and per close, and our own time outside the AWS calls. 2026-11-30, shared 2-core machine, 100,000
ballots (--cast 300): 4.7 ms of ours a ballot (1 GetItem, 1 BatchGetItem, 1 TransactWriteItems); the close 21 Queries,
20 UpdateItems, 1 TransactWriteItems and 136 ms of ours (148 s in moto); the recount 131 s in moto; matches.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class AwsCalls:
    """While active: the time spent inside AWS calls (moto, here) and their count per operation."""

    def __init__(self) -> None:
        self.seconds, self.counts, self.by_operation = 0.0, Counter(), Counter()

    def __enter__(self) -> AwsCalls:
        from botocore.client import BaseClient

        self.original = original = BaseClient._make_api_call

        def timed(client: object, operation: str, params: dict) -> object:
            started = time.perf_counter()
            try:
                return original(client, operation, params)
            finally:
                self.seconds += time.perf_counter() - started
                self.by_operation[operation] += time.perf_counter() - started
                self.counts[operation] += 1

        BaseClient._make_api_call = timed
        return self

    def __exit__(self, *_: object) -> None:
        from botocore.client import BaseClient

        BaseClient._make_api_call = self.original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--cast", type=int, default=300, help="ballots cast through the use case (timed)")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "shared"), *(str(p) for p in sorted((ROOT / "functions").iterdir()))]

    from moto import mock_aws

    with mock_aws():
        run(args.candidates, args.ballots, min(args.cast, args.ballots))


def run(candidates: int, ballots: int, cast: int) -> None:
    from bench.areas.selection import voting_cycle
    from bench.cases import build_stack
    from common.identity import Caller, Role
    from selection import cycles, voting
    from selection.models import PhaseIn
    from selection.rules.offices import rules
    from selection.storage import cycles as cycle_store
    from selection.storage.items import BallotItem, CountItem, ShardItem, VoterItem

    build_stack()
    section = rules()
    shards = section.voting.counter_shards
    unit = Caller(subject="u", roles=frozenset({Role.STAFF, Role.AA_UNIT}), employee_no="U1", department="ADM")
    numbers = [f"C{n:04d}" for n in range(candidates)]
    cycle_id = voting_cycle(unit, {no: f"D{int(no[1:]) % 40:02d}" for no in numbers})

    rng = random.Random(15)
    weights = [1 / (1 + n) for n in range(candidates)]  # a few popular candidates, a long tail

    def choices() -> list[str]:
        picked: list[str] = []
        while len(picked) < rng.randint(1, section.voting.choices_per_ballot):
            one = rng.choices(numbers, weights)[0]
            if one not in picked:
                picked.append(one)
        return picked

    calls = AwsCalls()
    started = time.perf_counter()
    with calls:
        for n in range(cast):
            voter = Caller(subject=f"resident-{n}", roles=frozenset({Role.RESIDENT}))
            voting.cast(voter, cycle_id, choices(), resident=True, claims={"phone_number_verified": "true"})
    casting = time.perf_counter() - started

    started = time.perf_counter()
    turnout: Counter[int] = Counter()
    votes: Counter[tuple[int, str]] = Counter()
    with BallotItem.batch_write() as batch:
        for n in range(cast, ballots):
            shard, chosen = n % shards, choices()
            batch.save(VoterItem(*VoterItem.key(cycle_id, f"bulk-{n}"), cast_at="2026-10-20T10:00:00+09:00"))
            batch.save(BallotItem.of(cycle_id, shard, f"bulk-{n:06d}", bloc="residents", choices=chosen))
            turnout[shard] += 1
            votes.update((shard, c) for c in chosen)
    for shard, count in turnout.items():
        ShardItem.of(cycle_id, "residents", shard).update(actions=[ShardItem.voters.add(count)])
    for (shard, no), count in votes.items():
        CountItem.of(cycle_id, "residents", shard, no).update(actions=[CountItem.votes.add(count)])
    loading = time.perf_counter() - started

    closed = AwsCalls()
    started = time.perf_counter()
    with closed:
        cycles.move_by_hand(unit, cycle_id, PhaseIn(to="COMMITTEE", reason="bench"))
    closing = time.perf_counter() - started
    started = time.perf_counter()
    audit = voting.audit(unit, cycle_id)
    recount = time.perf_counter() - started
    assert audit["matches"] and audit["ballots"] == ballots, audit["ballots"]
    shortlist = cycle_store.get(cycle_id).shortlist

    print(f"selection vote: {candidates} candidates, {ballots:,} resident ballots, {shards} counter shards a bloc "
          "(moto in-process, one process)")
    print(f"  casting (the use case, {cast:,} ballots): {cast / casting:7.0f} ballots/s, "
          f"{casting / cast * 1000:.2f} ms each (one transaction: marker, ballot, shard turnout, 1–"
          f"{section.voting.choices_per_ballot} counters)")
    print(f"    of which outside the AWS calls (our code, PynamoDB, botocore): "
          f"{(casting - calls.seconds) / cast * 1000:.2f} ms a ballot; AWS requests a ballot: "
          + ", ".join(f"{name} {count / cast:g}" for name, count in sorted(calls.counts.items()))
          + " (moto copies the whole table for each item of a transaction: its time grows with the table, "
            "DynamoDB's does not)")
    print(f"  bulk load of the other {ballots - cast:,} ballots (not timed as casting): {loading:.1f} s")
    print(f"  closing the vote: {closing * 1000:7.0f} ms (shards closed and read: {len(section.voting.weights)} blocs "
          f"× {shards} partitions of ≤ {candidates} counters; shortlist of {len(shortlist)} to the committee)")
    requests = ", ".join(f"{name} {count} ({closed.by_operation[name]:.1f} s)"
                         for name, count in sorted(closed.counts.items()))
    print(f"    AWS requests of the close: {requests} — the same for any number of ballots; outside them "
          f"{(closing - closed.seconds) * 1000:.0f} ms. moto's Query walks every item of the table and its "
          "TransactWriteItems copies the table per item, so here their time grows with the table; DynamoDB reads "
          "only the queried partitions")
    print(f"  recount from the ballots (audit): {recount:7.1f} s for {audit['ballots']:,} ballots — matches: "
          f"{audit['matches']}")


if __name__ == "__main__":
    main()
