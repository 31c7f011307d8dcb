"""The Open311 answers as ninja schemas: they document the JSON in the OpenAPI schema, and `xml_content`
documents the same structure as the spec's XML (`text/xml`, element names from `formats.ITEM_NAMES`)."""

import datetime as dt

from ninja import Schema

from .formats import ITEM_NAMES


class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ValueOut(Schema):
    key: str
    name: str


class AttributeOut(Schema):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str | None
    order: int
    description: str
    values: list[ValueOut]


class ServiceDefinitionOut(Schema):
    service_code: str
    attributes: list[AttributeOut]


class RequestOut(Schema):
    service_request_id: str
    status: str
    status_notes: str
    service_name: str | None
    service_code: str | None
    description: str
    agency_responsible: str
    service_notice: str
    address: str
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_datetime: dt.datetime | None


class CreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None


class TokenOut(Schema):
    service_request_id: str
    token: str


class EndpointOut(Schema):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class DiscoveryOut(Schema):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[EndpointOut]


class Open311Error(Schema):
    code: int
    description: str


def _ref(model) -> dict:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def xml_schema(root: str, model, many: bool) -> dict:
    """The XML of `model` (a list of them when `many`) under the element `root`, for OpenAPI."""
    if many:
        return {
            "type": "array",
            "xml": {"name": root, "wrapped": True},
            "items": {"allOf": [_ref(model)], "xml": {"name": ITEM_NAMES[root]}},
        }
    return {"allOf": [_ref(model)], "xml": {"name": root}}


def xml_content(root: str, model, many: bool) -> dict:
    return {"content": {"text/xml": {"schema": xml_schema(root, model, many)}}}
