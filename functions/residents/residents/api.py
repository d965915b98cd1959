"""The residents' HTTP API (one Lambda): the signed-in resident's own record and withdrawal."""

from common.http import build_app, lambda_handler
from common.openapi import Contract
from residents.routes import me

CONTRACT = Contract(created={("delete", "/residents/me"): (204,)})
app = build_app(title="주민 API", docs_path="/residents/docs", contract=CONTRACT)
app.include_router(me.router)
handler = lambda_handler(app)
