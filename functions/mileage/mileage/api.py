"""적극행정 마일리지 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from common.openapi import Contract
from mileage.routes import accounts, catalogue, deputies, grants, proposals, redemptions, reviews

CONTRACT = Contract(
    created={("post", "/mileage/evidence-uploads"): (201,), ("post", "/mileage/grants"): (201,),
             ("post", "/mileage/redemptions"): (201,), ("delete", "/mileage/departments/{department}/deputy"): (204,)},
    idempotency_key={("post", "/mileage/grants"): False, ("post", "/mileage/redemptions"): True},
)
app = build_app(title="적극행정 마일리지 API", docs_path="/mileage/docs", contract=CONTRACT)
for module in (catalogue, grants, accounts, deputies, redemptions, proposals, reviews):
    app.include_router(module.router)
handler = lambda_handler(app)
