from django_tasks import task

from . import services


@task()
def deliver_notification(notification_id: int, channels: list[str]) -> None:
    services.deliver(notification_id, channels)
