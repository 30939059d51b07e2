from django.urls import reverse


def _details(client, settings):
    return client.get(reverse("healthz"), HTTP_AUTHORIZATION=f"Bearer {settings.THEP_HEALTH_TOKEN}")


def test_healthz_reports_database_redis_and_worker(client, celery_worker, settings):
    settings.THEP_HEALTH_WORKER_SECONDS = 10  # answered as soon as the worker replies
    response = _details(client, settings)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "celery": "ok"}


def test_healthz_says_when_no_worker_is_running(client, db, settings):
    response = _details(client, settings)
    assert response.status_code == 503
    assert response.json()["celery"] == "no worker"
    assert response.json()["database"] == "ok"


def test_the_public_learns_only_whether_all_is_well(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "degraded"}


def test_the_office_and_directors_see_which_part_is_down(client_for, director, head_a):
    assert "celery" in client_for(director).get(reverse("healthz")).json()
    assert "celery" not in client_for(head_a).get(reverse("healthz")).json()


def test_a_monitor_with_the_token_sees_the_details(client, db, settings):
    token = settings.THEP_HEALTH_TOKEN
    answer = client.get(reverse("healthz"), HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert answer["database"] == "ok"
    assert "celery" not in client.get(reverse("healthz"), HTTP_AUTHORIZATION="Bearer x").json()
