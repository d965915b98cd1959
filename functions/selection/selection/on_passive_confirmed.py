"""Consumer: PassiveAdministrationConfirmed (complaints) → the official's exclusions from selection, with reasons."""

from common.consumer import consumer_handler
from selection import staff

handler = consumer_handler(consumer="selection-passive-cases", table_variable="SELECTION_TABLE",
                           handle=staff.apply_passive_case)
