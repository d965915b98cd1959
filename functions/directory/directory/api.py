"""The directory's HTTP API (one Lambda): departments, staff, roles, roster imports, the AA committee roster."""

from common.http import build_app, lambda_handler
from common.openapi import XLSX, Contract
from directory.routes import committee, departments, imports, offices, roles, staff

CONTRACT = Contract(
    created={("post", "/directory/committee/members"): (201, 200),  # 200: already a member, nothing created
             ("post", "/directory/committee/members/{member_id}/account"): (201, 200)},  # 200: enabled again
    file_bodies={("post", "/directory/imports"): ("text/csv", XLSX, "application/octet-stream")},
)
app = build_app(title="직원 명부 API", docs_path="/directory/docs", contract=CONTRACT)
for routes in (staff, departments, roles, imports, committee, offices):
    app.include_router(routes.router)
handler = lambda_handler(app)
