"""Consumer: the directory's employee events → the selection's staff projection (department, employment type)."""

from common.consumer import consumer_handler
from selection import staff

handler = consumer_handler(consumer="selection-directory-projection", table_variable="SELECTION_TABLE",
                           handle=staff.apply_directory)
