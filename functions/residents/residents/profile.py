"""A resident's own record: what the county holds about them, their contact and notification preferences, and
withdrawal. The first call of a newly signed-up resident creates the record (docs/decisions.md, 2026-11-30)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from common.clock import now
from common.county import county
from common.identity import Caller, Role
from contracts.residents import ResidentWithdrawn
from residents.clients import cognito
from residents.rules.profile import ContactChange, changed, erase_at, held_data, must_be_active, used_today
from residents.storage import profile as store


def me(caller: Caller, sign_in: dict[str, str | None]) -> dict[str, Any]:
    """The record, noting the day's first use (which moves when its personal data would be erased)."""
    caller.require(Role.RESIDENT)
    at, section = now(), county().residents
    profile = must_be_active(store.get_or_create(caller.subject, at))
    if not used_today(profile, at):
        profile = must_be_active(store.touch(profile, at, erase_at(replace(profile, last_used_at=at), section)))
    return held_data(profile, section, sign_in)


def update(caller: Caller, change: ContactChange, sign_in: dict[str, str | None]) -> dict[str, Any]:
    caller.require(Role.RESIDENT)
    at, section = now(), county().residents
    profile = must_be_active(store.get_or_create(caller.subject, at))
    new = replace(changed(profile, change, at), last_used_at=at)
    saved = store.save(new, at, erase_at(new, section))
    return held_data(saved, section, sign_in)


def withdraw(caller: Caller) -> None:
    """Erase the record (a tombstone stays), publish `ResidentWithdrawn`, delete the sign-in. Safe to repeat: a second
    call finds the tombstone and only makes sure the sign-in is gone."""
    caller.require(Role.RESIDENT)
    store.withdraw(caller.subject, now(), ResidentWithdrawn(resident_id=caller.subject).envelope())
    cognito.delete_user(caller.subject)
