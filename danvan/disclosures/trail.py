"""How the audit records of disclosures read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, register_trail

from .models import Disclosure

register_trail(
    Disclosure,
    actions={
        "disclosure.create": Action("soạn nội dung công khai", headline="title"),
        "disclosure.update": Action("sửa nội dung công khai"),
        "disclosure.publish": Action("đăng công khai", headline="posting_start"),
        "disclosure.withdraw": Action("thu hồi nội dung công khai", headline="withdrawn_reason"),
        "disclosure.file_add": Action("đính kèm tài liệu", headline="file"),
        "disclosure.file_remove": Action("gỡ tài liệu", headline="file"),
        "disclosure.question_ask": Action("gửi câu hỏi", nobody="Người dân"),
        "disclosure.question_answer": Action("trả lời câu hỏi", headline="answer"),
        "disclosure.question_reject": Action("không đăng câu hỏi", headline="reject_reason"),
    },
    fields={
        "file": Field("tài liệu"),
        "question": Field("câu hỏi", lambda v: "một câu hỏi của người dân"),
        "answer": Field("trả lời"),
        "reject_reason": Field("lý do"),
        "body": Field("nội dung", hide_values=True),
    },
    hidden={"search_text"},
)
