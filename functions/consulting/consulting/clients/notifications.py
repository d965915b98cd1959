"""The notification port: a decision on a consulting case (반려, 접수, 보완 요청, 의견 회신, 위원회 의결,
면책 결정) and a deadline of the requester's own (보완 기한) or one the county missed go to the requester (an
official's employee number; the directory's channel for them is the adapter's business) and their department.
No provider ships: the fake keeps what it would have sent in `SENT` (local mode and the tests read it); a
county's adapter (the groupware's messenger, SES) replaces `send`. Nothing here logs a recipient."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    employee_no: str | None
    department: str | None
    case_id: str
    subject: str
    text: str


SENT: list[Notice] = []


def send(notice: Notice) -> None:
    SENT.append(notice)
