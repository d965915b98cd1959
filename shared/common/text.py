"""Free text as every model takes it: what people type, never what steers a terminal, a log line or a screen.

    act_title: SingleLineText = Field(min_length=2, max_length=200)
    act_description: MultiLineText = Field(default="", max_length=2000)

Refused everywhere: control characters (C0, DEL, C1), bidirectional overrides and isolates (U+202A–U+202E,
U+2066–U+2069: they make "txt.exe" read as "exe.txt") and lone surrogates (not text; they cannot be stored as UTF-8).
Multi-line text keeps line breaks and tabs; a Windows line break (CR LF) is stored as LF, a lone CR is refused.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_NOT_IN_A_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}\ud800-\udfff]")
_NOT_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}\ud800-\udfff]")  # \t and \n allowed

FORBIDDEN_CHARACTER = "text_forbidden_character"  # the pydantic error type (Korean message in common.http)


def forbidden_in_line(text: str) -> str | None:
    """The first character a single line of text may not hold, or None."""
    found = _NOT_IN_A_LINE.search(text)
    return found.group() if found else None


def forbidden_in_text(text: str) -> str | None:
    """The first character multi-line text may not hold, or None."""
    found = _NOT_IN_TEXT.search(text)
    return found.group() if found else None


def _refuse(character: str) -> PydanticCustomError:
    return PydanticCustomError(FORBIDDEN_CHARACTER, "text may not contain the character U+{code}",
                               {"code": f"{ord(character):04X}"})


def _single_line(value: str) -> str:
    if (character := forbidden_in_line(value)) is not None:
        raise _refuse(character)
    return value


def _multi_line(value: str) -> str:
    value = value.replace("\r\n", "\n")
    if (character := forbidden_in_text(value)) is not None:
        raise _refuse(character)
    return value


SingleLineText = Annotated[str, AfterValidator(_single_line)]
MultiLineText = Annotated[str, AfterValidator(_multi_line)]
