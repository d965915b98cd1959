"""What an issued opinion presumes for an exemption (면책) application (운영규정 §15④–⑥; 공공감사법 시행령 §13의3).

- Presumed exempt (면책 추정) only where the official acted on an opinion on the **same matter**, having given
  **complete information** and with **no private interest**.
- Separately, no gross negligence (중과실 없음) is presumed where there is **no private interest** and **no serious
  procedural defect**.

Pure: the registry's opinions and the application's declarations in, the presumptions out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Opinion:
    opinion_id: str
    matter_code: str
    information_complete: bool  # the requester attested the information was complete, and it was not found otherwise
    private_interest: bool  # the requester declared (or was found to have) a private interest


@dataclass(frozen=True)
class Application:
    matter_code: str
    private_interest: bool
    serious_procedural_defect: bool


@dataclass(frozen=True)
class Presumption:
    opinion_id: str | None
    presumed_exempt: bool
    no_gross_negligence_presumed: bool
    reasons: tuple[str, ...]  # why a presumption does not hold (codes)


def presumption(application: Application, opinion: Opinion | None) -> Presumption:
    """What `opinion` (None: the application cites none) presumes for `application`."""
    reasons: list[str] = []
    if opinion is None:
        reasons.append("no_opinion")
    else:
        if opinion.matter_code != application.matter_code:
            reasons.append("other_matter")
        if not opinion.information_complete:
            reasons.append("information_incomplete")
    private = application.private_interest or bool(opinion and opinion.private_interest)
    if private:
        reasons.append("private_interest")
    if application.serious_procedural_defect:
        reasons.append("serious_procedural_defect")
    exempt = opinion is not None and not {"other_matter", "information_incomplete", "private_interest"} & set(reasons)
    return Presumption(opinion.opinion_id if opinion else None, exempt,
                       not private and not application.serious_procedural_defect, tuple(reasons))
