"""Router registration: one line per app that exposes an API."""

from danvan.api.main import api
from danvan.cases.api import router as cases_router
from danvan.cases.open311 import router as open311_router
from danvan.communities.api import router as communities_router
from danvan.consultations.api import router as consultations_router
from danvan.conventions.api import router as conventions_router
from danvan.decisions.api import router as decisions_router
from danvan.dialogues.api import router as reception_router
from danvan.dialogues.api_officer import router as reception_officer_router
from danvan.disclosures.api import router as disclosures_router
from danvan.publishing.api import router as news_router
from danvan.rulebook.api import router as calendar_router
from danvan.units.api import router as units_router

api.add_router("/calendar", calendar_router)
api.add_router("/units", units_router)
api.add_router("/news", news_router)
api.add_router("/disclosures", disclosures_router)
api.add_router("/cases", cases_router)
api.add_router("/reception/officer", reception_officer_router)
api.add_router("/reception", reception_router)
api.add_router("/open311/v2", open311_router)
api.add_router("/communities", communities_router)
api.add_router("/decisions", decisions_router)
api.add_router("/conventions", conventions_router)
api.add_router("/consultations", consultations_router)
