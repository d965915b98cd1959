"""Consumer: CommitteeItemRequested (consulting, selection) → an open agenda item, once per origin case."""

from committee import agenda
from common.consumer import consumer_handler

handler = consumer_handler(consumer="committee-item-requests", table_variable="COMMITTEE_TABLE",
                           handle=agenda.from_event)
