"""Scheduled (monthly, the 1st at 09:00 KST): the monthly status check — open complaints more than half through
their period, per department, to the audit head (`ComplaintsStatusChecked`; once a month; an index Query, no Scan)."""

from common.jobs import area_job
from complaints import status_check

handler = area_job("complaints", status_check.run, what="monthly status check", idle={"open": 0})
