"""Consumer: CommitteeResolved of the selection's items → the cycle's criteria resolved, or its awardees."""

from common.consumer import consumer_handler
from selection import cycles

handler = consumer_handler(consumer="selection-committee-resolutions", table_variable="SELECTION_TABLE",
                           handle=cycles.on_committee_resolved)
