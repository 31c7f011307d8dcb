"""Open311 GeoReport v2 over the public citizen cases: /api/v1/open311/v2/…, every path as .json and .xml.

- `GET discovery` (service discovery), `GET services` (one service per active case field, `service_code` =
  the field code, `metadata: true`), `GET services/<code>` (its definition: the attributes `kind`, `hamlet`,
  `consent_publish`, see `definitions`).
- `GET requests`: public cases — feedback and petitions only, never complaints or denunciations, never merged
  duplicates — with no personal data at all: no names, phones, e-mails or addresses of submitters; `address`
  is the hamlet/commune name and `address_id` its code; `lat`, `long` and `media_url` are null even when an
  application sent them. The citizen's own text (`description`) is published only when the citizen consented
  (or the case was resolved as a public-interest answer, which the services allow only with consent);
  otherwise a neutral summary ("Phản ánh lĩnh vực Môi trường"). Filters: `service_request_id` (comma list;
  overrides every other filter), `service_code` (comma list), `status` (open, closed), `start_date` /
  `end_date` (W3C datetimes compared with `requested_datetime` to the second; by default the 90 days before
  `end_date` or now), `jurisdiction_id` (the province, district, commune or hamlet where the problem is,
  whichever unit handles it now), `page` / `page_size`
  (at most 1,000 a page, the spec's default; at most 100,000 deep). Newest first; one query.
- `GET requests/<code>` (one request by its public tracking code, as a one-element list) and `GET
  tokens/<token>` (requests are realtime, so a token is the request's id).
- `POST requests` (form-encoded, multipart with `media` files, or JSON): needs an integrator's `api_key`
  (`danvan.integrations`, body or query string: 403 when missing or invalid), which may post only to its units
  and within its own hourly quota (429) instead of the public form's per-address limit. A feedback or
  petition goes through `services.case_submit` on the web channel; `jurisdiction_id` (body or query string) is
  the commune's code (or a hamlet's: then its commune handles it); a location is required (`lat`+`long`,
  `address_string` or `address_id`); `attribute[…]` values are checked against the service definition. A
  double submit never makes two cases: the `Idempotency-Key` header (or an `idempotency_key` field) — by
  default a digest of the key, the submitted data and the day — is passed to the service.
- Errors are GeoReport lists (`[{"code": 400, "description": "…"}]` / `<errors><error>…`) in the path's format:
  400 bad input, 403 key refused, 404 unknown service, jurisdiction or request, 429 quota used up.

`expected_datetime` is the statutory due date running for the case (acceptance before thụ lý, resolution
after), given as the end of that day in Asia/Ho_Chi_Minh: by Civil Code Art. 148 a period ends at the end of
its last day.
"""

from .api import router

__all__ = ["router"]
