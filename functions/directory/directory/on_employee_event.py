"""Entry point: directory employee events → Cognito users (`cognito_sync`).

EventBridge → the DirectoryCognitoSync queue → this function; each event is handled at most once
(`common.consumer`), and every step is idempotent anyway, so a replay from the DLQ is harmless.
"""

from common.consumer import consumer_handler
from directory.cognito_sync import sync

handler = consumer_handler(consumer="directory-cognito-sync", table_variable="DIRECTORY_TABLE", handle=sync)
