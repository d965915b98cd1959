"""사전컨설팅·의견제시 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from common.openapi import Contract
from consulting.routes import (
    evidence,
    exemptions,
    litigation,
    opinion_requests,
    opinions,
    pre_consultings,
    ratifications,
)

CONTRACT = Contract(
    created={("post", "/consulting/pre-consultings"): (201,), ("post", "/consulting/opinion-requests"): (201,),
             ("post", "/consulting/ratifications"): (201,), ("post", "/consulting/exemptions"): (201,),
             ("post", "/consulting/exemptions/{exemption_id}/counselling"): (201,),
             ("post", "/consulting/litigation"): (201,), ("post", "/consulting/evidence-uploads"): (201,),
             ("post", "/consulting/indemnity-decisions"): (201,)},
    idempotency_key={("post", "/consulting/pre-consultings"): False,
                     ("post", "/consulting/opinion-requests"): False},
)
app = build_app(title="사전컨설팅·의견제시 API", docs_path="/consulting/docs", contract=CONTRACT)
for module in (evidence, pre_consultings, opinion_requests, ratifications, opinions, exemptions, litigation):
    app.include_router(module.router)
handler = lambda_handler(app)
