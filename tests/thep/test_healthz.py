from django.urls import reverse


def test_healthz_reports_database_redis_and_worker(client, celery_worker):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "celery": "ok"}


def test_healthz_says_when_no_worker_is_running(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["celery"] == "no worker"
    assert response.json()["database"] == "ok"
