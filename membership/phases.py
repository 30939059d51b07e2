"""How THEP's own tables group the phases of education: the one grouping the KPI tables, the
Ofsted figures and the routing of LC reports to a director all follow."""

from membership.models import Phase

# The KPI tables of seed 000 count schools in four groups: all-through schools and alternative
# provision are counted with the secondaries (the 2017-18 report lists St Paul's Way, City
# Gateway and London East AP among its secondaries). Each group is named by its first phase.
KPI_GROUPS: dict[Phase, tuple[Phase, ...]] = {
    Phase.NURSERY: (Phase.NURSERY,),
    Phase.PRIMARY: (Phase.PRIMARY,),
    Phase.SECONDARY: (Phase.SECONDARY, Phase.ALL_THROUGH, Phase.ALTERNATIVE),
    Phase.SPECIAL: (Phase.SPECIAL,),
}


def kpi_group(phase: str, *, alternative_apart: bool = False) -> Phase:
    """The group whose row counts a school of `phase`. Seed 000's count of inspections is the
    one table that gives alternative provision a row of its own (`alternative_apart`)."""
    if alternative_apart and phase == Phase.ALTERNATIVE:
        return Phase.ALTERNATIVE
    return next(group for group, phases in KPI_GROUPS.items() if phase in phases)
