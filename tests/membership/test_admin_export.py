"""What the admin exports (django-import-export) opens in a spreadsheet as text, never as a
formula (issue 17, item 3)."""

from django.contrib import admin

from membership.models import Member, Membership
from tests.membership.factories import MembershipFactory
from thep.resources import FormulaSafeResource


def test_admin_export_writes_a_formula_as_text(client_for, office_admin):
    MembershipFactory(member=Member.objects.create(name="=1+1"), year=2017)
    client = client_for(office_admin)
    form = client.get("/admin/membership/membership/export/").context["form"]
    chosen = {name: "on" for name in form.fields if name.startswith("membershipresource_")}
    response = client.post(
        "/admin/membership/membership/export/", {"format": "0", "resource": "0", **chosen}
    )
    assert response.status_code == 200
    exported = response.content.decode()
    assert "'=1+1" in exported
    assert ",=1+1" not in exported


def test_every_admin_export_is_formula_safe():
    for model_admin in admin.site._registry.values():
        for resource in getattr(model_admin, "resource_classes", []):
            assert issubclass(resource, FormulaSafeResource), resource
    assert Membership in admin.site._registry
