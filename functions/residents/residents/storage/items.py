"""The residents table's items: the only module that knows their classes, keys and index keys.

Single table (`RESIDENTS_TABLE`):

| item | pk | sk | index keys |
|---|---|---|---|
| resident (tombstone once withdrawn) | `RESIDENT#<sub>` | `PROFILE` | gsi2: `RETENTION#profile` / `<erase at>#<sub>` |
| outbox entry | `OUTBOX#<event id>` | `EVENT` | gsi1: `OUTBOX_PENDING` / ts (common.events) |

The contact fields are KMS ciphertexts bound to the record and field (common.crypto). The record carries its gsi2
keys only while it holds personal data (a contact or the consent): a sparse index whose sort key is the moment the
retention job erases that data (KST, to the second), so the job finds what is due with one Query. Nothing scans.
"""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from common.deadlines import stamp
from common.dynamo import TableItem, index, table_meta
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
    last_used_at = UTCDateTimeAttribute(null=True)
    erased_at = UTCDateTimeAttribute(null=True)
    by_erasure = index("gsi2")

    @staticmethod
    def key(resident_id: str) -> tuple[str, str]:
        return f"RESIDENT#{resident_id}", PROFILE

    @staticmethod
    def retention_partition() -> str:
        return f"RETENTION#{PROFILE.lower()}"

    @classmethod
    def retention_entry(cls, resident_id: str, erase_at: datetime) -> str:
        """The record's gsi2 sort key: when its personal data is erased, then the resident (one entry each)."""
        return f"{stamp(erase_at)}#{resident_id}"

    @classmethod
    def due_before(cls, moment: datetime) -> str:
        """The highest sort key of an entry due at `moment` (`~` sorts after the `#<sub>` of any entry)."""
        return f"{stamp(moment)}~"

    @classmethod
    def of(cls, resident_id: str, erase_at: datetime | None = None, **attributes: object) -> ResidentItem:
        """The record; with `erase_at` (it holds personal data) its retention entry in the sparse index."""
        pk, sk = cls.key(resident_id)
        if erase_at is not None:
            attributes.update(gsi2pk=cls.retention_partition(), gsi2sk=cls.retention_entry(resident_id, erase_at))
        return cls(pk, sk, resident_id=resident_id, **attributes)
