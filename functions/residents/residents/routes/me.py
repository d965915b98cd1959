"""/residents/me: the signed-in resident's own record (resident tokens only: the route's authorizer is ResidentJwt)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.ratelimit import rate_limited
from residents import profile
from residents.models import ContactIn, ResidentOut
from residents.rules.profile import ContactChange

router = APIGatewayHttpRouter()


def _sign_in() -> dict[str, str | None]:
    """The sign-in's verified contact, as the ID token carries it (Cognito holds it, not this table)."""
    authorizer = router.current_event.raw_event.get("requestContext", {}).get("authorizer") or {}
    claims = (authorizer.get("jwt") or {}).get("claims") or {}
    return {"email": claims.get("email"), "phone_number": claims.get("phone_number")}


@router.get("/residents/me", summary="내 개인정보: 지자체가 가진 항목과 보관 기간",
            description="처음 부르면 주민 기록이 만들어집니다 (연락처 없음, 동의 없음).")
def me() -> ResidentOut:
    return ResidentOut.model_validate(profile.me(current_caller(router), _sign_in()))


@router.put("/residents/me", summary="알림 연락처와 동의 바꾸기", middlewares=[rate_limited("resident_write")],
            description="연락처는 암호화해 보관합니다. 동의를 거두면(consent: false) 연락처를 지웁니다.")
def update(body: ContactIn) -> ResidentOut:
    change = ContactChange(email=body.email, phone=body.phone, notify_by=body.notify_by, consent=body.consent)
    return ResidentOut.model_validate(profile.update(current_caller(router), change, _sign_in()))


@router.delete("/residents/me", summary="탈퇴: 로그인 계정 삭제, 개인정보 삭제",
               middlewares=[rate_limited("resident_write")],
               description="투표·신고 기록은 남지만 누구의 것인지는 남지 않습니다. 다시 불러도 같은 결과입니다.")
def withdraw() -> Response[None]:
    profile.withdraw(current_caller(router))
    return Response(204)
