"""Consumer: other areas' events (consulting, selection, complaints) → draft proposals, by the county's event rules."""

from common.consumer import consumer_handler
from mileage import proposal_drafts

handler = consumer_handler(consumer="mileage-proposals", table_variable="MILEAGE_TABLE",
                           handle=proposal_drafts.draft_from_event)
