"""Per-source limits, without AWS: rule names, the counter's key, the county's numbers and the 429 itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from common.county import CountyConfigError, county, load_county_file, parse_county
from common.errors import TooManyRequests
from common.http import build_app
from common.ratelimit import RULES, area_table, rate_limited, source_key
from tests.builders import LambdaContext, api_event, demo_county_with

ROOT = Path(__file__).resolve().parents[3]


class Note(BaseModel):
    text: str


def test_a_route_opts_in_by_a_rule_the_county_file_has():
    assert RULES == ("public_write", "resident_write", "public_read")
    assert rate_limited("public_write").__name__ == "rate_limited_public_write"
    with pytest.raises(ValueError, match="no limit rule 'resident_writes'"):
        rate_limited("resident_writes")


def test_the_counters_live_in_the_table_of_the_routes_area():
    assert area_table("PUT /residents/me") == "RESIDENTS_TABLE"
    assert area_table("POST /complaints/{case_id}/files") == "COMPLAINTS_TABLE"
    with pytest.raises(ValueError):
        area_table("GET /")


def test_the_key_hides_the_address_and_changes_with_every_window():
    key = source_key(county_code="demo", route="PUT /residents/me", window_start=600, source="203.0.113.7")
    assert "203.0.113.7" not in key and len(key) == 64
    assert key != source_key(county_code="demo", route="PUT /residents/me", window_start=660, source="203.0.113.7")
    assert key != source_key(county_code="demo", route="DELETE /residents/me", window_start=600, source="203.0.113.7")
    assert key != source_key(county_code="demo", route="PUT /residents/me", window_start=600, source="203.0.113.8")


def test_the_demo_county_sets_every_rule_and_a_bad_number_is_refused():
    limits = county().limits
    assert {name: (getattr(limits, name).requests, getattr(limits, name).window_seconds) for name in RULES} == {
        "public_write": (5, 600), "resident_write": (30, 60), "public_read": (120, 60)}
    data = load_county_file(ROOT / "infra" / "counties" / "demo.yaml").model_dump(mode="json")
    data["limits"]["public_write"] = {"requests": 0, "window_seconds": 60}
    with pytest.raises(CountyConfigError, match=r"limits\.public_write\.requests"):
        parse_county(data)


def test_a_429_says_when_to_come_back():
    error = TooManyRequests(45)
    assert (error.status, error.headers()) == (429, {"Retry-After": "45"})
    assert error.body() == {"code": "TOO_MANY_REQUESTS", "message": "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
                            "details": {"retry_after_seconds": 45}}


def test_a_json_body_over_the_countys_size_limit_is_413_before_it_is_parsed(tmp_path, monkeypatch):
    app = build_app(title="probe", docs_path="/probe/docs")

    @app.post("/probe/notes")
    def note(body: Note) -> dict:
        return {"length": len(body.text)}

    def post(text: str) -> tuple[int, dict]:
        response = app.resolve(api_event("POST", "/probe/notes", body={"text": text}), LambdaContext())
        return response["statusCode"], json.loads(response["body"])

    assert post("가" * 80_000) == (200, {"length": 80_000})  # 240 KB of UTF-8: under the demo's 256 KB
    status, body = post("가" * 90_000)
    assert (status, body["code"], body["details"]) == (413, "PAYLOAD_TOO_LARGE", {"max_bytes": 262_144})
    with demo_county_with(tmp_path, monkeypatch, "  max_json_body_kb: 256", "  max_json_body_kb: 16"):
        assert post("가" * 6_000)[0] == 413
