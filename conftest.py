import pytest
from django.core.cache import cache

from tests.cast import build_cast


@pytest.fixture
def cast(db):
    """The named test cast (tests/cast.py): a fixed unit tree and officers with known roles."""
    return build_cast()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()
