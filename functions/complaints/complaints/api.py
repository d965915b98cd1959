"""소극행정 신고센터 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from common.openapi import Contract
from complaints.routes import cases, handling, receipts, reports, reveals, statistics

CONTRACT = Contract(
    created={("post", "/complaints"): (201,), ("post", "/complaints/resident"): (201,),
             ("post", "/complaints/cases"): (201,), ("post", "/complaints/cases/{case_id}/notes"): (201,),
             ("post", "/complaints/cases/{case_id}/messages"): (201,)},
)
app = build_app(title="소극행정 신고센터 API", docs_path="/complaints/docs", contract=CONTRACT)
for module in (reports, receipts, cases, handling, reveals, statistics):
    app.include_router(module.router)
handler = lambda_handler(app)
