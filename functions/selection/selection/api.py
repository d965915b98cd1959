"""적극행정 우수공무원 선발 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from common.openapi import Contract
from selection.routes import awardees, ballots, candidates, cycles, exclusions, nominations

CONTRACT = Contract(
    created={("post", "/selection/cycles"): (201,), ("post", "/selection/cycles/{cycle_id}/nominations"): (201,),
             ("post", "/selection/resident/cycles/{cycle_id}/nominations"): (201,),
             ("post", "/selection/cycles/{cycle_id}/exclusions"): (201,),
             ("post", "/selection/cycles/{cycle_id}/ballots"): (201,),
             ("post", "/selection/resident/cycles/{cycle_id}/ballots"): (201,)},
)
app = build_app(title="적극행정 우수공무원 선발 API", docs_path="/selection/docs", contract=CONTRACT)
for module in (cycles, nominations, exclusions, candidates, ballots, awardees):
    app.include_router(module.router)
handler = lambda_handler(app)
