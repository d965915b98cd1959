"""Consumer: the voucher vendor's answers on the stack's result queue → the held points spent with the voucher code,
or refunded. One message per answer:

    {"redemption_id": "…", "outcome": "issued", "voucher_code": "…"}
    {"redemption_id": "…", "outcome": "refused", "reason": "품절"}

A message that is not such an answer, or names no known redemption, fails and lands in the queue's DLQ after its
retries (for the county to look at with the vendor); a repeated answer changes nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import BaseModel, ConfigDict, Field, model_validator

from common import import_done
from common.county import county
from common.observability import logger
from mileage import fulfilment


class IssuerAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    redemption_id: str = Field(min_length=1, max_length=64)
    outcome: Literal["issued", "refused"]
    voucher_code: str | None = Field(default=None, min_length=1, max_length=200)
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _code_when_issued(self) -> IssuerAnswer:
        if self.outcome == "issued" and not self.voucher_code:
            raise ValueError("an issued voucher needs its voucher_code")
        return self


def settle(record: SQSRecord) -> None:
    answer = IssuerAnswer.model_validate_json(record.body)
    outcome = fulfilment.settle_issuer_answer(answer.redemption_id, issued=answer.outcome == "issued",
                                               voucher_code=answer.voucher_code, reason=answer.reason)
    logger.info("issuer answer", extra={"redemption_id": answer.redemption_id, "outcome": outcome})


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict, context: Any) -> dict:
    county()  # validated on the cold start
    return process_partial_response(event=event, record_handler=settle,
                                    processor=BatchProcessor(event_type=EventType.SQS), context=context)


import_done()  # the import is over: what it made is frozen, the collector runs again (common/__init__.py)
