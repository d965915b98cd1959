"""Consumer: ResidentWithdrawn → the resident's reports no longer linked to them."""

from common.consumer import consumer_handler
from complaints import mine

handler = consumer_handler(consumer="complaints-resident-withdrawals", table_variable="COMPLAINTS_TABLE",
                           handle=mine.forget_resident)
