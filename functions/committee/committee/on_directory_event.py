"""Consumer: directory events (employees holding `committee`, CommitteeMemberAppointed) → the members projection."""

from committee import members
from common.consumer import consumer_handler

handler = consumer_handler(consumer="committee-directory-projection", table_variable="COMMITTEE_TABLE",
                           handle=members.apply)
