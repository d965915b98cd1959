"""Request and response bodies of the directory API (what the OpenAPI page shows)."""

from datetime import date
from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from common.bodies import Body
from common.offices import OFFICES
from common.text import SingleLineText

# the roles PUT roles may give: heads, committee members, administrators and the offices (common.offices)
AssignableRole = Literal[("dept_head", "committee", "admin", *(office.value for office in OFFICES))]  # type: ignore[valid-type]


class _In(Body):
    model_config = ConfigDict(extra="forbid")


class DepartmentOut(Body):
    code: str
    name: str
    bureau: str
    kind: str
    head_employee_no: str | None = None
    active: bool


class DepartmentList(Body):
    departments: list[DepartmentOut]


class StaffSummary(Body):
    employee_no: str
    name: str
    department: str
    grade: int | None = None
    employment_type: str
    team_leader: bool
    active: bool
    roles: list[str] = Field(description="Cognito 그룹과 같은 역할 (staff 포함)")


class StaffOut(StaffSummary):
    committee_term_start: date | None = None
    committee_term_end: date | None = None
    seconded_from: str | None = Field(default=None, description="파견 공무원의 원소속 기관 (없으면 본 지자체 직원)")
    phone: str | None = Field(default=None, description="본인·인사부서·관리자에게만")
    email: str | None = Field(default=None, description="본인·인사부서·관리자에게만")
    version: int
    updated_at: str | None = None


class StaffList(Body):
    staff: list[StaffSummary]


class HistoryEntry(Body):
    at: str
    kind: str
    changes: dict
    source: str


class History(Body):
    employee_no: str
    entries: list[HistoryEntry]


class RolesIn(_In):
    roles: list[AssignableRole] = Field(
        max_length=6, description="staff 외의 역할. dept_head는 소속 부서의 부서장으로 지정")
    committee_term_start: date | None = None
    committee_term_end: date | None = None
    reason: str | None = Field(default=None, min_length=2, max_length=500,
                               description="사유 (admin·audit·hr 등 강한 역할을 주거나 뺄 때 필수; 감사부서에 공개)")


class RolesOut(StaffOut):
    pending_grants: list[str] = Field(default=[], description="다른 관리자의 확인을 기다리는 역할 부여 id")


class RoleGrantOut(Body):
    grant_id: str
    employee_no: str
    role: str
    action: Literal["grant", "revoke"]
    status: Literal["effective", "pending"]
    granted_by: str = Field(description="부여·회수한 관리자의 사번 (명부 밖 관리자는 로그인 주체)")
    at: str
    source: str = Field(description="admin:<사번> (역할 지정) 또는 import:<id> (명부 가져오기)")
    reason: str | None = None
    confirmed_by: str | None = None
    confirmed_at: str | None = None


class RoleGrantPage(Body):
    items: list[RoleGrantOut]
    next_token: str | None = None


class OfficeWarningOut(Body):
    code: Literal["DUTY_UNHELD", "OFFICE_UNHELD", "OFFICE_SHARED"] = Field(
        description="DUTY_UNHELD: 업무를 맡을 직위에 사람이 없음, OFFICE_UNHELD: 법정 직위가 비어 있음, "
                    "OFFICE_SHARED: 한 사람이 맡는 직위에 여러 명")
    office: str
    duty: str | None = None
    message: str


class OfficeHolderOut(Body):
    employee_no: str
    name: str
    department: str
    since: str | None = None


class OfficeOut(Body):
    office: str = Field(description="역할 이름 (aa_unit, aa_officer, protection_officer, audit_head, …)")
    label: str
    holders: list[OfficeHolderOut]
    duties: list[str] = Field(description="이 지자체에서 이 직위가 맡는 업무 (지자체 설정 offices.duties)")


class OfficesOut(Body):
    offices: list[OfficeOut]
    warnings: list[OfficeWarningOut]


class ImportOut(Body):
    import_id: str
    kind: Literal["departments", "staff"]
    mode: Literal["full", "partial"]
    dry_run: bool
    created: int
    changed: int
    unchanged: int
    left: int
    repeated: bool
    imported_at: str | None = None
    leavers: list[str] = Field(default=[], description="이 명부로 퇴직 처리되는 사번 (처음 200명)")
    confirm_required: bool = Field(default=False,
                                   description="dry_run: 실제로 가져올 때 confirm_leavers=<left> 가 필요")
    warnings: list[OfficeWarningOut] = Field(
        default=[], description="이 명부를 가져온 뒤 비는 직위·업무 (가져오기는 그대로 진행됨)")


class CommitteeMemberIn(_In):
    civilian: bool = Field(description="true: 위촉(민간) 위원 (성명·소속·임기 시작일이 같으면 같은 위원: 409), "
                                       "false: 당연직(직원) 위원 — 그 직원에게 committee 역할과 임기를 줍니다")
    gender: Literal["M", "F"]
    employee_no: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{1,20}$", description="당연직 위원의 사번")
    name: SingleLineText | None = Field(default=None, min_length=1, max_length=50, description="위촉 위원 성명")
    affiliation: SingleLineText | None = Field(default=None, max_length=100, description="위촉 위원 소속")
    contact: SingleLineText | None = Field(default=None, max_length=100, description="위촉 위원 연락처 (암호화 저장)")
    term_start: date | None = None
    term_end: date | None = None

    @model_validator(mode="after")
    def _by_kind(self) -> Self:
        if self.civilian:
            missing = [f for f in ("name", "affiliation", "term_start", "term_end") if getattr(self, f) is None]
            if missing:
                raise ValueError(f"위촉 위원에게 필요한 항목: {', '.join(missing)}")
            if self.employee_no is not None:
                raise ValueError("위촉 위원에게는 사번이 없습니다.")
        else:
            if self.employee_no is None:
                raise ValueError("당연직 위원은 사번이 필요합니다.")
            if self.name is not None or self.contact is not None or self.affiliation is not None:
                raise ValueError("당연직 위원의 성명·소속·연락처는 직원 명부에서 가져옵니다.")
            if self.term_start is None or self.term_end is None:
                raise ValueError("당연직 위원에게도 임기(term_start, term_end)가 필요합니다 (committee 역할의 임기).")
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValueError("임기 종료일이 시작일보다 빠릅니다.")
        return self


class CommitteeMemberOut(Body):
    member_id: str
    civilian: bool
    gender: Literal["M", "F"] | None = Field(
        description="null: 인사 명부의 committee 역할로 위원이 되어 성별이 기록되지 않은 당연직 위원")
    employee_no: str | None = None
    name: str | None = None
    affiliation: str | None = None
    term_start: date | None = None
    term_end: date | None = None
    serving: bool = Field(description="오늘 임기 중 (당연직 위원은 재직 중이고 committee 역할이 있는 동안만 "
                                      "명단에 있음)")


class Composition(Body):
    serving: int
    civilian_count: int
    civilian_share: float = Field(description="현재 임기 중인 위원 중 위촉(민간) 위원 비율 — 1/2 이상이어야 함")
    civilian_majority_met: bool
    size_within_limits: bool = Field(description="위원장 포함 9~45명")
    gender: dict[str, int] = Field(description="M, F, unknown (성별이 기록되지 않은 당연직 위원)")


class CommitteeTermIn(_In):
    term_end: date = Field(description="위촉 위원의 새 임기 종료일")


class CommitteeAccountOut(Body):
    member_id: str
    username: str = Field(description="로그인 아이디 (위원 ID)")
    groups: list[str] = Field(description="committee 만 (부서 없음)")
    invited: bool = Field(description="초대 메일을 보냈는지 (지자체 설정 directory.cognito_invite)")
    new: bool = Field(description="false: 비활성화된 계정을 다시 활성화")


class CommitteeList(Body):
    members: list[CommitteeMemberOut]
    composition: Composition



