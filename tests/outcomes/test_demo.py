from membership.models import School
from thep import years
from thep.models import User


def test_demo_head_sees_three_years_of_made_up_results(demo_db, client):
    client.force_login(User.objects.get(email="head@example.org"))
    bonner = School.objects.get(name="Bonner Primary School")

    page = client.get(f"/schools/{bonner.urn}/").content.decode()

    assert "Results against the country" in page
    last = years.current() - 1
    for year in (last, last - 1, last - 2):
        assert f'<caption class="caption-top">{years.label(year)}</caption>' in page
    assert "KS2 reading, writing and maths: expected standard (%)" in page
    assert "Overall absence (% of sessions)" in page
