"""적극행정 마일리지 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from mileage import (
    routes_accounts,
    routes_catalogue,
    routes_deputies,
    routes_grants,
    routes_proposals,
    routes_redemptions,
    routes_reviews,
)

app = build_app(title="적극행정 마일리지 API", docs_path="/mileage/docs")
for module in (routes_catalogue, routes_grants, routes_accounts, routes_deputies, routes_redemptions,
               routes_proposals, routes_reviews):
    app.include_router(module.router)
handler = lambda_handler(app)
