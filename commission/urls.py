app_name = "commission"

urlpatterns: list = []
