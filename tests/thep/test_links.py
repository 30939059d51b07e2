from django.urls import reverse

from thep.links import link_to


def test_a_table_link_is_the_address_reverse_gives():
    school_page = link_to("ofsted:school")
    assert (
        school_page(900012) == reverse("ofsted:school", args=[900012]) == "/ofsted/schools/900012/"
    )
    assert link_to("improvement:report")(7) == reverse("improvement:report", args=[7])
