"""Directory events → Cognito: the directory is the source of truth for who can sign in and with which roles.

The event only says whom to look at; every step is idempotent, so a replay from the DLQ is harmless.
"""

from __future__ import annotations

from common.county import county
from common.events import EventEnvelope
from common.observability import logger
from common.settings import env
from contracts.directory import employee_event
from directory.clients import cognito
from directory.storage import staff as staff_store


def sync(envelope: EventEnvelope) -> None:
    """Bring the employee's Cognito user in line with the directory as it is now.

    The event only says whom to look at: the state comes from the directory's own table, so events that arrive
    late or out of order (delivery is at least once, unordered) still converge on the current truth."""
    event = employee_event(envelope)  # read with the publisher's model (`contracts.directory`)
    if event is None:
        logger.info("event ignored", extra={"detail_type": envelope.detail_type})
        return
    pool = env("USER_POOL_ID")
    username = event.employee_no
    staff = staff_store.find_staff(username)
    if staff is None:
        logger.warning("event for an employee the directory does not hold", extra={"employee_no": username})
        return
    current = cognito.user_attributes(pool, username)
    if not staff.active:
        if current is not None:
            cognito.disable(pool, username)
            cognito.sign_out(pool, username)  # signed out everywhere: no refresh token of theirs works any more
        logger.info("cognito user disabled and signed out", extra={"employee_no": username})
        return
    invite = county().directory.cognito_invite
    # the email is decrypted only where Cognito is to mail the staff (never logged)
    email = staff_store.reveal(username, "email", staff.email_enc) if invite and staff.email_enc else None
    if current is None:
        cognito.create_user(pool, username, staff.department, email=email, invite=invite)
        if invite and not email:
            logger.warning("cognito user created without an invitation: no email in the roster",
                           extra={"employee_no": username})
    else:
        cognito.update_user(pool, username, current, staff.department, email=email)
    added, removed = cognito.set_groups(pool, username, staff.groups)
    cognito.enable(pool, username)
    logger.info("cognito user synced", extra={"employee_no": username, "groups_added": sorted(added),
                                              "groups_removed": sorted(removed)})
