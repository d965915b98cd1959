"""Intake: a signed-in resident's report, an anonymous one (where the county allows it), and the cases the audit
office opens itself (an audit-initiated inspection, with no reporter; a case transferred from 국민신문고 / the ACRC
with its original number).

The reporter gets a receipt number and a secret, shown once and stored only as a slow hash (`rules.secrets`); their
name and contact are KMS-encrypted, each field bound to the case (`common.crypto`, record `complaint#<case id>`), in
an item of their own that only the reveal and the result notice read."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from common import evidence
from common.clock import now
from common.crypto import encrypt_field
from common.errors import Conflict, Forbidden, RuleViolation
from common.identity import Caller, Role
from common.offices import Duty
from complaints import clocks, staff
from complaints.clients import links
from complaints.models import OpenCaseIn, ReceiptOut, ReporterIn, ReportIn, ResidentReportIn, UploadOut
from complaints.rules import protection
from complaints.rules import secrets as receipt_secrets
from complaints.rules.lifecycle import Status
from complaints.rules.offices import require, rules
from complaints.storage import cases as stored

UPLOAD_SECONDS = 15 * 60
LOST_SECRET = "비밀번호는 다시 보여 드리지 않습니다. 잃어버리면 새로 신고해 주세요 (이 신고와 연결해 처리합니다)."


def record(case_id: str) -> str:
    """The encryption context's record of a case's reporter."""
    return f"complaint#{case_id}"


def submit_anonymous(report: ReportIn) -> ReceiptOut:
    section = rules()
    if not section.anonymous_allowed:
        raise Forbidden("이 지자체는 익명 신고를 받지 않습니다. 로그인한 뒤 신고해 주세요.",
                        code="ANONYMOUS_NOT_ALLOWED")
    follow = section.anonymous_may_follow
    return _submit(report, channel="anonymous", reporter=None, resident=None, follow=follow)


def submit_as_resident(who: Caller, report: ResidentReportIn) -> ReceiptOut:
    if not who.has(Role.RESIDENT):
        raise Forbidden("주민 로그인으로만 신고할 수 있습니다.", code="RESIDENT_ONLY")
    return _submit(report, channel="resident", reporter=report.reporter, resident=who.subject, follow=True)


def open_case(who: Caller, body: OpenCaseIn) -> dict[str, Any]:
    """The audit office opens a case: an inspection of its own (no reporter, no receipt) or a transferred one
    (its reporter, if the transfer names one, encrypted like any other; no receipt: they follow it at the origin)."""
    require(who, Duty.COMPLAINTS_INTAKE)
    rules()
    if body.channel == "transferred" and not body.original_no:
        raise RuleViolation("이송받은 신고는 원 번호(국민신문고·권익위)가 있어야 합니다.", code="ORIGINAL_NO_REQUIRED")
    if body.channel == "audit" and body.reporter is not None:
        raise RuleViolation("감사부서가 스스로 여는 조사에는 신고인이 없습니다.", code="NO_REPORTER_ON_INSPECTION")
    case_id, at = _new_id(), now()
    reporter = _encrypt(case_id, body.reporter, None) if body.reporter else None
    clock, alarm = (None, None)
    if body.reporter is not None:  # a 민원인: the answer period runs from the transfer's receipt
        clock, alarm = clocks.start(rules().periods.grievance, at=at, by=who.employee_no or "", reason="이송 접수")
    case = stored.create(_fields(body, case_id, at, channel=body.channel, anonymous=body.reporter is None,
                                 status=Status.RECEIVED, original_no=body.original_no, created_by=who.employee_no,
                                 received_at=at.isoformat(), petition_type="grievance" if clock else None,
                                 clock=clock.model_dump_json() if clock else None),
                         reporter=reporter, receipt=None, first_alarm=alarm)
    return {"case_id": case.case_id}


def _submit(report: ReportIn, *, channel: str, reporter: ReporterIn | None, resident: str | None,
            follow: bool) -> ReceiptOut:
    _check_attachments(report)
    at = now()
    secret = receipt_secrets.new_secret() if follow else None
    secret_hash = receipt_secrets.SecretHash.of(secret).text if secret else None
    clock, alarm = (None, None)
    if channel != "anonymous":  # online intake acknowledged within the county's intake period (8 working hours)
        clock, alarm = clocks.start(rules().periods.intake_ack, at=at, by="system", reason="온라인 접수")
    link = links.link(resident) if resident else None  # the signed-in resident's reports are listed by it
    for _ in range(3):  # a receipt number already taken (2^40 of them a year): draw another
        case_id = _new_id()
        receipt_no = receipt_secrets.new_receipt_no(at.year)
        try:
            stored.create(
                _fields(report, case_id, at, channel=channel, anonymous=reporter is None, status=Status.SUBMITTED,
                        receipt_no=receipt_no, clock=clock.model_dump_json() if clock else None),
                reporter=_encrypt(case_id, reporter, resident) if reporter or resident else None,
                receipt={"receipt_no": receipt_no, "case_id": case_id, "secret_hash": secret_hash},
                first_alarm=alarm, link=link)
            break
        except Conflict as error:
            if error.code != "RECEIPT_TAKEN":
                raise
    else:  # pragma: no cover - three collisions in a space of 2^40
        raise Conflict("접수번호를 만들지 못했습니다. 다시 시도해 주세요.", code="RECEIPT_TAKEN")
    uploads = _uploads(case_id, report)
    if secret is None:
        return ReceiptOut(receipt_no=receipt_no, secret=None, uploads=uploads,
                          message="접수되었습니다. 익명 신고는 처리 결과를 회신하지 않으며, "
                                  "이 지자체는 진행 상황 조회도 제공하지 않습니다.")
    return ReceiptOut(receipt_no=receipt_no, secret=secret, uploads=uploads,
                      message="접수번호와 비밀번호로 처리 상황을 보고 담당자와 메시지를 주고받을 수 있습니다. "
                              + LOST_SECRET)


def attachment_key(case_id: str, index: int) -> str:
    """Where a report's attachment lives in the stack's evidence bucket (the complaints' prefix)."""
    return f"complaints/{case_id}/{index}"


def _uploads(case_id: str, report: ReportIn) -> list[UploadOut]:
    """A presigned POST per declared attachment: its key, its type and at most its declared size."""
    out = []
    for index, file in enumerate(report.attachments):
        post = evidence.presigned_upload(attachment_key(case_id, index), content_type=file.content_type,
                                         max_bytes=file.size, expires_in=UPLOAD_SECONDS)
        out.append(UploadOut(name=file.name, url=post["url"], fields=post["fields"]))
    return out


def _check_attachments(report: ReportIn) -> None:
    limits = rules().attachments
    if len(report.attachments) > limits.max_files:
        raise RuleViolation(f"첨부 파일은 {limits.max_files}개까지입니다.", code="TOO_MANY_ATTACHMENTS",
                            details={"max_files": limits.max_files})
    for file in report.attachments:
        if file.content_type not in limits.types:
            raise RuleViolation("허용하지 않는 파일 형식입니다.", code="ATTACHMENT_TYPE",
                                details={"name": file.name, "allowed": limits.types})
        if file.size > limits.max_bytes:
            raise RuleViolation("파일이 너무 큽니다.", code="ATTACHMENT_TOO_LARGE",
                                details={"name": file.name, "max_bytes": limits.max_bytes})


def _fields(report: ReportIn, case_id: str, at: Any, **extra: Any) -> dict[str, Any]:
    return {
        "case_id": case_id, "created_at": at.isoformat(), "what": report.what,
        "happened_on": report.happened_on.isoformat() if report.happened_on else None, "place": report.place,
        "department": report.department, "official": report.official,
        "official_department": staff.department_of(report.official),
        "earlier_petition_no": report.earlier_petition_no, "harm": report.harm,
        "whistleblower": report.public_interest,
        "protected_until": protection.protected_until(at.date()).isoformat() if report.public_interest else None,
        "attachments": [a.model_dump() for a in report.attachments], **extra,
    }


def _encrypt(case_id: str, reporter: ReporterIn | None, resident: str | None) -> dict[str, str | None]:
    values = {"name": reporter.name if reporter else None, "email": reporter.email if reporter else None,
              "phone": reporter.phone if reporter else None, "resident": resident}
    return {field: encrypt_field(value, record=record(case_id), field=field) if value else None
            for field, value in values.items()}


def _new_id() -> str:
    return uuid4().hex[:16]
