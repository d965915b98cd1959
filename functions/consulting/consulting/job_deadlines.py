"""Scheduled (daily, 08:50 KST): pre-consultings and opinion requests whose deadline alarm has passed publish
`ConsultingDeadlineApproaching` or `ConsultingDeadlineMissed`, once each (`common.deadlines`; index Queries, no
Scan)."""

from common.deadlines import daily_job
from consulting import deadlines

handler = daily_job("consulting", deadlines.raise_deadline_alarms)
