"""/directory/imports: roster files from the HR export (CSV or XLSX), and their results."""

from __future__ import annotations

import base64
from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from directory import imports
from directory.models import ImportOut
from directory.routes import caller_of

router = APIGatewayHttpRouter()


def _raw_body() -> bytes:
    event = router.current_event.raw_event
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        return base64.b64decode(body)
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


@router.post("/directory/imports",
             summary="인사 명부 가져오기 (CSV UTF-8/CP949 또는 XLSX, 관리자·인사; 역할을 바꾸는 명부는 관리자만)")
def import_roster(
    kind: Annotated[Literal["departments", "staff"], Query(description="departments | staff")],
    mode: Annotated[Literal["full", "partial"], Query(description="full: 파일에 없는 재직자는 퇴직 처리")] = "full",
    dry_run: Annotated[bool, Query(description="true: 검사와 집계만, 쓰지 않음 (퇴직 처리될 사번도 보여 줌)")] = False,
    confirm_leavers: Annotated[int | None, Query(
        ge=0, le=1_000_000,
        description="퇴직 처리될 인원 확인 (지자체 한도를 넘을 때 필요; dry_run의 left와 같아야 함)")] = None,
) -> ImportOut:
    who = caller_of(router)
    summary = imports.import_roster(who, _raw_body(), kind=kind, mode=mode, dry_run=dry_run,
                                    confirm_leavers=confirm_leavers)
    return ImportOut(**summary.__dict__)


@router.get("/directory/imports/<import_id>", summary="가져오기 결과")
def get_import(import_id: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]) -> ImportOut:
    return ImportOut(**imports.get_import(caller_of(router), import_id).__dict__)
