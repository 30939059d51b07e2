import datetime

import factory

from improvement.models import Report, Visit, agreement_due
from tests.factories import ModelFactory, SchoolFactory, UserFactory
from thep import years
from thep.models import Role


class VisitFactory(ModelFactory[Visit]):
    class Meta:
        model = Visit

    school = factory.SubFactory(SchoolFactory)
    consultant = factory.SubFactory(UserFactory, role=Role.CONSULTANT)
    date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    year = factory.LazyAttribute(lambda visit: years.year_of(visit.date))
    start_time = datetime.time(9, 30)
    minutes = 150
    focus = "Curriculum"


class ReportFactory(ModelFactory[Report]):
    class Meta:
        model = Report

    visit = factory.SubFactory(VisitFactory)
    due_by = factory.LazyAttribute(lambda report: agreement_due(report.visit.date))
    summary = "We discussed the curriculum."
    strengths = "Early reading."
    areas_for_development = "Maths in Key Stage 2."
