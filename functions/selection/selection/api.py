"""적극행정 우수공무원 선발 API."""

from __future__ import annotations

from common.http import build_app, lambda_handler
from common.openapi import Contract
from selection.routes import awardees, ballots, candidates, cycles, departments, exclusions, nominations, secondment

CONTRACT = Contract(
    created={("post", "/selection/cycles"): (201,), ("post", "/selection/cycles/{cycle_id}/nominations"): (201,),
             ("post", "/selection/resident/cycles/{cycle_id}/nominations"): (201,),
             ("post", "/selection/cycles/{cycle_id}/exclusions"): (201,),
             ("post", "/selection/cycles/{cycle_id}/ballots"): (201,),
             ("post", "/selection/resident/cycles/{cycle_id}/ballots"): (201,),
             ("post", "/selection/cycles/{cycle_id}/department-nominations"): (201,)},
    idempotency_key={("post", "/selection/cycles/{cycle_id}/department-nominations"): False},
)
app = build_app(title="적극행정 우수공무원 선발 API", docs_path="/selection/docs", contract=CONTRACT)
for module in (cycles, nominations, exclusions, candidates, ballots, awardees, departments, secondment):
    app.include_router(module.router)
handler = lambda_handler(app)
