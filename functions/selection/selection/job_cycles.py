"""Scheduled (daily, 00:20 KST): this year's rounds exist (each asking the committee for its criteria), and every
cycle whose dates call for its next phase moves one step (`SelectionPhaseChanged`). One index query; a rerun moves
nothing twice (each move is conditional on the phase it read)."""

from common.jobs import area_job
from selection import cycles

handler = area_job("selection", cycles.run_schedule, what="selection cycles", idle={"created": [], "moved": {}})
