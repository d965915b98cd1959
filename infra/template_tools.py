"""Reading and checking template.yaml the way CloudFormation will see it.

`translate()` runs the SAM transform offline (aws-sam-translator, no IAM calls, local code paths replaced by a
placeholder S3 URI); `python -m infra.template_tools check` lints the translated template with cfn-lint — plain
cfn-lint on the SAM source misses bad `!Ref`s and authorizer mistakes. Local mode reads the same source.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"


def load_source(path: Path = TEMPLATE) -> dict[str, Any]:
    """The SAM source with short-form tags (`!Ref`, `!Sub` …) as their long form (`{"Ref": …}`)."""
    from cfnlint.decode import cfn_yaml

    return json.loads(json.dumps(cfn_yaml.load(str(path))))


def translate(source: dict[str, Any]) -> dict[str, Any]:
    import boto3
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    template = copy.deepcopy(source)
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(props.get(key), str):
                props[key] = "s3://placeholder-bucket/placeholder.zip"
    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name="ap-northeast-2"))
    try:
        return translator.translate(template, parameter_values={}, get_managed_policy_map=dict)
    except InvalidDocumentException as error:
        messages = "\n".join(f"  - {cause.message}" for cause in error.causes)
        raise SystemExit(f"SAM transform failed:\n{messages}") from error


def lint(translated: dict[str, Any]) -> list[str]:
    from cfnlint.api import ManualArgs
    from cfnlint.api import lint as cfn_lint

    matches = cfn_lint(json.dumps(translated), config=ManualArgs(regions=["ap-northeast-2"]))
    return [f"{m.rule.id} {m.message} ({'/'.join(str(p) for p in m.path)})" for m in matches
            if m.rule.id.startswith("E")]


def route_errors(source: dict[str, Any]) -> list[str]:
    """What the SAM transform lets through silently: routes on an unknown API or authorizer, duplicate routes, route
    settings (throttling) for a route that does not exist."""
    resources = source["Resources"]
    apis = {lid: r for lid, r in resources.items() if r["Type"] == "AWS::Serverless::HttpApi"}
    errors, seen = [], {}
    for lid, resource in resources.items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for name, event in resource["Properties"].get("Events", {}).items():
            if event["Type"] != "HttpApi":
                continue
            props = event.get("Properties", {})
            where = f"{lid}/Events/{name}"
            api_id = (props.get("ApiId") or {}).get("Ref")
            if api_id not in apis:
                errors.append(f"{where}: ApiId must be !Ref to an AWS::Serverless::HttpApi, got {api_id!r}")
                continue
            authorizer = (props.get("Auth") or {}).get("Authorizer")
            defined = apis[api_id]["Properties"].get("Auth", {}).get("Authorizers", {})
            if authorizer not in (None, "NONE") and authorizer not in defined:
                errors.append(f"{where}: authorizer {authorizer!r} is not defined on {api_id}")
            key = (api_id, props.get("Method", "").upper(), props.get("Path"))
            if key in seen:
                errors.append(f"{where}: route {key[1]} {key[2]} already served by {seen[key]}")
            seen[key] = where
    for api_id, api in apis.items():  # a throttle on a route key that is no route would fail only at deploy time
        for route_key in api["Properties"].get("RouteSettings") or {}:
            method, _, path = route_key.partition(" ")
            if (api_id, method.upper(), path) not in seen:
                errors.append(f"{api_id}/RouteSettings: {route_key!r} is not a route of {api_id}")
    return errors


CHECKOV_CONFIG = ROOT / "infra" / "checkov.yaml"


def checkov_skips(config: dict[str, Any]) -> dict[str, tuple[str, list[str] | None]]:
    """infra/checkov.yaml's skips: check id → (reason, the logical ids it is limited to, or None for every one)."""
    out: dict[str, tuple[str, list[str] | None]] = {}
    for check_id, entry in config["skip"].items():
        if isinstance(entry, str):
            out[check_id] = (" ".join(entry.split()), None)
        else:
            out[check_id] = (" ".join(entry["reason"].split()), list(entry["resources"]))
    return out


def with_checkov_skips(translated: dict[str, Any], skips: dict[str, tuple[str, list[str] | None]]) -> dict[str, Any]:
    """The translated template with every listed check marked skipped, with its reason, on its resources (checkov
    reports a skip only where the check applies), so the report counts and names what was skipped and why."""
    marked = copy.deepcopy(translated)
    for logical_id, resource in marked["Resources"].items():
        entries = [{"id": check_id, "comment": reason} for check_id, (reason, only) in skips.items()
                   if only is None or logical_id in only]
        if entries:
            resource.setdefault("Metadata", {}).setdefault("checkov", {}).setdefault("skip", []).extend(entries)
    return marked


def run_checkov(binary: str) -> int:
    """checkov over the translated template; prints passed/failed/skipped and each failure."""
    import subprocess

    import yaml

    skips = checkov_skips(yaml.safe_load(CHECKOV_CONFIG.read_text(encoding="utf-8")))
    unknown = [lid for _, only in skips.values() for lid in only or () if lid not in load_source()["Resources"]]
    if unknown:
        print(f"infra/checkov.yaml names resources the template does not have: {', '.join(unknown)}")
        return 1
    out = ROOT / "build" / "checkov"
    out.mkdir(parents=True, exist_ok=True)
    target = out / "template.json"
    target.write_text(json.dumps(with_checkov_skips(translate(load_source()), skips), indent=1), encoding="utf-8")
    run = subprocess.run([binary, "--file", str(target), "--framework", "cloudformation", "--skip-download",
                          "--output", "json", "--compact"], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout or "{}")
    except json.JSONDecodeError:
        print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
        return 2
    results = report.get("results", {})
    for failed in results.get("failed_checks", []):
        print(f"checkov FAILED {failed['check_id']} {failed['resource']}: {failed['check_name']}")
    skipped: dict[str, int] = {}
    for result in results.get("skipped_checks", []):
        skipped[result["check_id"]] = skipped.get(result["check_id"], 0) + 1
    for check_id, count in sorted(skipped.items()):
        print(f"checkov skipped {check_id} on {count} resource(s): {skips[check_id][0][:110]}…")
    summary = report.get("summary") or {}
    passed, failed, parse_errors = summary.get("passed", 0), summary.get("failed", 0), summary.get("parsing_errors", 0)
    print(f"checkov (translated template.yaml): {passed} passed, {failed} failed, {sum(skipped.values())} skipped"
          f"{f', {parse_errors} parsing error(s)' if parse_errors else ''}")
    return 1 if failed or parse_errors or not passed else 0


def check() -> int:
    from infra.conventions import convention_errors

    source = load_source()
    errors = route_errors(source) + convention_errors(source) + lint(translate(source))
    for error in errors:
        print(f"template error: {error}")
    print(f"template.yaml: SAM transform ok, cfn-lint on the translated template: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "check":
        sys.exit(check())
    if command == "checkov":  # python -m infra.template_tools checkov <path to the checkov executable>
        sys.exit(run_checkov(sys.argv[2] if len(sys.argv) > 2 else "checkov"))
    if command == "translate":
        print(json.dumps(translate(load_source()), indent=2, ensure_ascii=False))
        sys.exit(0)
    sys.exit(f"unknown command {command}; use: check | translate | checkov [checkov executable]")
