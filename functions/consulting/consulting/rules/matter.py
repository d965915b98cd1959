"""The matter key an opinion is registered under, so that an auditor looking at an audited act finds the opinions on
the same matter with one index query: a matter code the requester picks (e.g. `ROAD-OCCUPANCY`), normalised."""

from __future__ import annotations

import re
import unicodedata

from common.errors import InvalidInput

_ALLOWED = re.compile(r"^[0-9A-Z가-힣][0-9A-Z가-힣-]{0,39}$")


def matter_code(text: str) -> str:
    """Upper-case, NFC, spaces and underscores as hyphens, hyphens collapsed; 1–40 of letters, digits, Hangul."""
    code = unicodedata.normalize("NFC", text).strip().upper()
    code = re.sub(r"[\s_]+", "-", code)
    code = re.sub(r"-{2,}", "-", code).strip("-")
    if not _ALLOWED.match(code):
        raise InvalidInput("사안 코드는 영문·숫자·한글과 '-'로 40자 이내여야 합니다.", code="INVALID_MATTER_CODE",
                           details={"matter_code": text})
    return code
