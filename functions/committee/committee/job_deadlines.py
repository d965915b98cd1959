"""Scheduled (daily, 08:40 KST): audit-head opinions still awaited whose deadline alarm has passed publish
`CommitteeDeadlineApproaching` or `CommitteeDeadlineMissed`, once each (`common.deadlines`; an index Query, no Scan)."""

from committee import opinion_alarms
from common.deadlines import daily_job

handler = daily_job("committee", opinion_alarms.raise_deadline_alarms)
