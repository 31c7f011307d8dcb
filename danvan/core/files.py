"""Upload validation by content, not by name.

`validate_upload(f, kinds={"xlsx"})` sniffs the first bytes (package `filetype`), checks the size limit
(`DANVAN_UPLOAD_MAX_BYTES`), refuses a file whose name claims another type than its content, and runs
the configured scanners (`DANVAN_UPLOAD_SCANNERS`, the virus-scan hook). Errors are Vietnamese
`ValidationError`s that forms show as they are.
"""

import io
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

# kind → (accepted MIME types by content, accepted extensions)
KINDS = {
    "pdf": ({"application/pdf"}, {".pdf"}),
    "jpeg": ({"image/jpeg"}, {".jpg", ".jpeg"}),
    "png": ({"image/png"}, {".png"}),
    "webp": ({"image/webp"}, {".webp"}),
    "xlsx": ({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, {".xlsx"}),
    "docx": ({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}, {".docx"}),
}
IMAGES = {"jpeg", "png", "webp"}
DOCUMENTS = {"pdf", "docx", "xlsx"} | IMAGES

_OOXML_MARKERS = {
    "xlsx": "xl/workbook.xml",
    "docx": "word/document.xml",
}


def _sniff(head: bytes, data_for_zip) -> str | None:
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime in {"application/zip"} or kind.extension in {"xlsx", "docx", "zip"}:
        try:
            with zipfile.ZipFile(data_for_zip()) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return None
        for ooxml, marker in _OOXML_MARKERS.items():
            if marker in names:
                return KINDS[ooxml][0].copy().pop()
        return "application/zip"
    return kind.mime


def human_size(num: int) -> str:
    if num >= 1024 * 1024:
        return f"{num / (1024 * 1024):.0f} MB".replace(".", ",")
    return f"{max(1, num // 1024)} KB"


def validate_upload(uploaded, kinds: set[str], max_bytes: int | None = None) -> str:
    """Return the detected MIME type or raise ValidationError with a message saying what to fix."""
    max_bytes = max_bytes or settings.DANVAN_UPLOAD_MAX_BYTES
    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, io.SEEK_END)
        size = uploaded.tell()
    if size == 0:
        raise ValidationError("Tệp “%(name)s” trống.", code="empty", params={"name": name})
    if size > max_bytes:
        raise ValidationError(
            "Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s. Vui lòng nén hoặc chia nhỏ tệp.",
            code="too_large",
            params={"name": name, "size": human_size(size), "limit": human_size(max_bytes)},
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)

    def whole():
        uploaded.seek(0)
        data = io.BytesIO(uploaded.read())
        uploaded.seek(0)
        return data

    mime = _sniff(head, whole)
    allowed_mimes = set().union(*(KINDS[k][0] for k in kinds))
    allowed_exts = set().union(*(KINDS[k][1] for k in kinds))
    readable = ", ".join(sorted(ext.lstrip(".").upper() for ext in allowed_exts))
    if mime not in allowed_mimes:
        raise ValidationError(
            "Nội dung tệp “%(name)s” không phải là loại được chấp nhận (%(allowed)s).",
            code="bad_content",
            params={"name": name, "allowed": readable},
        )
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    matching_exts = set().union(*(KINDS[k][1] for k in kinds if mime in KINDS[k][0]))
    if ext not in matching_exts:
        raise ValidationError(
            "Tên tệp “%(name)s” không khớp với nội dung thật của tệp. Hãy lưu lại tệp đúng định dạng (%(allowed)s).",
            code="disguised",
            params={"name": name, "allowed": readable},
        )
    for dotted in settings.DANVAN_UPLOAD_SCANNERS:
        import_string(dotted)(uploaded)
        uploaded.seek(0)
    return mime
