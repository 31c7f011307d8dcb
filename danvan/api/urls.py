"""The REST API (django-ninja): /api/v1/… with its OpenAPI documentation at /api/docs."""

from django.urls import path
from ninja.openapi.views import openapi_view

from .main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/docs", lambda request: openapi_view(request, api=api), name="api-docs"),
]
