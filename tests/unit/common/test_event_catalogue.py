"""docs/events.md and the event models say the same: every model of a publishing area has its row, every row its
model, and every field of a model is named in its row (directly, or through the row it says it is "as")."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from common.events import events_of

ROOT = Path(__file__).resolve().parents[3]
PUBLISHERS = sorted(p.stem for p in (ROOT / "shared" / "contracts").glob("*.py") if p.stem != "__init__")


def catalogue_rows(area: str) -> dict[str, str]:
    """detail type → its row's data column, from the area's section of docs/events.md."""
    text = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    section = re.search(rf"^## jeokgeuk\.{area}\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    assert section, f"docs/events.md has no section for jeokgeuk.{area}"
    rows = {}
    for line in section.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"`[A-Z][A-Za-z]+`", cells[0]):
            rows[cells[0].strip("`")] = cells[2]
    return rows


def named_fields(rows: dict[str, str], detail_type: str) -> set[str]:
    data = rows[detail_type]
    names = set(re.findall(r"`([a-z_]+)`", data))
    for other in re.findall(r"as `([A-Z][A-Za-z]+)`", data):
        names |= named_fields(rows, other)
    return names


def test_there_are_publishers():
    assert {"directory", "mileage"} <= set(PUBLISHERS)


@pytest.mark.parametrize("area", PUBLISHERS)
def test_the_catalogue_lists_exactly_the_models(area):
    models = {m.detail_type() for m in events_of(importlib.import_module(f"contracts.{area}"))}
    assert set(catalogue_rows(area)) == models


@pytest.mark.parametrize("area", PUBLISHERS)
def test_every_field_of_a_model_is_in_its_row(area):
    rows = catalogue_rows(area)
    missing = {m.detail_type(): sorted(set(m.model_fields) - named_fields(rows, m.detail_type()))
               for m in events_of(importlib.import_module(f"contracts.{area}"))}
    assert {k: v for k, v in missing.items() if v} == {}
