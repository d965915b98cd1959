"""Consumer: directory events (EmployeeJoined / EmployeeChanged / EmployeeLeft) → mileage's staff projection."""

from common.consumer import consumer_handler
from mileage import staff

handler = consumer_handler(consumer="mileage-directory-projection", table_variable="MILEAGE_TABLE", handle=staff.apply)
