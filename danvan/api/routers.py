"""Router registration: one line per app that exposes an API."""

from danvan.api.main import api
from danvan.rulebook.api import router as calendar_router
from danvan.units.api import router as units_router

api.add_router("/calendar", calendar_router)
api.add_router("/units", units_router)
