"""Scheduled (daily, 03:40 KST): reporters of cases closed longer ago than the county's complaint retention are
erased (one index Query, no Scan; conditional, so a rerun or a reopened case erases nothing more)."""

from common.jobs import area_job
from complaints import retention

handler = area_job("complaints", retention.erase_expired, what="complaint retention", idle={"due": 0})
