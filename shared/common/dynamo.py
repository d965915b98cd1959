"""PynamoDB plumbing every repository shares: table binding by environment variable, transactions, error mapping."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pynamodb.attributes import UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from common.errors import Conflict
from common.settings import EnvValue, region


def table_meta(variable: str, default: str) -> type:
    """A PynamoDB `Meta` bound to the table named by environment variable `variable`."""

    class Meta:
        table_name = EnvValue(variable, default)
        region = EnvValue("AWS_REGION", "ap-northeast-2")

    return Meta


def index(name: str) -> GlobalSecondaryIndex:
    """One of the two overloaded indexes every table has (`gsi1`: gsi1pk/gsi1sk, `gsi2`: gsi2pk/gsi2sk).

    A new class per use: PynamoDB binds an index class to the one model it is declared on."""
    if name not in ("gsi1", "gsi2"):
        raise ValueError(f"tables have gsi1 and gsi2, not {name}")
    meta = type("Meta", (), {"index_name": name, "projection": AllProjection()})
    attributes = {f"{name}pk": UnicodeAttribute(hash_key=True), f"{name}sk": UnicodeAttribute(range_key=True)}
    return type(f"{name.capitalize()}Index", (GlobalSecondaryIndex,), {"Meta": meta, **attributes})()


class TableItem(Model):
    """What every item of every table has: the key (`pk`, `sk`) and the two overloaded index keys. Subclasses add
    `Meta = table_meta(...)`, their own attributes, and may redeclare a key attribute to give it a default."""

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)


_connection: Connection | None = None


def connection() -> Connection:
    global _connection
    if _connection is None:
        _connection = Connection(region=region())
    return _connection


def cancellation_codes(error: Exception) -> list[str]:
    reasons = getattr(error, "cancellation_reasons", None) or []
    return [reason.code if reason else "None" for reason in reasons]


@contextmanager
def transaction(conflict: Conflict | None = None, client_request_token: str | None = None) -> Iterator[TransactWrite]:
    """One DynamoDB transaction; a failed condition becomes `conflict` (default: a generic 409)."""
    try:
        with TransactWrite(connection=connection(), client_request_token=client_request_token) as tx:
            yield tx
    except TransactWriteError as error:
        if "ConditionalCheckFailed" in cancellation_codes(error) or "TransactionConflict" in cancellation_codes(error):
            raise (conflict or Conflict(details={"reasons": cancellation_codes(error)})) from error
        raise


@contextmanager
def conditional(conflict: Conflict | None = None) -> Iterator[None]:
    """A single conditional put/update; a failed condition becomes `conflict`."""
    try:
        yield
    except (PutError, UpdateError) as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise (conflict or Conflict()) from error
        raise
