"""Create the template's resources in the emulator (moto, in-process or server): tables, buckets, queues, bus, rules,
user pools (staff with its groups, residents) and their app clients, KMS key. Works the same under `mock_aws` and
against a moto server."""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

import boto3

from devstack.stack import REGION, Stack

# Local only: `python -m devstack token` signs in with ADMIN_USER_PASSWORD_AUTH. The deployed app client has no such
# flow (template.yaml); the emulated one gets it here.
LOCAL_AUTH_FLOWS = ("ALLOW_ADMIN_USER_PASSWORD_AUTH",)


def _client(service: str) -> Any:
    return _cached_client(service, os.environ.get("AWS_ENDPOINT_URL"))


@cache
def _cached_client(service: str, endpoint: str | None) -> Any:
    # one client per service and emulator endpoint: building a client costs ~50 ms, the tests build stacks often
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint)


def create_key(stack: Stack) -> None:
    for logical_id, resource in stack.of_type("AWS::KMS::Key").items():
        spec = {k: v for k, v in resource["Properties"].items() if k in ("KeySpec", "KeyUsage")}  # an HMAC key
        key_id = _client("kms").create_key(Description=f"{stack.name} {logical_id}", **spec)["KeyMetadata"]["KeyId"]
        stack.runtime_ids[logical_id] = key_id


def create_tables(stack: Stack) -> None:
    dynamodb = _client("dynamodb")
    for resource in stack.of_type("AWS::DynamoDB::Table").values():
        props = stack.resolve(resource["Properties"])
        kwargs: dict[str, Any] = {
            "TableName": props["TableName"],
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"],
            "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if props.get("GlobalSecondaryIndexes"):
            kwargs["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
        if props.get("StreamSpecification"):
            kwargs["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
        dynamodb.create_table(**kwargs)
        if props.get("TimeToLiveSpecification"):
            dynamodb.update_time_to_live(TableName=props["TableName"],
                                         TimeToLiveSpecification=props["TimeToLiveSpecification"])


def create_queues(stack: Stack) -> None:
    sqs = _client("sqs")
    queues = stack.of_type("AWS::SQS::Queue")
    # dead-letter queues first: a queue's redrive policy names its DLQ's ARN
    ordered = sorted(queues, key=lambda lid: "RedrivePolicy" in queues[lid]["Properties"])
    for logical_id in ordered:
        props = stack.resolve(queues[logical_id]["Properties"])
        attributes = {}
        if "VisibilityTimeout" in props:
            attributes["VisibilityTimeout"] = str(props["VisibilityTimeout"])
        if "RedrivePolicy" in props:
            attributes["RedrivePolicy"] = json.dumps(props["RedrivePolicy"])
        sqs.create_queue(QueueName=props["QueueName"], Attributes=attributes)


def create_bus_and_rules(stack: Stack) -> None:
    events = _client("events")
    for resource in stack.of_type("AWS::Events::EventBus").values():
        events.create_event_bus(Name=stack.resolve(resource["Properties"]["Name"]))
    for logical_id, resource in stack.of_type("AWS::Events::Rule").items():
        props = stack.resolve(resource["Properties"])
        name = stack.physical(logical_id)
        events.put_rule(Name=name, EventBusName=props["EventBusName"], EventPattern=json.dumps(props["EventPattern"]))
        events.put_targets(Rule=name, EventBusName=props["EventBusName"],
                           Targets=[{"Id": t["Id"], "Arn": t["Arn"]} for t in props["Targets"]])


def create_user_pool(stack: Stack) -> None:
    cognito = _client("cognito-idp")
    for logical_id, resource in stack.of_type("AWS::Cognito::UserPool").items():
        props = stack.resolve(resource["Properties"])
        schema = [{"Name": a["Name"], "AttributeDataType": a["AttributeDataType"], "Mutable": a.get("Mutable", True)}
                  for a in props.get("Schema", [])]
        # the residents' pool signs in by email or phone (UsernameAttributes) and verifies them (AutoVerified...)
        sign_in = {name: props[name] for name in ("UsernameAttributes", "AutoVerifiedAttributes") if name in props}
        if schema:
            sign_in["Schema"] = schema
        pool = cognito.create_user_pool(PoolName=props["UserPoolName"], Policies=props.get("Policies", {}),
                                        **sign_in)["UserPool"]
        stack.runtime_ids[logical_id] = pool["Id"]
    for logical_id, resource in stack.of_type("AWS::Cognito::UserPoolClient").items():
        props = stack.resolve(resource["Properties"])
        flows = [*props["ExplicitAuthFlows"], *(f for f in LOCAL_AUTH_FLOWS if f not in props["ExplicitAuthFlows"])]
        client = cognito.create_user_pool_client(
            UserPoolId=props["UserPoolId"], ClientName=props["ClientName"], GenerateSecret=False,
            ExplicitAuthFlows=flows, ReadAttributes=props.get("ReadAttributes", []),
            WriteAttributes=props.get("WriteAttributes", []),
        )["UserPoolClient"]
        stack.runtime_ids[logical_id] = client["ClientId"]
    for resource in stack.of_type("AWS::Cognito::UserPoolGroup").values():
        props = stack.resolve(resource["Properties"])
        cognito.create_group(UserPoolId=props["UserPoolId"], GroupName=props["GroupName"],
                             Description=props.get("Description", ""))


def create_buckets(stack: Stack) -> None:
    s3 = _client("s3")
    for logical_id in stack.of_type("AWS::S3::Bucket"):
        s3.create_bucket(Bucket=stack.physical(logical_id),
                         CreateBucketConfiguration={"LocationConstraint": REGION})


def create_all(stack: Stack) -> Stack:
    """Every resource local mode and the tests need, in dependency order."""
    create_key(stack)
    create_tables(stack)
    create_buckets(stack)
    create_queues(stack)
    create_bus_and_rules(stack)
    create_user_pool(stack)
    return stack
