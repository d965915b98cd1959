"""One client of the stack's evidence bucket (common.evidence) for mileage, consulting and complaints: every function
the template lets reach the bucket's objects names it by the one variable that client reads, and no area keeps a
client of its own."""

from __future__ import annotations

from pathlib import Path

from common import evidence
from infra.template_tools import load_source

ROOT = Path(__file__).resolve().parents[3]


def test_every_function_reaching_the_evidence_bucket_names_it_by_the_one_variable():
    resources = load_source()["Resources"]
    reaching = {}
    for name, resource in resources.items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        policies = str(resource["Properties"].get("Policies", []))
        if "MileageEvidenceBucket.Arn}/" in policies:
            reaching[name] = resource["Properties"]["Environment"]["Variables"]
    assert set(reaching) == {"MileageApiFunction", "ConsultingApiFunction", "ComplaintsApiFunction"}
    for name, variables in reaching.items():
        named = {k: v for k, v in variables.items() if "EVIDENCE" in k}
        assert named == {evidence.BUCKET_VARIABLE: {"Ref": "MileageEvidenceBucket"}}, name


def test_no_area_keeps_its_own_bucket_client():
    for area in ("mileage", "consulting", "complaints"):
        code = (ROOT / "functions" / area).rglob("*.py")
        assert not [p for p in code if "generate_presigned" in p.read_text(encoding="utf-8")], area
