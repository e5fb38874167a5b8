# Production image: one image, four commands (bin/release, bin/web, bin/worker, bin/scheduler),
# see docker-compose.yml.
FROM python:3.11-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VAR_DIR=/app/var

WORKDIR /app
RUN useradd --create-home --uid 1000 network
# pg_dump and pg_restore for manage.py backup/restore, of the server's major version
# (docker-compose runs PostgreSQL 17; Debian trixie ships its client).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-17 \
 && rm -rf /var/lib/apt/lists/*
# The same pinned, hashed set as `make install` and CI (requirements.txt, made by `make lock`).
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt
COPY . .
# The translation catalogs are compiled here (build output, not committed: docs/architecture.md).
RUN pybabel -q compile -d locale -D "django djangojs"
# Static files belong to the image (bin/release collects them again when run natively).
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
 && chown -R network:network /app/var
USER network

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["bin/web"]
