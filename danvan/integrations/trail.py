"""How the audit records of integrators' API keys read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, register_trail

from .models import ApiKey

register_trail(
    ApiKey,
    actions={
        "integrations.key_create": Action("cấp khoá API", headline="organisation"),
        "integrations.key_update": Action("sửa khoá API"),
        "integrations.key_revoke": Action("thu hồi khoá API"),
    },
    fields={
        "units": Field("đơn vị được gửi", lambda v: f"{len(v)} đơn vị" if isinstance(v, list) else str(v))
    },
    hidden={"secret_hash", "prefix", "organisation_norm"},
)
