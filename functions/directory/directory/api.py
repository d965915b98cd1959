"""The directory's HTTP API (one Lambda): departments, staff, roles, roster imports, the AA committee roster."""

from common.http import build_app, lambda_handler
from directory.routes import committee, departments, imports, roles, staff

app = build_app(title="직원 명부 API", docs_path="/directory/docs")
for routes in (staff, departments, roles, imports, committee):
    app.include_router(routes.router)
handler = lambda_handler(app)
