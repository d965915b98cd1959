"""Consumer: CommitteeResolved (the committee's answers to consulting's items) → advice, opinion, ratification."""

from common.consumer import consumer_handler
from consulting import answers

handler = consumer_handler(consumer="consulting-committee-answers", table_variable="CONSULTING_TABLE",
                           handle=answers.from_event)
