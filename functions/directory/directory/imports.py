"""Roster imports from the HR export: all or nothing — every row is checked before anything is written; then only
the difference is written."""

from __future__ import annotations

from common.clock import now
from common.county import county
from common.errors import InvalidInput
from common.identity import Caller, Role
from directory import people
from directory.rules import offices, plans
from directory.rules.access import found
from directory.rules.records import MAX_DETAILS, ImportSummary, Kind, Mode
from directory.rules.roles import record_grants, refuse_unconfirmed_grants
from directory.storage import changes
from directory.storage import departments as department_store
from directory.storage import imports as import_store
from directory.storage import staff as staff_store


def import_roster(who: Caller, data: bytes, *, kind: Kind, mode: Mode, dry_run: bool,
                  confirm_leavers: int | None) -> ImportSummary:
    """Every import is diffed against the directory as it is now, so an earlier file imported again (A, B, A) is
    applied again, while the same file twice in a row finds nothing to change and writes nothing (`repeated`).
    A file without data rows is refused (ROSTER_EMPTY): in full mode it would make everyone a leaver. Removals are
    guarded (`guard_removals`), and so are role changes (`guard_role_edits`): only an administrator's file may
    change roles, committee terms or heads, and nobody's their own. The answer warns of the statutory offices and
    duties the roster leaves without anyone (a new county's first files do: they are imported all the same)."""
    acting = people.acting(who, Role.ADMIN, Role.HR)
    settings = county().directory
    now_iso = now().isoformat()
    leaver_limit = plans.LeaverLimit(settings.max_leavers_without_confirm,
                                     settings.max_leavers_percent_without_confirm)
    if not data.strip():
        raise InvalidInput("빈 파일입니다.", code="ROSTER_EMPTY")
    rows, problems = plans.parse_roster(data, kind, kinds=settings.department_kinds,
                                        employment_types=settings.employment_types)
    if any(p.row == 1 for p in problems):  # no usable header: nothing more to check
        raise plans.refuse(problems)
    if not rows:
        raise InvalidInput(plans.NO_ROWS, code="ROSTER_EMPTY")
    departments, staff = department_store.departments(), staff_store.all_staff()
    if kind == "departments":
        plan = plans.plan_departments(rows, departments, staff, mode=mode, updated_at=now_iso, problems=problems)
    else:
        # every stored contact is compared with the file's: decrypted all at once, not one KMS call after another
        revealed = {} if problems else staff_store.reveal_many(plans.stored_contacts(rows, staff))
        plan = plans.plan_staff(rows, departments, staff, mode=mode, updated_at=now_iso,
                                reveal=lambda no, name, _ciphertext: revealed[(no, name)], problems=problems)
    plan.acting = acting
    plans.guard_role_edits(plan, who)
    confirm_required = plans.guard_removals(plan, staff, caller=who, limit=leaver_limit,
                                            confirm_leavers=confirm_leavers, dry_run=dry_run)
    import_id = plans.import_id_of(data, kind, mode)
    grants = record_grants(plan, powerful=settings.powerful_roles, by=who.employee_no or who.subject,
                           source=f"import:{import_id}", at=now_iso)
    if settings.powerful_role_grants_need_second_admin:
        refuse_unconfirmed_grants(grants, staff)
    earlier = import_store.get_import(import_id)
    repeated = earlier is not None and not plan.units
    summary = ImportSummary(import_id, kind, mode, dry_run, plan.created, plan.changed, plan.unchanged, plan.left,
                            repeated=repeated, imported_at=earlier.imported_at if repeated and earlier else now_iso,
                            leavers=tuple(plan.leavers[:MAX_DETAILS]), confirm_required=confirm_required,
                            warnings=tuple(w.as_dict() for w in offices.warnings_after(county().offices, staff, plan)))
    if not dry_run and not repeated:
        if plan.units:
            changes.apply(plan, source=f"import:{import_id}")
        import_store.save_import(summary)
    return summary


def get_import(who: Caller, import_id: str) -> ImportSummary:
    who.require(Role.ADMIN, Role.HR)
    return found(import_store.get_import(import_id), "가져오기 기록")
