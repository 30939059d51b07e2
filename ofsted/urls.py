app_name = "ofsted"

urlpatterns: list = []
