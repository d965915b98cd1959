"""The notification port: the result notice to the reporter's email or phone (시행령 §31: the handler's department,
name and contact, the reasons and the remedies). No provider ships: the fake keeps what it would have sent in
`SENT` (local mode and the tests read it); a county's adapter (SES, an SMS gateway) replaces `send`. Nothing here
logs a recipient."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    email: str | None
    phone: str | None
    subject: str
    text: str


SENT: list[Notice] = []


def send(notice: Notice) -> None:
    SENT.append(notice)
