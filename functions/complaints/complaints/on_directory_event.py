"""Consumer: the directory's employee events → the complaints' staff projection (department, roles)."""

from common.consumer import consumer_handler
from complaints import staff

handler = consumer_handler(consumer="complaints-directory-projection", table_variable="COMPLAINTS_TABLE",
                           handle=staff.apply_directory)
