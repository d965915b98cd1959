"""Who acts for the county on complaints (`common.offices`): the office mapped to `complaints.intake` receives,
classifies, reroutes, decides and closes; `complaints.investigation` investigates; `complaints.reveal` may reveal a
reporter (with a logged reason), `complaints.reveal_whistleblower` alone where the report is a whistleblower's."""

from __future__ import annotations

from common.county import county
from common.county_complaints import ComplaintsSection
from common.errors import Forbidden, RuleViolation
from common.identity import Caller, Role, role_labels
from common.offices import Duty


def roles(duty: Duty) -> tuple[Role, ...]:
    return county().offices.roles(duty)


def require(who: Caller, duty: Duty) -> Caller:
    if not who.is_staff or not who.has(*roles(duty)):
        raise Forbidden(f"이 작업은 다음 직위만 할 수 있습니다: {role_labels(roles(duty))}", code="ROLE_REQUIRED",
                        details={"required_roles": [r.value for r in roles(duty)], "duty": duty.value})
    return who


def rules() -> ComplaintsSection:
    section = county().complaints
    if section is None:
        raise RuleViolation("이 지자체 설정에는 소극행정 신고센터가 없습니다.", code="COMPLAINTS_NOT_CONFIGURED")
    return section
