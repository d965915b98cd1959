"""적극행정 마일리지 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from mileage.routes import accounts, catalogue, deputies, grants, proposals, redemptions, reviews

app = build_app(title="적극행정 마일리지 API", docs_path="/mileage/docs")
for module in (catalogue, grants, accounts, deputies, redemptions, proposals, reviews):
    app.include_router(module.router)
handler = lambda_handler(app)
