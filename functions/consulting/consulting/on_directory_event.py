"""Consumer: the directory's employee events → consulting's staff projection (department)."""

from common.consumer import consumer_handler
from consulting import staff

handler = consumer_handler(consumer="consulting-directory-projection", table_variable="CONSULTING_TABLE",
                           handle=staff.apply_directory)
