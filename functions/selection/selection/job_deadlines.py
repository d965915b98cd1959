"""Scheduled (daily, 08:50 KST): cycles whose incentives still await HR and whose deadline alarm has passed publish
`SelectionDeadlineApproaching` or `SelectionDeadlineMissed`, once each (`common.deadlines`; an index Query, no Scan)."""

from common.deadlines import daily_job
from selection import awards

handler = daily_job("selection", awards.raise_deadline_alarms)
