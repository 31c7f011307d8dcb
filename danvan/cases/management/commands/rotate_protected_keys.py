from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.cases.models import Case
from danvan.cases.protection import contact_digest, decrypt_identity, rotate_token


class Command(BaseCommand):
    help = (
        "Mã hoá lại danh tính người tố cáo bằng khoá đầu tiên của DANVAN_PROTECTED_KEYS "
        "và tính lại mã tra cứu liên hệ."
    )

    def handle(self, *args, **options):
        n = 0
        with transaction.atomic():
            rows = (
                Case.objects.select_for_update()
                .exclude(protected_identity="")
                .only("pk", "protected_identity")
            )
            for case in rows.iterator(chunk_size=500):
                token = rotate_token(case.protected_identity)
                phone = decrypt_identity(token).get("phone", "")
                Case.objects.filter(pk=case.pk).update(
                    protected_identity=token, contact_digest=contact_digest(phone)
                )
                n += 1
            for case in (
                Case.objects.exclude(submitter_phone="")
                .only("pk", "submitter_phone")
                .iterator(chunk_size=500)
            ):
                Case.objects.filter(pk=case.pk).update(contact_digest=contact_digest(case.submitter_phone))
        self.stdout.write(f"Đã mã hoá lại {n} hồ sơ.")
