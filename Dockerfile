FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The packages the lock names, each checked by its hash, in a layer of their own that a change
# of code does not rebuild; the project runs from /app, not installed.
COPY requirements.lock .
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY . .
ENV PYTHONPATH=/app
RUN SECRET_KEY=collectstatic DATABASE_URL=postgres://x@localhost/x REDIS_URL=redis://localhost \
       python manage.py collectstatic --no-input \
    && useradd --create-home thep && mkdir -p /app/.data/media && chown -R thep /app/.data
USER thep
EXPOSE 8000
CMD ["gunicorn", "thep.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
