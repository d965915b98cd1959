"""Events of `jeokgeuk.residents`. A resident is their opaque id (the `sub` of their sign-in), never an email, a phone
number or a name."""

from typing import ClassVar

from common.events import Event


class _ResidentsEvent(Event):
    area: ClassVar[str] = "residents"


class ResidentWithdrawn(_ResidentsEvent):
    """The resident withdrew: their sign-in is deleted and their personal data erased. Areas holding records of theirs
    keep the records (a ballot counted, a report's case) without anything that identifies them."""

    resident_id: str
