"""The participation ladder (participatieladder): how much say residents really have.

Shown on every initiative and, later, on every participation process, so residents know
beforehand whether they are being informed, asked, or are deciding themselves.
"""

from __future__ import annotations

from enum import StrEnum

from node.community.errors import N_, Invalid


class ParticipationLevel(StrEnum):
    INFORM = "inform"
    CONSULT = "consult"
    ADVISE = "advise"
    COPRODUCE = "coproduce"
    CODECIDE = "codecide"
    SELFMANAGE = "selfmanage"

    @property
    def label(self) -> str:
        """Its name, a msgid."""
        return _LABELS[self]

    @property
    def explanation(self) -> str:
        """What it means for residents, a msgid."""
        return _EXPLANATIONS[self]

    @property
    def step(self) -> int:
        """1 (least say) to 6 (most say)."""
        return list(ParticipationLevel).index(self) + 1

    @classmethod
    def ladder(cls) -> list[ParticipationLevel]:
        return list(cls)

    @classmethod
    def parse(cls, value: str) -> ParticipationLevel:
        try:
            return cls(value)
        except ValueError:
            raise Invalid(N_("Choose how much say residents have.")) from None


_LABELS = {
    ParticipationLevel.INFORM: N_("Informing"),
    ParticipationLevel.CONSULT: N_("Consulting"),
    ParticipationLevel.ADVISE: N_("Advising"),
    ParticipationLevel.COPRODUCE: N_("Co-producing"),
    ParticipationLevel.CODECIDE: N_("Deciding together"),
    ParticipationLevel.SELFMANAGE: N_("Self-managing"),
}

_EXPLANATIONS = {
    ParticipationLevel.INFORM: N_(
        "Residents are told what will happen. They have no say in the decision."
    ),
    ParticipationLevel.CONSULT: N_(
        "Residents are asked for their opinion. Others decide and may do something else."
    ),
    ParticipationLevel.ADVISE: N_(
        "Residents give advice. Those who decide follow it, or explain why they do not."
    ),
    ParticipationLevel.COPRODUCE: N_(
        "Residents and the municipality work out the plan together, as equal partners."
    ),
    ParticipationLevel.CODECIDE: N_(
        "Residents decide together with the municipality; the outcome is binding."
    ),
    ParticipationLevel.SELFMANAGE: N_(
        "Residents decide and carry it out themselves. The municipality helps where asked."
    ),
}
