"""Load the demo data set (idempotent): units and successions, officers, households, search index.

`manage.py seed_demo` does nothing harmful when run twice: every part looks its rows up first.
`--if-empty` loads only into a database without units (what `make run` uses).
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.access import demo as access_demo
from danvan.units import demo as units_demo
from danvan.units.models import Unit


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị Đồng Tháp – Tam Nông, cán bộ, hộ gia đình). Chạy lại không tạo bản trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Chỉ nạp khi cơ sở dữ liệu chưa có đơn vị nào."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Unit.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu — bỏ qua nạp dữ liệu mẫu.")
            return
        self.stdout.write("Nạp dữ liệu mẫu…")
        with transaction.atomic():
            units = units_demo.seed(stdout=self.stdout)
            access_demo.seed(units, stdout=self.stdout)
            try:
                from danvan.people import demo as people_demo
            except ImportError:  # pragma: no cover
                people_demo = None
            if people_demo is not None:
                people_demo.seed(stdout=self.stdout)
                self._verify_demo_citizen(units)
            for module in (
                "danvan.publishing.demo",
                "danvan.disclosures.demo",
                "danvan.cases.demo",
                "danvan.dialogues.demo",
                "danvan.communities.demo",
                "danvan.reviews.demo",
                "danvan.decisions.demo",
                "danvan.conventions.demo",
                "danvan.consultations.demo",
            ):
                try:
                    demo_module = importlib.import_module(module)
                except ModuleNotFoundError:  # pragma: no cover - while a module is being written
                    continue
                demo_module.seed(stdout=self.stdout)
        try:
            from danvan.search.registry import reindex_all
        except ImportError:  # pragma: no cover
            reindex_all = None
        if reindex_all is not None:
            reindex_all()
        self.stdout.write(self.style.SUCCESS("Đã nạp xong dữ liệu mẫu."))

    def _verify_demo_citizen(self, units):
        """The demo citizen `congdan` is verified by the commune's unit admin and linked to a household."""
        from danvan.people.models import Household, User
        from danvan.people.services import citizen_verify

        citizen = User.objects.get(username="congdan")
        if not citizen.household_id:
            tram_chim = units["new_communes"]["30001"]
            household = Household.objects.filter(commune=tram_chim).order_by("hamlet__path", "code").first()
            if household is None:
                return
            citizen = citizen_verify(
                actor=User.objects.get(username="quantri.tramchim"), citizen=citizen, household=household
            )
        self._demo_household_request(citizen)

    def _demo_household_request(self, citizen):
        """The linked demo citizen has asked the commune to correct the household's record (the commune's
        queue of citizens' requests is not empty)."""
        from danvan.people.models import HouseholdRequest
        from danvan.people.services import household_correction_request

        if not HouseholdRequest.objects.filter(citizen=citizen).exists():
            household_correction_request(
                actor=citizen,
                message=(
                    "Con trai tôi đã đi làm ở Thành phố Hồ Chí Minh từ tháng 8, đề nghị xã ghi nhận tạm vắng "
                    "cho cháu trong sổ hộ."
                ),
            )
