"""소극행정 신고센터 API."""

from __future__ import annotations

import logging

from common.http import build_app, lambda_handler
from common.openapi import Contract
from complaints.routes import cases, handling, mine, receipts, reports, reveals, statistics

CONTRACT = Contract(
    created={("post", "/complaints"): (201,), ("post", "/complaints/resident"): (201,),
             ("post", "/complaints/cases"): (201,), ("post", "/complaints/cases/{case_id}/notes"): (201,),
             ("post", "/complaints/cases/{case_id}/messages"): (201,)},
)
app = build_app(title="소극행정 신고센터 API", docs_path="/complaints/docs", contract=CONTRACT)
for module in (reports, receipts, mine, cases, handling, reveals, statistics):
    app.include_router(module.router)
handler = lambda_handler(app)
# Powertools' resolver logs each request's parsed body at DEBUG ("Calling API Route Handler"): a report's body holds
# the reporter's name and contact, so this API never lets that line through, whatever the log level
logging.getLogger("aws_lambda_powertools.event_handler").setLevel(logging.INFO)
