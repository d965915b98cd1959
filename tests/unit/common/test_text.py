"""One text type for every model's free text: no control characters, no bidi overrides or isolates (issue #8 §5)."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from common.http import field_errors
from common.text import MultiLineText, SingleLineText, forbidden_in_line


class Note(BaseModel):
    title: SingleLineText
    body: MultiLineText = ""


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\t", "\n", "\r", "\x7f", "\x85", "\x9f",
                                       "\u202a", "\u202e", "\u2066", "\u2069", "\ud800"])
def test_a_single_line_refuses_control_bidi_and_surrogate_characters(character):
    with pytest.raises(ValidationError) as refused:
        Note(title=f"a{character}b")
    (error,) = refused.value.errors()
    assert error["type"] == "text_forbidden_character" and error["loc"] == ("title",)


@pytest.mark.parametrize("character", ["\x00", "\x07", "\r", "\x7f", "\x85", "\u202e", "\u2067"])
def test_multi_line_text_refuses_them_too(character):
    with pytest.raises(ValidationError):
        Note(title="제목", body=f"첫 줄{character}둘째 줄")


def test_multi_line_text_keeps_line_breaks_and_tabs_and_stores_crlf_as_lf():
    assert Note(title="제목", body="첫 줄\r\n\t둘째 줄\n").body == "첫 줄\n\t둘째 줄\n"


def test_ordinary_korean_and_punctuation_pass_as_written():
    text = "복지과와 합동 현장점검 (2026-11-20) — 「민원」 처리 · 100% ‘완료’ 🎉"
    assert Note(title=text).title == text and forbidden_in_line(text) is None


def test_the_issue_example_is_refused_with_a_korean_field_message():
    with pytest.raises(ValidationError) as refused:
        Note(title="a\u0000b\u0007c\u202e")
    (detail,) = field_errors(list(refused.value.errors()))
    assert detail["field"] == "title" and detail["type"] == "text_forbidden_character"
    assert detail["message"] == "제어 문자나 글자 방향을 바꾸는 문자는 쓸 수 없습니다."


@pytest.mark.parametrize("character", ["\x00", "\t", "\x85", "\u202e", "\u2066"])
def test_the_roster_import_refuses_the_same_characters_in_a_cell(character):
    from directory.rules.roster import parse_staff

    text = f"사번,성명,부서코드,직급,고용형태\n2026999,홍{character}길동,FIN,7,일반직\n"
    _, problems = parse_staff(text.encode(), employment_types=["일반직"])
    assert [(p.row, p.column) for p in problems] == [(2, "성명")]
