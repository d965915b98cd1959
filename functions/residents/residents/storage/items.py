"""The residents table's items: the only module that knows their classes, keys and index keys.

Single table (`RESIDENTS_TABLE`):

| item | pk | sk | gsi1pk / gsi1sk |
|---|---|---|---|
| resident (or, once withdrawn, their tombstone) | `RESIDENT#<sub>` | `PROFILE` | |
| outbox entry | `OUTBOX#<event id>` | `EVENT` | `OUTBOX_PENDING` / ts (common.events) |

The contact fields are KMS ciphertexts bound to the record and field (common.crypto). Nothing scans.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from common.dynamo import TableItem, table_meta
from common.events import outbox_model

Meta = table_meta("RESIDENTS_TABLE", "jeokgeuk-demo-residents")
Outbox = outbox_model(Meta)

PROFILE = "PROFILE"


class ResidentItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default=PROFILE)
    resident_id = UnicodeAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    email = UnicodeAttribute(null=True)  # ciphertext
    phone = UnicodeAttribute(null=True)  # ciphertext
    notify_by = UnicodeAttribute(default="none")
    consent_at = UTCDateTimeAttribute(null=True)
    withdrawn_at = UTCDateTimeAttribute(null=True)
    version = NumberAttribute(default=0)

    @staticmethod
    def key(resident_id: str) -> tuple[str, str]:
        return f"RESIDENT#{resident_id}", PROFILE

    @classmethod
    def of(cls, resident_id: str, **attributes: object) -> ResidentItem:
        pk, sk = cls.key(resident_id)
        return cls(pk, sk, resident_id=resident_id, **attributes)
