"""The minutes (회의록) of a meeting: attendance, each item's recusals with their grounds, challenges (기피) and their
decisions, the motion, the tally and the resolution — as one document (JSON) and as sections of rows (XLSX).

Pure: the caller gathers the records. Individual votes never appear here, only their tally (the individual votes are
read by the secretary and the chair on the item's tally route). The committee keeps member ids, never names: the
minutes name members by id with their role (위원장, 위원), civilian or ex officio, and the audit head; the secretary
adds the names from the directory's roster when the minutes are signed (the note says so)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

NAMES_NOTE = ("위원은 위원 ID(당연직 EMP-<사번>, 위촉 CIV-…)로 적습니다. 이름은 위원회 명단(인사 정보)에서 간사가 "
              "확인해 적습니다. 개별 표결 내용은 회의록에 적지 않고 집계만 적습니다. 내부 문서입니다.")
KIND_KO = {"regular": "정기회의", "ad_hoc": "수시회의", "written": "서면회의"}
OUTCOME_KO = {"passed": "가결", "rejected": "부결", "no_quorum": "의결정족수 미달", "resolved": "의결 (후보별)",
              "undecided": "미결 (과반 없는 후보 있음)"}
CHOICE_KO = {"for": "찬성", "against": "반대", "abstain": "기권"}


class MemberLine(BaseModel):
    member_id: str
    role: str  # 위원장 | 위원
    civilian: bool
    audit_head: bool = False
    present: bool


class RecusalLine(BaseModel):
    member_id: str
    grounds: list[str]  # the grounds in Korean (제척, 기피 인용, 회피)
    reason: str | None = None  # a stepping aside's own words


class ChallengeLine(BaseModel):
    member_id: str
    reasons: str
    decision: str  # 인용 | 기각 | 결정 전
    counts: dict[str, int] | None = None


class CandidateLine(BaseModel):
    candidate: str
    option: str | None
    counts: dict[str, int]


class ItemMinutes(BaseModel):
    item_id: str
    kind: str
    title: str
    summary: str
    origin_area: str | None = None
    origin_case_id: str | None = None
    recusals: list[RecusalLine]
    challenges: list[ChallengeLine]
    eligible: int  # the sitting less the recused
    present: int
    needed: int
    quorum_met: bool
    counts: dict[str, int]  # a motion's for / against / abstain
    candidates: list[CandidateLine] | None = None  # a selection's per-candidate result
    status: str  # OPEN | CLOSING | RESOLVED
    outcome: str | None  # the resolution (once resolved)
    outcome_ko: str
    resolved_at: str | None = None


class Minutes(BaseModel):
    meeting_id: str
    kind: str
    title: str
    held_on: date | None
    window_closes_on: date | None = None
    opened_at: str | None = None
    closed_at: str | None = None
    chair_id: str
    presiding_id: str | None = None  # 직무대행: the member who presided in the chair's stead
    presiding_reason: str | None = None
    attendance: list[MemberLine]
    items: list[ItemMinutes]
    note: str = NAMES_NOTE


def _who(line: MemberLine) -> str:
    kind = "위촉(민간)" if line.civilian else "당연직"
    return f"{kind}{', 감사기구의 장' if line.audit_head else ''}"


def _tally(item: ItemMinutes) -> str:
    if item.candidates is not None:
        return "; ".join(f"{c.candidate}: {c.option or '과반 없음'} ("
                         + ", ".join(f"{k} {v}" for k, v in c.counts.items()) + ")" for c in item.candidates)
    return ", ".join(f"{CHOICE_KO.get(k, k)} {item.counts.get(k, 0)}" for k in CHOICE_KO)


def sections(minutes: Minutes) -> dict[str, list[list[object]]]:
    """The minutes as sheets of rows (the first row of each its header): 회의, 출석, 안건·의결, 제척·기피·회피."""
    day = minutes.held_on or minutes.window_closes_on
    meeting = [["항목", "내용"], ["회의", minutes.title], ["종류", KIND_KO.get(minutes.kind, minutes.kind)],
               ["회의일" if minutes.held_on else "회신 마감일", day.isoformat() if day else ""],
               ["개회", minutes.opened_at or ""], ["폐회", minutes.closed_at or ""], ["위원장", minutes.chair_id],
               *([["직무대행", f"{minutes.presiding_id} ({minutes.presiding_reason or ''})"]]
                 if minutes.presiding_id else []),
               ["출석", f"{sum(m.present for m in minutes.attendance)} / {len(minutes.attendance)}명"],
               ["비고", minutes.note]]
    attendance = [["위원 ID", "직위", "구분", "출석"]]
    attendance += [[m.member_id, m.role, _who(m), "출석" if m.present else "불출석"] for m in minutes.attendance]
    items = [["안건 ID", "종류", "안건", "요지", "제척·기피·회피 (명)", "의결 대상 (명)", "출석 (명)", "의결정족수",
              "집계", "의결 결과", "의결 일시"]]
    recusals = [["안건 ID", "안건", "위원 ID", "구분", "사유", "비고 (회피 사유, 기피 결정)"]]
    for item in minutes.items:
        items.append([item.item_id, item.kind, item.title, item.summary, len(item.recusals), item.eligible,
                      item.present, item.needed, _tally(item), item.outcome_ko, item.resolved_at or ""])
        recusals += [[item.item_id, item.title, r.member_id, "제외", ", ".join(r.grounds), r.reason or ""]
                     for r in item.recusals]
        recusals += [[item.item_id, item.title, c.member_id, "기피 신청", c.reasons, c.decision]
                     for c in item.challenges]
    return {"회의": meeting, "출석": attendance, "안건·의결": items, "제척·기피·회피": recusals}


def outcome_ko(status: str, outcome: str | None, projected: str) -> str:
    """The resolution in Korean; before it, what the tally would make it now."""
    if status == "RESOLVED" and outcome:
        return OUTCOME_KO.get(outcome, outcome)
    return f"미의결 (현재 집계: {OUTCOME_KO.get(projected, projected)})"
