"""Local mode's resources are the template's, with the one local-only difference it needs."""

from __future__ import annotations

import boto3

from devstack.resources import LOCAL_AUTH_FLOWS


def test_only_the_local_app_client_allows_admin_password_sign_in(stack):
    template = stack.resolve(stack.resources["UserPoolClient"]["Properties"])
    client = boto3.client("cognito-idp").describe_user_pool_client(
        UserPoolId=stack.physical("UserPool"), ClientId=stack.physical("UserPoolClient"))["UserPoolClient"]

    assert set(client["ExplicitAuthFlows"]) == {*template["ExplicitAuthFlows"], *LOCAL_AUTH_FLOWS}
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" not in template["ExplicitAuthFlows"]  # `devstack token` needs it here
    assert client["ReadAttributes"] == template["ReadAttributes"]
    assert client["WriteAttributes"] == template["WriteAttributes"]


def test_scheduled_jobs_dlq_exists_locally(stack):
    sqs = boto3.client("sqs")
    assert sqs.get_queue_url(QueueName=stack.queue_name("ScheduledJobsDLQ"))["QueueUrl"]


def test_template_conditions_follow_the_parameters():
    from devstack.stack import Stack

    plain = Stack("demo")
    assert not plain.condition("HasVoucherVendor") and "MileageVoucherVendorAccess" not in plain.of_type(
        "AWS::SQS::QueuePolicy")
    assert "EmailConfiguration" not in plain.resolve(plain.resources["UserPool"]["Properties"])  # AWS::NoValue
    assert plain.functions()["MileageFulfilmentFunction"].environment["MILEAGE_VOUCHER_ISSUER"] == "fake"  # local

    vendor = Stack("demo")
    vendor.parameters.update({"VoucherVendorAccountId": "210987654321", "InviteSenderArn": "arn:aws:ses:x",
                              "InviteSenderAddress": "noreply@demo.go.kr"})
    assert vendor.condition("HasVoucherVendor") and "MileageVoucherVendorAccess" in vendor.of_type(
        "AWS::SQS::QueuePolicy")
    assert vendor.resolve(vendor.resources["UserPool"]["Properties"])["EmailConfiguration"] == {
        "EmailSendingAccount": "DEVELOPER", "SourceArn": "arn:aws:ses:x", "From": "noreply@demo.go.kr"}
