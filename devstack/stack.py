"""The stack as template.yaml declares it, resolved for one local county: names, functions, routes, rules.

This is the one source of truth for local mode and for the tests: resources are created from the same template the
county deploys (same table names, keys, indexes, queues, rules, user pool, groups, key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infra.template_tools import ROOT, load_source

REGION = "ap-northeast-2"
NO_VALUE = object()  # AWS::NoValue: the property is left out
# Template parameters that differ in local mode (and the tests): no voucher vendor here, the fake issuer answers; no
# certified real-name provider either, the fake verifier does (residents.clients.verification).
LOCAL_PARAMETERS = {"VoucherIssuer": "fake", "RealNameVerifier": "fake"}
ACCOUNT = "123456789012"


@dataclass
class Route:
    method: str
    path: str  # /directory/staff/{employee_no}
    function: str
    authorized: bool
    authorizer: str | None = None  # the HttpApi authorizer's name (StaffJwt, ResidentJwt); None: no token

    @property
    def pattern(self) -> re.Pattern[str]:
        regex = re.sub(r"\{(\w+)\+?\}", r"(?P<\1>[^/]+)", self.path)
        return re.compile(f"^{regex}$")


@dataclass
class Function:
    logical_id: str
    code_uri: Path
    handler: str  # module.attr
    environment: dict[str, str]
    sqs_queues: list[str] = field(default_factory=list)  # logical ids of queues it consumes
    streams: list[str] = field(default_factory=list)  # logical ids of tables whose stream it reads
    schedules: list[str] = field(default_factory=list)  # schedule names


class Stack:
    """The template, resolved: `physical(logical_id)` and `resolve(value)` follow CloudFormation's rules for the
    intrinsic functions the template uses (Ref, Fn::Sub, Fn::GetAtt, Fn::Join)."""

    def __init__(self, county: str, template: dict[str, Any] | None = None, stack_name: str | None = None):
        self.county = county
        self.name = stack_name or f"jeokgeuk-{county}"
        self.template = template or load_source()
        self.resources: dict[str, dict[str, Any]] = self.template["Resources"]
        self.parameters = {name: spec.get("Default") for name, spec in self.template.get("Parameters", {}).items()}
        self.parameters["CountyCode"] = county
        self.parameters.update(LOCAL_PARAMETERS)
        self.runtime_ids: dict[str, str] = {}  # ids known only after creation (user pool, client, key)

    # ------------------------------------------------------------ intrinsic functions
    def physical(self, logical_id: str) -> str:
        if logical_id in self.runtime_ids:
            return self.runtime_ids[logical_id]
        if logical_id in self.parameters:
            return str(self.parameters[logical_id])
        pseudo = {"AWS::StackName": self.name, "AWS::Region": REGION, "AWS::AccountId": ACCOUNT,
                  "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
        if logical_id in pseudo:
            return pseudo[logical_id]
        resource = self.resources[logical_id]
        props = resource.get("Properties", {})
        kind = resource["Type"]
        if kind == "AWS::DynamoDB::Table":
            return self.resolve(props["TableName"])
        if kind == "AWS::SQS::Queue":
            return self.queue_url(logical_id)
        if kind == "AWS::Events::EventBus":
            return self.resolve(props["Name"])
        if kind == "AWS::S3::Bucket":
            return self.resolve(props["BucketName"]) if "BucketName" in props else f"{self.name}-{logical_id}".lower()
        if kind == "AWS::Serverless::Function":
            return f"{self.name}-{logical_id}"
        return f"{self.name}-{logical_id}"

    def queue_name(self, logical_id: str) -> str:
        return self.resolve(self.resources[logical_id]["Properties"]["QueueName"])

    def queue_url(self, logical_id: str) -> str:
        return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{self.queue_name(logical_id)}"

    def attribute(self, logical_id: str, attribute: str) -> str:
        kind = self.resources[logical_id]["Type"]
        if kind == "AWS::DynamoDB::Table" and attribute == "Arn":
            return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{self.physical(logical_id)}"
        if kind == "AWS::SQS::Queue" and attribute == "Arn":
            return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{self.queue_name(logical_id)}"
        if kind == "AWS::Events::EventBus" and attribute == "Arn":
            return f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{self.physical(logical_id)}"
        if kind == "AWS::Events::Rule" and attribute == "Arn":
            return f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{self.physical(logical_id)}"
        if kind == "AWS::S3::Bucket" and attribute == "Arn":
            return f"arn:aws:s3:::{self.physical(logical_id)}"
        if kind == "AWS::Cognito::UserPool" and attribute == "Arn":
            return f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{self.physical(logical_id)}"
        if attribute == "StreamArn":
            return f"{self.attribute(logical_id, 'Arn')}/stream/local"
        return f"arn:aws:local:{REGION}:{ACCOUNT}:{logical_id}/{attribute}"

    def condition(self, name: str) -> bool:
        """A template condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition) with the stack's parameters."""
        return bool(self.resolve(self.template.get("Conditions", {})[name]))

    def resolve(self, value: Any) -> Any:
        """Intrinsic functions resolved; a value that is `AWS::NoValue` leaves its list or mapping."""
        if isinstance(value, list):
            return [r for r in (self.resolve(v) for v in value) if r is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref" and arg == "AWS::NoValue":
                return NO_VALUE
            if key == "Ref":
                return self.physical(arg)
            if key == "Fn::If":
                name, when_true, when_false = arg
                return self.resolve(when_true if self.condition(name) else when_false)
            if key == "Fn::Equals":
                left, right = self.resolve(arg)
                return str(left) == str(right)
            if key == "Fn::Not":
                return not self.resolve(arg[0])
            if key == "Fn::And":
                return all(self.resolve(arg))
            if key == "Fn::Or":
                return any(self.resolve(arg))
            if key == "Condition":
                return self.condition(arg)
            if key == "Fn::GetAtt":
                logical_id, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.attribute(logical_id, attribute)
            if key == "Fn::Sub":
                return self._sub(arg)
            if key == "Fn::Join":
                separator, parts = arg
                return separator.join(str(p) for p in self.resolve(parts))
        resolved = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                logical_id, attribute = name.split(".", 1)
                return self.attribute(logical_id, attribute)
            return self.physical(name)

        return re.sub(r"\$\{([^}]+)\}", replace, text)

    # ------------------------------------------------------------ what local mode needs to know
    def of_type(self, kind: str) -> dict[str, dict[str, Any]]:
        """The resources of `kind` this stack creates (a resource whose `Condition` is false is not created)."""
        return {lid: r for lid, r in self.resources.items()
                if r["Type"] == kind and ("Condition" not in r or self.condition(r["Condition"]))}

    def functions(self) -> dict[str, Function]:
        global_env = self.template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
        out: dict[str, Function] = {}
        for logical_id, resource in self.of_type("AWS::Serverless::Function").items():
            props = resource["Properties"]
            variables = {**global_env, **props.get("Environment", {}).get("Variables", {})}
            function = Function(logical_id, ROOT / props["CodeUri"], props["Handler"],
                                {k: str(self.resolve(v)) for k, v in variables.items()})
            for event in props.get("Events", {}).values():
                event_props = event.get("Properties", {})
                if event["Type"] == "SQS":
                    function.sqs_queues.append(event_props["Queue"]["Fn::GetAtt"][0])
                elif event["Type"] == "DynamoDB":
                    function.streams.append(event_props["Stream"]["Fn::GetAtt"][0])
                elif event["Type"] in ("ScheduleV2", "Schedule"):
                    function.schedules.append(self.resolve(event_props["Name"]))
            out[logical_id] = function
        return out

    def default_authorizer(self) -> str | None:
        for api in self.of_type("AWS::Serverless::HttpApi").values():
            return (api["Properties"].get("Auth") or {}).get("DefaultAuthorizer")
        return None

    def routes(self) -> list[Route]:
        routes, default = [], self.default_authorizer()
        for logical_id, resource in self.of_type("AWS::Serverless::Function").items():
            for event in resource["Properties"].get("Events", {}).values():
                if event["Type"] != "HttpApi":
                    continue
                props = event["Properties"]
                authorizer = (props.get("Auth") or {}).get("Authorizer") or default
                routes.append(Route(props["Method"].upper(), props["Path"], logical_id, authorizer != "NONE",
                                    None if authorizer == "NONE" else authorizer))
        return routes

    def pre_sign_up(self, pool: str) -> str | None:
        """The function the user pool `pool` (logical id) asks before each sign-up (its LambdaConfig.PreSignUp)."""
        arn = self.resolve((self.resources[pool]["Properties"].get("LambdaConfig") or {}).get("PreSignUp"))
        if not arn:
            return None
        for logical_id, resource in self.of_type("AWS::Serverless::Function").items():
            name = self.resolve(resource["Properties"].get("FunctionName")) or self.physical(logical_id)
            if str(arn).endswith(f":function:{name}"):
                return logical_id
        return None

    def redrive(self, logical_id: str) -> tuple[str, int] | None:
        policy = self.resources[logical_id]["Properties"].get("RedrivePolicy")
        if not policy:
            return None
        dlq = policy["deadLetterTargetArn"]["Fn::GetAtt"][0]
        return dlq, int(self.resolve(policy["maxReceiveCount"]))
