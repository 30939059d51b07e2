import datetime

import factory

from ofsted.models import Grade, Inspection, InspectionType
from tests.factories import ModelFactory, SchoolFactory


class InspectionFactory(ModelFactory[Inspection]):
    class Meta:
        model = Inspection

    school = factory.SubFactory(SchoolFactory)
    inspection_type = InspectionType.GRADED
    start_date = datetime.date(2022, 10, 4)
    publication_date = factory.LazyAttribute(
        lambda inspection: inspection.start_date + datetime.timedelta(days=30)
    )
    overall_effectiveness = Grade.GOOD
