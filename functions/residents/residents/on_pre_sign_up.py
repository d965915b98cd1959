"""Entry point: the residents' user pool's pre-sign-up trigger (Cognito invokes it before creating an account).

Raising refuses the sign-up; returning the event unchanged lets Cognito go on (the email or phone number is then
confirmed with a code, as the pool's AutoVerifiedAttributes say). Nothing of the event is logged: it holds the
applicant's contact."""

from __future__ import annotations

from typing import Any

from common import import_done
from residents import signup


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    signup.check((event.get("request") or {}).get("validationData") or {})
    return event


import_done()  # the import is over: what it made is frozen, the collector runs again (common/__init__.py)
