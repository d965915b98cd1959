"""The vote's storage: counter shards opened, one ballot per voter per cycle with its counters in one transaction,
the shards closed and summed, and the ballots read back for the audit."""

from __future__ import annotations

from datetime import datetime

from common.dynamo import Transaction, commit_retrying_contention, conditional
from common.errors import Conflict
from selection.storage.items import CANDIDATE, BallotItem, CountItem, ShardItem, VoterItem
from selection.storage.table import transaction

MAX_ATTEMPTS = 6


def open_shards(cycle_id: str, blocs: list[str], shards: int) -> None:
    with ShardItem.batch_write() as batch:
        for bloc in blocs:
            for shard in range(shards):
                batch.save(ShardItem.of(cycle_id, bloc, shard))


def cast(cycle_id: str, *, voter: str, bloc: str, choices: list[str], shard: int, ballot_id: str, cast_at: str,
         expires: datetime | None) -> None:
    """The voter's one ballot: the voter's marker put only if absent, the ballot (without the voter), the shard's
    turnout and each chosen candidate's counter on that shard, all or nothing. A second ballot (even one racing the
    first) fails the marker's condition; any ballot once the shard is closed fails the shard's. Ballots landing on
    the same shard at the same moment may be cancelled for that alone (TransactionConflict): tried again."""
    failures = {"voter": Conflict("이 회차에 이미 투표했습니다. 투표는 한 번만 할 수 있습니다.", code="ALREADY_VOTED"),
                "shard": Conflict("투표가 마감되었습니다.", code="VOTING_CLOSED")}

    def ballot() -> Transaction:
        tx = transaction()
        tx.put(VoterItem(*VoterItem.key(cycle_id, voter), cast_at=cast_at, expiration=expires),
               VoterItem.pk.does_not_exist(), label="voter")
        tx.put(BallotItem.of(cycle_id, shard, ballot_id, bloc=bloc, choices=choices))
        tx.update(ShardItem.of(cycle_id, bloc, shard), [ShardItem.voters.add(1)],
                  condition=ShardItem.pk.exists() & ShardItem.closed.does_not_exist(), label="shard")
        for employee_no in choices:
            tx.update(CountItem.of(cycle_id, bloc, shard, employee_no), [CountItem.votes.add(1)])
        return tx

    commit_retrying_contention(ballot, failures, attempts=MAX_ATTEMPTS)


def close_shards(cycle_id: str, blocs: list[str], shards: int) -> None:
    """Mark every shard closed (again harmlessly on a rerun): no ballot counts after this."""
    for bloc in blocs:
        for shard in range(shards):
            with conditional():
                ShardItem.of(cycle_id, bloc, shard).update(actions=[ShardItem.closed.set(True)],
                                                           condition=ShardItem.pk.exists())


def read_shards(cycle_id: str, blocs: list[str], shards: int) -> list[tuple[str, int, dict[str, int]]]:
    """Each shard's (bloc, turnout, candidate → votes): blocs × shards key queries of at most the candidates."""
    found = []
    for bloc in blocs:
        for shard in range(shards):
            turnout, votes = 0, {}
            for item in CountItem.query(ShardItem.partition(cycle_id, bloc, shard)):
                if item.sk == "META":
                    turnout = int(item.voters or 0)
                elif item.sk.startswith(CANDIDATE):
                    votes[item.sk.removeprefix(CANDIDATE)] = int(item.votes)
            found.append((bloc, turnout, votes))
    return found


def ballots(cycle_id: str, shards: int) -> list[tuple[str, list[str]]]:
    """Every ballot's (bloc, choices), from the ballot partitions (the audit's recount: O(ballots))."""
    return [(b.bloc, list(b.choices)) for shard in range(shards) for b in BallotItem.query(
        BallotItem.partition(cycle_id, shard))]


def has_voted(cycle_id: str, voter: str) -> bool:
    return VoterItem.count(VoterItem.key(cycle_id, voter)[0]) > 0
