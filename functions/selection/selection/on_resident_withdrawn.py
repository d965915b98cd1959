"""Consumer: ResidentWithdrawn → the resident's nominations no longer say who made them."""

from common.consumer import consumer_handler
from selection import nominations

handler = consumer_handler(consumer="selection-resident-withdrawals", table_variable="SELECTION_TABLE",
                           handle=nominations.forget_resident)
