"""PynamoDB plumbing every repository shares: table binding by environment variable, transactions, error mapping,
and paged queries with opaque `next_token`s."""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import botocore.session
from pynamodb.attributes import Attribute, UnicodeAttribute
from pynamodb.connection import Connection, TableConnection
from pynamodb.constants import NULL
from pynamodb.exceptions import AttributeDeserializationError, PutError, QueryError, TransactWriteError, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from common.errors import Conflict, DomainError, RuleViolation
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


_sessions = threading.local()


def botocore_session() -> botocore.session.Session:
    """This thread's one botocore session, behind every DynamoDB client (PynamoDB's and the idempotency records'):
    a session loads DynamoDB's service model once, and each new one again, about 50 ms the first time a cold Lambda
    uses it (docs/decisions.md, cold starts). A session is not thread-safe, so it is one per thread."""
    if getattr(_sessions, "session", None) is None:
        _sessions.session = botocore.session.get_session()
    return _sessions.session


def boto3_session() -> Any:
    """This thread's boto3 session on `botocore_session()`, for a library that takes one (Powertools' idempotency
    records); one, as each boto3 session adds its handlers and data path to the botocore session."""
    if getattr(_sessions, "boto3", None) is None:
        import boto3.session  # here: a job that never builds one does not load boto3 (~100 ms of a cold start)

        _sessions.boto3 = boto3.session.Session(botocore_session=botocore_session())
    return _sessions.boto3


def _shared_session(connection: Connection) -> Connection:
    """`connection` on `botocore_session()`: PynamoDB opens a session per connection (one per item class, one for
    transactions) and keeps it per thread in `_local`, with no public way to give it one."""
    if getattr(connection._local, "session", None) is None:
        connection._local.session = botocore_session()
    return connection


_PLAIN_SET = Attribute.__set__


class TableItem(Model):
    """What every item of every table has: the key (`pk`, `sk`) and the two overloaded index keys. Subclasses add
    `Meta = table_meta(...)`, their own attributes, and may redeclare a key attribute to give it a default."""

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)

    @classmethod
    def _get_connection(cls) -> TableConnection:
        table = super()._get_connection()
        _shared_session(table.connection)
        return table

    @classmethod
    def _instantiate(cls, attribute_values: dict[str, dict[str, Any]]) -> Any:
        """An item read from the table, as PynamoDB builds it (each stored value deserialized and set through its
        attribute, the default of each attribute the item lacks), without the two passes that set every default
        first (its `__init__` and its deserializer each do), and with what each attribute needs for it looked up
        once per class (`_reading`): a read item's construction was a third of the time of a request that reads
        one."""
        if cls._discriminator:
            return super()._instantiate(attribute_values)
        item = cls.__new__(cls)
        item.attribute_values = values = {}
        for name, stored_name, attr_type, deserialize, default, plain in cls.__dict__.get("_reading") or cls._plan():
            stored = attribute_values.get(stored_name)
            if stored and NULL not in stored:
                if attr_type not in stored:
                    raise AttributeDeserializationError(stored_name, attr_type)
                value = deserialize(stored[attr_type])
            elif (value := default() if callable(default) else default) is None:
                continue
            if plain:  # what `Attribute.__set__` does, without the call
                values[name] = value
            else:  # an attribute that converts what it is given (TTL, version, maps)
                setattr(item, name, value)
        return item

    @classmethod
    def _plan(cls) -> tuple[tuple[str, str, str, Callable[[Any], Any], Any, bool], ...]:
        """Per attribute of this class: its name, stored name, stored type, deserializer, default and whether it is
        set plainly; built on the first read and kept on the class (not inherited: a subclass has its own)."""
        cls._reading = tuple((name, attribute.attr_name, attribute.attr_type, attribute.deserialize,
                              attribute.default, type(attribute).__set__ is _PLAIN_SET)
                             for name, attribute in cls._attributes.items())
        return cls._reading

    def fields(self, *names: str) -> dict[str, Any]:
        """These attributes' values by name, as reading each one would give them (None where unset), in one step:
        what a view that copies most of an item reads (reading each through its attribute is a call apiece)."""
        if not _declares(type(self), names):
            raise AttributeError(f"{type(self).__name__} lacks one of the attributes {names}")
        values = self.attribute_values
        return {name: values.get(name) for name in names}


@functools.cache
def _declares(model: type[Model], names: tuple[str, ...]) -> bool:
    return all(name in model._attributes for name in names)


def find(model: type[Model], pk: str, sk: str) -> Any:
    """The item of `model` at (pk, sk), or None."""
    try:
        return model.get(pk, sk)
    except model.DoesNotExist:
        return None


def must_find(model: type[Model], pk: str, sk: str, missing: DomainError) -> Any:
    """The item of `model` at (pk, sk); `missing` (a NotFound, say) when there is none."""
    item = find(model, pk, sk)
    if item is None:
        raise missing
    return item


_connection: Connection | None = None


def connection() -> Connection:
    global _connection
    if _connection is None:
        _connection = Connection(region=region())
    return _shared_session(_connection)


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


def save_if_newer(item: Any) -> bool:
    """Put a projection's copy of another area's record unless the stored copy is as new or newer (the item's
    `version`, the owner's): False when it was — a late or repeated event changes nothing."""
    model = type(item)
    try:
        with conditional():
            item.save(condition=model.pk.does_not_exist() | (model.version < item.version))
    except Conflict:
        return False
    return True


MAX_TRANSACTION_ITEMS = 100  # DynamoDB's limit for one TransactWriteItems


class TransactionCancelled(Exception):
    """A transaction was cancelled: `labels` name the items whose condition failed, `reasons` are DynamoDB's codes
    in item order (`TransactionConflict` alone means another writer got there first: try again)."""

    def __init__(self, labels: list[str], reasons: list[str]):
        self.labels = labels
        self.reasons = reasons
        super().__init__(f"transaction cancelled: {labels or reasons}")

    @property
    def contention(self) -> bool:
        return not self.labels and "TransactionConflict" in self.reasons


class Transaction:
    """One TransactWriteItems built up item by item, each with a label, then committed at once.

    A failed condition is reported by label (`TransactionCancelled.labels`), or, where `commit(failures=...)` maps
    that label to a domain error, as that error — so a use case can say *which* limit was hit. `outbox` is the area's
    outbox item class (`common.events.outbox_model`): `event(envelope)` writes the event in the same transaction.
    `too_many_message`: what the caller is told when the change is larger than one transaction may be."""

    def __init__(self, outbox: Any = None,
                 too_many_message: str = "한 번에 처리할 변경이 너무 많습니다. 나누어 요청해 주세요.") -> None:
        self.outbox = outbox
        self.too_many_message = too_many_message
        self._checks: list[tuple[str, Any, Any]] = []
        self._deletes: list[tuple[str, Model, Any]] = []
        self._puts: list[tuple[str, Model, Any]] = []
        self._updates: list[tuple[str, Model, list[Any], Any]] = []

    def check(self, model: Model, condition: Any, label: str = "-") -> Transaction:
        self._checks.append((label, model, condition))
        return self

    def put(self, model: Model, condition: Any = None, label: str = "-") -> Transaction:
        self._puts.append((label, model, condition))
        return self

    def update(self, model: Model, actions: list[Any], condition: Any = None, label: str = "-") -> Transaction:
        self._updates.append((label, model, actions, condition))
        return self

    def delete(self, model: Model, condition: Any = None, label: str = "-") -> Transaction:
        self._deletes.append((label, model, condition))
        return self

    def event(self, envelope: Any) -> Transaction:
        if self.outbox is None:
            raise ValueError("this transaction has no outbox model: Transaction(outbox=<area outbox item class>)")
        return self.put(self.outbox.of(envelope), label="outbox")

    def commit(self, failures: dict[str, DomainError] | None = None) -> None:
        # PynamoDB sends condition checks, deletes, puts, then updates: the labels follow the same order
        labels = ([c[0] for c in self._checks] + [d[0] for d in self._deletes] + [p[0] for p in self._puts]
                  + [u[0] for u in self._updates])
        if len(labels) > MAX_TRANSACTION_ITEMS:
            raise RuleViolation(self.too_many_message, code="TOO_MANY_CHANGES",
                                details={"items": len(labels), "limit": MAX_TRANSACTION_ITEMS})
        try:
            with transaction() as tx:
                for _, model, condition in self._checks:
                    tx.condition_check(type(model), model.pk, model.sk, condition=condition)  # a TableItem
                for _, model, condition in self._deletes:
                    tx.delete(model, condition=condition)
                for _, model, condition in self._puts:
                    tx.save(model, condition=condition)
                for _, model, actions, condition in self._updates:
                    tx.update(model, actions=actions, condition=condition)
        except Conflict as error:
            reasons = list((error.details or {}).get("reasons", []))
            failed = [label for label, code in zip(labels, reasons, strict=False) if code == "ConditionalCheckFailed"]
            for label in failed:
                if failures and label in failures:
                    raise failures[label] from error
            raise TransactionCancelled(failed, reasons) from error


# ------------------------------------------------------------------------------------------------ paged queries
def commit_retrying_contention(build: Callable[[], Transaction], failures: dict[str, DomainError], *,
                               attempts: int = 5, pause: float = 0.02) -> None:
    """Commit the transaction `build()` makes. One DynamoDB cancelled only because another writer touched one of its
    items at the same moment (TransactionConflict: members voting at once on one item, ballots on one shard) is built
    again and retried, up to `attempts`; then 409 BUSY. A failed condition raises its domain error at once."""
    for attempt in range(attempts):
        try:
            build().commit(failures=failures)
            return
        except TransactionCancelled as error:
            if not error.contention:
                raise
            time.sleep(pause * (attempt + 1))
    raise Conflict("동시에 처리 중입니다. 다시 시도해 주세요.", code="BUSY")


@dataclass
class Page:
    items: list[Any]
    next_token: str | None


class InvalidPageToken(RuleViolation):
    code = "INVALID_TOKEN"
    message = "next_token 이 올바르지 않습니다."


def query_page(source: Any, hash_value: str, token: str | None, **query: Any) -> Page:
    """One page of `source.query(hash_value, **query)` (a model or one of its indexes), resumed after `token`.

    The token is the page's LastEvaluatedKey, base64url JSON. A token that is not one — not exactly the key
    attributes such a query's LastEvaluatedKey carries, or pointing into another partition than the one queried —
    is refused (`InvalidPageToken`) before DynamoDB sees it; one DynamoDB still finds invalid (a start key outside
    the query's range condition, an oversized value) is refused the same way."""
    start = _start_key(token, source, hash_value)
    try:
        results = source.query(hash_value, last_evaluated_key=start, **query)
        items = list(results)
    except QueryError as error:
        if start is not None and error.cause_response_code == "ValidationException":
            raise InvalidPageToken() from error
        raise
    key = results.last_evaluated_key
    return Page(items, base64.urlsafe_b64encode(json.dumps(key).encode()).decode() if key else None)


def _key_attributes(source: Any) -> tuple[str, dict[str, str]]:
    """The attribute a query on `source` is partitioned by, and every attribute its LastEvaluatedKey carries with
    its DynamoDB type: the table's key, and for an index also the index's key."""
    schemas = [source._get_schema()]
    if hasattr(source, "_model"):  # an index: its key and its table's
        schemas.append(source._model._get_schema())
    names = {k["AttributeName"] for schema in schemas for k in schema["key_schema"]}
    types = {d["AttributeName"]: d["AttributeType"] for schema in schemas for d in schema["attribute_definitions"]
             if d["AttributeName"] in names}
    hash_name = next(k["AttributeName"] for k in schemas[0]["key_schema"] if k["KeyType"] == "HASH")
    return hash_name, types


_NUMBER = re.compile(r"^-?\d{1,38}(\.\d{1,38})?$")


def _start_key(token: str | None, source: Any, hash_value: str) -> dict[str, Any] | None:
    if not token:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, RecursionError, binascii.Error) as error:
        raise InvalidPageToken() from error
    hash_name, types = _key_attributes(source)
    if not isinstance(key, dict) or set(key) != set(types) or key[hash_name] != {"S": hash_value}:
        raise InvalidPageToken()
    for name, value in key.items():
        typed = isinstance(value, dict) and len(value) == 1 and isinstance(value.get(types[name]), str)
        if not typed or not value[types[name]] or (types[name] == "N" and not _NUMBER.match(value["N"])):
            raise InvalidPageToken()
    return key
