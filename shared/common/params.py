"""Path parameters every area shares, typed once: a value that cannot be a key is a 422 before any work (a
3,000-character id would otherwise reach DynamoDB, which refuses keys over its size limit with a 500)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path

DepartmentCode = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,20}$", description="부서 코드")]
EmployeeNo = Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{1,20}$", description="사번")]
RecordId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="ID")]
