"""The committee's answers to consulting's items (CommitteeResolved with `origin_area="consulting"`): advice on a
pre-consulting, the opinion on an opinion request, a ratification's outcome. Other origins' resolutions are not ours."""

from __future__ import annotations

from common.events import EventEnvelope
from common.observability import logger
from consulting import exemptions, litigation, opinion_requests, pre_consultings, ratifications
from contracts.committee import CommitteeResolved, ItemKind


def from_event(envelope: EventEnvelope) -> None:
    if envelope.detail_type != CommitteeResolved.detail_type():
        return
    event = CommitteeResolved.of(envelope)
    if event.origin_area != "consulting" or not event.origin_case_id:
        return
    case_id = event.origin_case_id
    if event.kind is ItemKind.PRE_CONSULTING:
        pre_consultings.advice_answered(case_id, event)
    elif event.kind is ItemKind.OPINION_REQUEST:
        opinion_requests.resolved(case_id, event)
    elif event.kind is ItemKind.RATIFICATION:
        ratifications.resolved(case_id, event)
    elif event.kind is ItemKind.EXEMPTION_RECOMMENDATION:
        exemptions.recommendation_resolved(case_id, event)
    elif event.kind is ItemKind.LITIGATION_SUPPORT:
        litigation.resolved(case_id, event)
    else:
        logger.warning("committee resolution of a kind consulting does not ask", extra={"kind": event.kind})
