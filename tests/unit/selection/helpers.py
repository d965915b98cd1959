"""A selection section for the rules' tests: the demo's, with overrides."""

from __future__ import annotations

from typing import Any

from common.county import county
from common.county_selection import SelectionSection


def section(**override: Any) -> SelectionSection:
    return SelectionSection.model_validate({**county().selection.model_dump(), **override})
