"""Scheduled (daily, 08:30 KST): leave and cash redemptions awaiting HR whose deadline alarm has passed publish
`MileageDeadlineApproaching` or `MileageDeadlineMissed`, once each (`common.deadlines`; an index Query, no Scan)."""

from common.deadlines import daily_job
from mileage import fulfilment

handler = daily_job("mileage", fulfilment.raise_deadline_alarms)
