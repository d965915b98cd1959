"""Local mode: the demo residents include one whose phone is verified (infra/demo/residents.csv), so `make dev` users
can cast a resident ballot where the county asks for a verified phone (the demo's residents.ballot); the others sign
in by email only and are refused."""

from __future__ import annotations

import base64
import json

from tests.builders import call_api


def claims_of(id_token: str) -> dict:
    payload = id_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_the_demo_voter_has_a_verified_phone_and_may_vote(api, stack):
    from devstack.demo import DEMO_PASSWORD
    from devstack.residents import load_demo_residents, resident_sign_in

    names = load_demo_residents(stack, DEMO_PASSWORD)
    cycle_id = api.voting()
    answers = {}
    for name in (names[0], "hajun.voter@example.com"):
        claims = claims_of(resident_sign_in(stack, name, DEMO_PASSWORD)["IdToken"])
        answers[name] = call_api("selection", "POST", f"/selection/resident/cycles/{cycle_id}/ballots",
                                 claims=claims, body={"choices": ["E4"]})
    assert answers[names[0]][1]["code"] == "VERIFICATION_REQUIRED"
    assert answers["hajun.voter@example.com"][0] == 201, answers
