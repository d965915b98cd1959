"""Department deputies (직무대리): one item per department."""

from __future__ import annotations

from mileage.storage.items import Deputy
from mileage.storage.table import get_item


def get_deputy(department: str) -> Deputy | None:
    return get_item(Deputy, Deputy.key(department), "META")


def save_deputy(deputy: Deputy) -> None:
    deputy.save()  # one deputy per department: a new designation replaces the old


def delete_deputy(department: str) -> None:
    Deputy.of(department).delete()
