"""Events of `jeokgeuk.consulting`: pre-consultings, opinion requests, the opinions issued, and their deadlines.

Identifiers, codes and dates only — never the matter's description, the department's own review or an opinion's text
(free text that may name people or outside parties: read them in the area). The committee items consulting asks for
are `contracts.committee.CommitteeItemRequested` (with `origin_area="consulting"`)."""

from datetime import date, datetime
from typing import ClassVar, Literal

from common.events import Event

CaseKind = Literal["pre_consulting", "opinion_request"]
DeadlineKind = Literal["pre_consulting", "opinion_request", "bai_report"]


class _ConsultingEvent(Event):
    area: ClassVar[str] = "consulting"


class PreConsultingRequested(_ConsultingEvent):
    """A department filed a pre-consulting (사전컨설팅) with the audit office; mileage drafts points from it."""

    consulting_id: str
    requester_employee_no: str
    department: str
    matter_code: str
    filed_at: datetime


class OpinionRequestFiled(_ConsultingEvent):
    """An official asked the committee for its opinion (의견제시 요청); the AA officer screens it."""

    request_id: str
    requester_employee_no: str
    department: str
    matter_code: str
    received_at: datetime
    pre_consulting_id: str | None  # an earlier pre-consulting on the matter (it does not bar the request)


class OpinionIssued(_ConsultingEvent):
    """An opinion was issued and registered (the audit office's on a pre-consulting, with the province's answer where
    it went up; the committee's on an opinion request)."""

    opinion_id: str
    case_kind: CaseKind
    case_id: str
    requester_employee_no: str
    department: str
    matter_code: str
    issued_on: date
    issued_by: Literal["audit_office", "province", "committee"]


class _DeadlineEvent(_ConsultingEvent):
    case_kind: DeadlineKind
    case_id: str  # a bai_report's: its quarter (2026Q4)
    department: str | None  # the case's department (none for a quarter's report)
    period: str  # the county file's clock.periods name
    due_at: str  # ISO 8601 (+09:00)
    offices: list[str]  # the roles that act; empty: the case's department (its 보완 period)


class ConsultingDeadlineApproaching(_DeadlineEvent):
    pass


class ConsultingDeadlineMissed(_DeadlineEvent):
    pass


class ExemptionDecided(_ConsultingEvent):
    """The county's body decided an exemption application (면책): notified to the applicant and the head, and reported
    to the Board of Audit and Inspection in its quarter. The reasons stay in the area."""

    exemption_id: str
    applicant_employee_no: str
    department: str
    matter_code: str
    decision: Literal["EXEMPT", "NOT_EXEMPT"]
    deciding_body: Literal["audit_head", "exemption_board"]
    decided_on: date
    quarter: str  # the BAI report's quarter (e.g. 2026Q4)


class ExemptionRecommended(_ConsultingEvent):
    """The committee resolved to recommend the exemption to an upper auditor (면책 건의, 운영규정 §15⑦)."""

    exemption_id: str
    applicant_employee_no: str
    department: str
    matter_code: str
    resolved_on: date


class LitigationSupportApproved(_ConsultingEvent):
    """The committee approved legal-cost support (운영규정 §17) up to the county's amount for its kind."""

    litigation_id: str
    applicant_employee_no: str
    department: str
    kind: Literal["disciplinary_explanation", "criminal_investigation", "criminal_trial", "civil_suit"]
    retired: bool
    approved_won: int
    resolved_on: date
