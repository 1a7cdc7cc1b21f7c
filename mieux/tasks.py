"""Background work of the framework. Thin: each task takes an id and calls the code that does it."""

from __future__ import annotations

from celery import shared_task

from .celery import Queue


@shared_task(name="mieux.password_reset_email_send", queue=Queue.DEFAULT, acks_late=True)
def password_reset_email_send(user_id: int) -> None:
    from .accounts import password_reset_email_send as send
    from .models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        send(user)
