"""Request and response bodies of the committee API (OpenAPI descriptions in Korean)."""

from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import Field, model_validator

from common.bodies import Body, RequestBody
from common.text import MultiLineText, SingleLineText
from contracts.committee import ItemKind

MemberId = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="위원 ID (당연직 EMP-<사번>, 위촉 CIV-…)")


class BreachOut(Body):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class MemberOut(Body):
    member_id: str
    civilian: bool
    gender: str | None
    term_start: date | None
    term_end: date | None
    employee_no: str | None
    department: str | None
    audit_head: bool
    chair: bool


class RosterOut(Body):
    members: list[MemberOut]
    breaches: list[BreachOut] = Field(description="구성 기준 위반 (거부하지 않고 표시)")


class PartyIn(RequestBody):
    employee_no: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{1,20}$", description="당사자 직원 사번")
    department: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,20}$", description="당사자 부서 코드")
    name: SingleLineText | None = Field(default=None, max_length=100, description="외부 당사자 이름 (제척 확인용)")

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not (self.employee_no or self.name):
            raise ValueError("당사자는 사번이나 이름이 있어야 합니다.")
        return self


class ItemIn(RequestBody):
    kind: ItemKind
    title: SingleLineText = Field(min_length=1, max_length=200)
    summary: MultiLineText = Field(default="", max_length=4000)
    documents: list[SingleLineText] = Field(default=[], max_length=50, description="증빙 버킷의 문서 키")
    parties: list[PartyIn] = Field(default=[], max_length=100, description="제척 판단에 쓰는 당사자")
    received_at: datetime | None = Field(default=None, description="의견제시 요청을 받은 일시 (30일 기한의 시작)")
    candidates: list[SingleLineText] = Field(default=[], max_length=200,
                                             description="선발 안건: 후보마다 의결 (후보 사번)")
    options: list[SingleLineText] = Field(default=[], max_length=10,
                                          description="선발 안건의 선택지 (등급, 미선발)")

    @model_validator(mode="after")
    def _selection(self) -> Self:
        if bool(self.candidates) != (len(self.options) >= 2):
            raise ValueError("후보별 의결에는 후보와 두 개 이상의 선택지가 함께 있어야 합니다.")
        return self


class DueFlagOut(Body):
    flagged: bool
    code: str
    due_day: date | None
    message: str


class ItemOut(Body):
    item_id: str
    kind: str
    title: str
    status: str
    outcome: str | None = None
    resolved_at: str | None = None
    view: Literal["full", "party"] = Field(description="party: 당사자에게는 상태와 의결 결과만")
    origin_area: str | None = None
    origin_case_id: str | None = None
    summary: str | None = None
    documents: list[str] | None = None
    parties: list[dict[str, Any]] | None = None
    meeting_id: str | None = None
    counts: dict[str, Any] | None = None
    candidates: list[str] | None = None
    options: list[str] | None = None
    audit_opinion: dict[str, Any] | None = Field(default=None, description="감사기구의 장 의견 (요청된 경우)")
    hearings: list[dict[str, Any]] | None = Field(default=None, description="전문가 의견 청취 (인사위원회 대행 시)")
    due: DueFlagOut | None = None


class PartyItemOut(Body):
    """What a party sees of their own item: nothing of its votes, members, other parties or documents."""

    item_id: str
    kind: str
    title: str
    status: str = Field(description="OPEN (심의 중) | CLOSING | RESOLVED (의결)")
    meeting_on: date | None = Field(description="배정된 회의일 (서면회의: 회신 마감일)")
    outcome: str | None = Field(description="의결 결과 (의결된 경우)")
    resolved_at: str | None = None


class PartyItemList(Body):
    items: list[PartyItemOut]
    next_token: str | None = None


class ItemList(Body):
    items: list[ItemOut]
    next_token: str | None = None


class MeetingIn(RequestBody):
    kind: Literal["regular", "ad_hoc", "written"]
    title: SingleLineText = Field(min_length=1, max_length=200)
    held_on: date | None = Field(default=None, description="회의일 (정기·수시). 서면회의는 회신 기간이 지금 시작")
    chair_id: str = MemberId
    designated: list[str] = Field(default=[], max_length=45, description="위원장 외에 이 회의에 지정한 위원")


class MeetingOut(Body):
    meeting_id: str
    kind: str
    title: str
    held_on: date | None
    window_closes_on: date | None = Field(description="서면회의 회신 마감일")
    chair_id: str
    designated: list[str]
    present: list[str]
    items: list[str]
    breaches: list[BreachOut] = Field(description="회의 구성 기준 위반 (거부하지 않고 표시)")
    state: Literal["planned", "open", "closed"] = Field(
        default="planned", description="위원장의 개회 전(planned), 개회 중(open: 출석·표결·의결), 폐회(closed)")
    opened_at: str | None = None
    closed_at: str | None = None
    presiding_id: str | None = Field(default=None, description="직무대행: 위원장 대신 진행하는 위원 (없으면 위원장)")
    presiding_reason: str | None = None


class MeetingClosedOut(MeetingOut):
    unresolved: list[str] = Field(description="의결되지 않은 채 폐회한 안건 (다른 회의에 배정할 것)")


class MeetingList(Body):
    meetings: list[MeetingOut]


class PresidingIn(RequestBody):
    member_id: str | None = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$",
                                  description="위원장 대신 회의를 진행할 위원 (직무대행); null: 위원장이 다시 진행")
    reason: SingleLineText | None = Field(default=None, max_length=200, description="사유 (직무대행을 정할 때 필수)")


class AttendanceIn(RequestBody):
    present: list[str] = Field(max_length=46, description="출석한 위원 ID")


class HearingIn(RequestBody):
    experts: list[SingleLineText] = Field(min_length=1, max_length=10, description="의견을 들은 전문가 (이름·분야)")
    summary: MultiLineText = Field(min_length=1, max_length=4000, description="의견 요지")


class ExtensionIn(RequestBody):
    reason: SingleLineText = Field(min_length=1, max_length=500, description="연장 사유")


class OpinionIn(RequestBody):
    opinion: MultiLineText = Field(min_length=1, max_length=8000, description="감사기구의 장의 의견")


class DeclarationIn(RequestBody):
    grounds: list[Literal["spouse_or_relative", "advised_or_testified", "agent"]] = Field(
        default=[], description="스스로 신고하는 제척 사유 (없으면 빈 목록: 사유 없음 신고)")
    step_aside: bool = Field(default=False, description="회피: 이 안건에서 스스로 빠짐")
    reason: SingleLineText | None = Field(default=None, max_length=500)
    member_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$",
                                  description="간사가 서명한 서면 신고를 대신 기록할 때의 위원 ID")


class DeclarationOut(Body):
    item_id: str
    member_id: str
    grounds: list[str]
    stepped_aside: bool


class VoteIn(RequestBody):
    choice: Literal["for", "against", "abstain"] | None = Field(default=None, description="안건 표결")
    choices: dict[str, str] | None = Field(default=None, description="선발 안건: 후보 → 선택지 (모든 후보)")
    member_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$",
                                  description="간사가 서명한 서면 표결을 대신 기록할 때의 위원 ID")


class VoteOut(Body):
    member_id: str
    choice: str
    choices: dict[str, str] | None = None
    cast_at: str
    on_paper: bool


class TallyOut(Body):
    item_id: str
    outcome: str
    counts: dict[str, int]
    present: int
    eligible: int
    needed: int
    quorum_met: bool
    candidates: dict[str, Any] | None = Field(default=None, description="선발 안건: 후보마다 {option, counts}")
    votes: list[VoteOut] | None = Field(default=None, description="개별 표결: 간사와 위원장만")


class ChallengeIn(RequestBody):
    member_id: str = MemberId
    reasons: MultiLineText = Field(min_length=1, max_length=2000, description="기피 신청 이유")


class ChallengeVoteIn(RequestBody):
    choice: Literal["for", "against", "abstain"] = Field(description="for: 기피를 인용, against: 기각")


class ChallengeOut(Body):
    challenge_id: str
    item_id: str
    member_id: str
    reasons: str
    upheld: bool | None = Field(description="null: 결정 전 (그동안 그 위원은 이 안건에 표결할 수 없음)")
    counts: dict[str, int] | None = None
