"""Writes of the cases module (M2) and the legal rules they enforce.

Every write is `case_<verb>(*, actor, case, …)`: one transaction, the actor's permission on the case's unit
(`cases.handle` for intake steps, `cases.resolve` for resolving, extending, closing and reopening), a timeline
event, one audit record (never with identity data) and, when the status changes, a notice to the citizen
(SMS or e-mail after commit; for a denunciation the contact is decrypted only inside the delivery task).
A denunciation's title, content and place are stored with the denouncer's own name, phone, e-mail and address
redacted (`protection.redact_identity`); the original letter is kept only in the encrypted payload and shown by
`reveal_identity` to the handler and the unit's leaders.

Deadlines (never literal numbers: the rulebook version in force on the day that starts the clock):
- at receipt: `complaint.accept` (complaints), `denunciation.process` / `_multi_site` (denunciations),
  `feedback.forward` (feedback, petitions) → `accept_due`;
- at acceptance: `complaint.resolve_first|second[_remote][_complex]` and `denunciation.resolve` from the
  acceptance day; `reception.answer` from the receipt day for feedback and petitions → `resolve_due`;
- transfers are flagged late after `denunciation.forward` / `feedback.forward` working days from receipt;
- denunciation extensions add `denunciation.extension` days, at most `denunciation.extensions_complex` times
  (complex) or `denunciation.extensions_especially_complex` times (especially complex);
- a complaint must be filed within `complaint.filing_limit` of learning of the act; a second complaint within
  `complaint.appeal_window[_remote]` of the first decision, to the parent unit, where dialogue is mandatory.

The writes are split by topic (as zulip splits `zerver/actions/`): `common` (the shared steps), `intake`,
`workflow`, `appeals`, `identity`, `duplicates`, `deadlines`, `register`. Import them from here:
`from danvan.cases import services; services.case_submit(...)`.
"""

from danvan.core.formatting import local_today  # noqa: F401  (services.local_today, as before)

from .appeals import (  # noqa: F401
    appeal_window,
    case_appeal,
    may_appeal,
)
from .common import (  # noqa: F401
    CODE_ALPHABET,
    CODE_PREFIX,
    CONTENT_MAX,
    DUPLICATE_THRESHOLD,
    KIND_LABELS,
    MAX_ATTACHMENTS,
    NOTE_MAX,
    STATUS_LABELS,
    SUBMIT_LIMIT_PER_IP,
    TITLE_MAX,
    TRACK_LIMIT_PER_IP,
    _accept_deadline,
    _apply_accept_due,
    _audit,
    _clean_text,
    _deadline_or_none,
    _event,
    _expect,
    _lock,
    _redacted_letter,
    _require,
    _rule_or_none,
    _set_status,
    _user_or_none,
    arrived_on,
    build_search_text,
    case_topic,
    commune_of,
    contact_of,
    deliver_notice,
    inform_citizen,
    logger,
    new_case_recipients,
    new_code,
    notice_text,
    notify_new_case,
    resolve_deadline,
    settle_notices,
    vi,
)
from .deadlines import (  # noqa: F401
    deadline_sweep,
)
from .duplicates import (  # noqa: F401
    likely_duplicates,
    similarity,
)
from .identity import (  # noqa: F401
    attachment_open,
    may_reveal_identity,
    minutes_open,
    resolution_open,
    reveal_identity,
)
from .intake import (  # noqa: F401
    HELD_TTL,
    HOLD_LIMIT_PER_IP,
    HoldResult,
    Submission,
    _clean_contact,
    _clean_location,
    _clean_media_url,
    _limit_key,
    _store_attachment,
    attachments_hold,
    case_attach,
    case_check,
    case_submit,
    check_rate,
    count_rate,
    filing_check,
    held_attachment_remove,
    held_attachments,
    held_attachments_expire,
    held_token_ok,
)
from .register import (  # noqa: F401
    export_register,
)
from .workflow import (  # noqa: F401
    case_accept,
    case_assign,
    case_classify,
    case_close,
    case_decline,
    case_extend,
    case_hold_dialogue,
    case_merge,
    case_rate,
    case_reopen,
    case_resolve,
    case_start_verification,
    case_transfer,
    has_dialogue,
    max_extensions,
)
