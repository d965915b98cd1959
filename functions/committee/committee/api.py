"""적극행정위원회 API."""

from __future__ import annotations

from committee.routes import challenges, items, meetings, members, minutes, opinions, votes
from common.http import build_app, lambda_handler
from common.openapi import Contract

CONTRACT = Contract(
    created={("post", "/committee/items"): (201,), ("post", "/committee/meetings"): (201,),
             ("post", "/committee/items/{item_id}/declarations"): (201,),
             ("post", "/committee/items/{item_id}/votes"): (201,),
             ("post", "/committee/items/{item_id}/challenges"): (201,),
             ("post", "/committee/items/{item_id}/hearings"): (201,),
             ("post", "/committee/items/{item_id}/audit-opinion/request"): (201,),
             ("post", "/committee/items/{item_id}/challenges/{challenge_id}/votes"): (201,)},
    idempotency_key={("post", "/committee/items"): False, ("post", "/committee/meetings"): False},
)
app = build_app(title="적극행정위원회 API", docs_path="/committee/docs", contract=CONTRACT)
for module in (members, items, meetings, votes, challenges, opinions, minutes):
    app.include_router(module.router)
handler = lambda_handler(app)
