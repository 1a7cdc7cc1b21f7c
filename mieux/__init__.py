"""The MIEUX+ platform: settings and the shared framework every domain app builds on."""

from .celery import app as celery_app

__all__ = ("celery_app",)
