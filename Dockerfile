# Production image: gunicorn serves the app (static files through WhiteNoise); the same image runs the
# Celery worker and beat. Built by docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=mieux.settings.prod

WORKDIR /app
RUN useradd --create-home --uid 1000 mieux
# WeasyPrint (certificates, PDF reports): Pango, HarfBuzz's subsetting library (without it WeasyPrint is
# about ten times slower) and the DejaVu fonts the certificates use.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml constraints.txt ./
RUN pip install --upgrade pip && pip install -c constraints.txt -e .

COPY . .
# Static files and compiled catalogues are part of the image; the stub values only let settings load.
RUN DJANGO_SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        MIEUX_ISSUER_KEY=build-only \
        python manage.py collectstatic --noinput \
    && python manage.py compile_translations \
    && mkdir -p /app/media && chown -R mieux /app/media

USER mieux
EXPOSE 8000
CMD ["gunicorn", "mieux.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
