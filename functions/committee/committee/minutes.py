"""The minutes (회의록) of a meeting, for the secretary and the meeting's chair only (they are internal): gathered
from the meeting, its items, declarations, challenges and the tallies recomputed from the stored votes, then laid out
by `rules/minutes` as JSON or XLSX. Individual votes stay out (only their tally)."""

from __future__ import annotations

import io

from committee import agenda, meetings, members, minutes_font, voting
from committee.rules import minutes as layout
from committee.rules.minutes import CandidateLine, ChallengeLine, ItemMinutes, MemberLine, Minutes, RecusalLine
from committee.rules.offices import is_secretary, rules
from committee.rules.recusal import GROUND_KO, standing
from committee.storage import agenda as agenda_store
from committee.storage import challenges as challenge_store
from committee.storage.items import AgendaItem, MeetingItem
from common.errors import Forbidden
from common.identity import Caller


def minutes(who: Caller, meeting_id: str) -> Minutes:
    meeting = meetings.get(meeting_id)
    if not (is_secretary(who) or meetings.chairs(who, meeting)):
        raise Forbidden("회의록은 간사와 그 회의의 위원장만 볼 수 있습니다.", code="NOT_SECRETARY_OR_CHAIR")
    known = members.all_members()
    plan = meetings.as_schedule(meeting)
    present = set(meeting.present or [])
    roles = {meeting.chair_id: "위원장", **({meeting.presiding_id: "위원장 직무대행"} if meeting.presiding_id else {})}
    attendance = [MemberLine(member_id=m, role=roles.get(m, "위원"),
                             civilian=bool(known[m].civilian) if m in known else False,
                             audit_head=bool(known[m].audit_head) if m in known else False, present=m in present)
                  for m in [meeting.chair_id, *meeting.designated]]
    items = [_item(item, meeting) for item in agenda_store.items_of_meeting(meeting_id)]
    if meeting.kind == "written":  # attendance is the votes that arrived in the window (the same for every item)
        voted = {m for item in items for m in item.voters}
        attendance = [line.model_copy(update={"present": line.member_id in voted}) for line in attendance]
    return Minutes(meeting_id=meeting_id, kind=meeting.kind, title=meeting.title, held_on=plan.held_on,
                   window_closes_on=plan.ends_on(meetings.statutory_time()) if plan.window else None,
                   opened_at=meeting.opened_at, closed_at=meeting.closed_at, chair_id=meeting.chair_id,
                   presiding_id=meeting.presiding_id, presiding_reason=meeting.presiding_reason,
                   attendance=attendance, items=[i.minutes for i in items])


class _Gathered:
    def __init__(self, minutes: ItemMinutes, voters: frozenset[str]):
        self.minutes, self.voters = minutes, voters


def _item(item: AgendaItem, meeting: MeetingItem) -> _Gathered:
    resolution, counted, _votes = voting.tally(item, meeting)
    declarations, step_asides = voting.declared_on(item.item_id)
    challenges = voting.challenges_of(item.item_id)
    rule_item, known = agenda.rule_item(item), members.all_members()
    reasons = {d.member_id: d.reason for d in agenda_store.declarations(item.item_id) if d.stepped_aside}
    recusals = []
    for member_id in [meeting.chair_id, *meeting.designated]:
        if member_id not in known:
            continue
        grounds = standing(known[member_id], rule_item, rules(), declarations=declarations, challenges=challenges,
                           step_asides=step_asides).grounds
        if grounds:
            recusals.append(RecusalLine(member_id=member_id, grounds=[GROUND_KO[g] for g in grounds],
                                        reason=reasons.get(member_id)))
    challenge_lines = [ChallengeLine(member_id=c.member_id, reasons=c.reasons, counts=c.counts,
                                     decision="결정 전" if c.upheld is None else "인용" if c.upheld else "기각")
                       for c in challenge_store.challenges(item.item_id)]
    selection = getattr(resolution, "candidates", None)
    projected = resolution.outcome.value
    out = ItemMinutes(
        item_id=item.item_id, kind=item.kind, title=item.title, summary=item.summary or "",
        origin_area=item.origin_area, origin_case_id=item.origin_case_id, recusals=recusals,
        challenges=challenge_lines, eligible=len(counted.eligible), present=len(counted.present),
        needed=counted.needed, quorum_met=counted.met, counts=dict(getattr(resolution, "counts", {}) or {}),
        candidates=[CandidateLine(candidate=c, option=r.option, counts=dict(r.counts)) for c, r in selection.items()]
        if selection is not None else None,
        status=item.status, outcome=item.outcome if item.status == "RESOLVED" else None,
        outcome_ko=layout.outcome_ko(item.status, item.outcome, projected), resolved_at=item.resolved_at)
    return _Gathered(out, counted.present)


def to_xlsx(minutes: Minutes) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for title, rows in layout.sections(minutes).items():
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(minutes: Minutes) -> bytes:
    """The same sections as the XLSX, as tables in a landscape A4 PDF. The Korean is set in Noto Sans CJK (its
    Japanese-region file carries the full Hangul set), embedded as a subset so it renders without installed fonts."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"회의록 {minutes.title}")
    pdf.add_font("noto", fname=str(minutes_font.font_path()))
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("noto", size=14)
    pdf.cell(0, 10, f"적극행정위원회 회의록 — {minutes.title}", new_x="LMARGIN", new_y="NEXT")
    for title, rows in layout.sections(minutes).items():
        pdf.set_font("noto", size=11)
        pdf.cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("noto", size=8)
        with pdf.table(headings_style=FontFace(fill_color=(230, 230, 230)), line_height=5) as table:
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell("" if value is None else str(value))
        pdf.ln(4)
    return bytes(pdf.output())
