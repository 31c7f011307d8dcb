"""Admin helpers: admin saves go through services, and a refused save shows the service's message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect


class ServiceAdminMixin:
    """ModelAdmin mixin: `save_model` may raise ValidationError (from a DomainError); the admin then shows
    the Vietnamese message on the same page instead of a server error, and nothing is saved."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
