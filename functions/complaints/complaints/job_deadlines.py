"""Scheduled (daily, 08:50 KST): complaints whose deadline alarm has passed publish ComplaintsDeadlineApproaching or
ComplaintsDeadlineMissed, once each (`common.deadlines`; an index Query, no Scan)."""

from common.deadlines import daily_job
from complaints import clocks

handler = daily_job("complaints", clocks.raise_deadline_alarms)
