"""The XML answers of the GeoReport v2 specification (http://wiki.open311.org/GeoReport_v2 and
Service_Discovery), reduced to one item per list: the element names and their nesting are the spec's, the
values are placeholders. `shape()` turns a parsed document into its tree of element names, merging repeated
elements, so an answer can be compared with the spec whatever its values and number of items."""

import xml.etree.ElementTree as ET

SERVICES = """<?xml version="1.0" encoding="utf-8"?>
<services>
  <service>
    <service_code>001</service_code>
    <service_name>…</service_name>
    <description>…</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>…</keywords>
    <group>…</group>
  </service>
</services>"""

SERVICE_DEFINITION = """<?xml version="1.0" encoding="utf-8"?>
<service_definition>
  <service_code>DMV66</service_code>
  <attributes>
    <attribute>
      <variable>true</variable>
      <code>…</code>
      <datatype>singlevaluelist</datatype>
      <required>true</required>
      <datatype_description></datatype_description>
      <order>1</order>
      <description>…</description>
      <values>
        <value><key>123</key><name>…</name></value>
      </values>
    </attribute>
  </attributes>
</service_definition>"""

CREATED = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>293944</service_request_id>
    <service_notice>…</service_notice>
    <account_id/>
  </request>
</service_requests>"""

TOKEN = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <token>12345</token>
  </request>
</service_requests>"""

REQUESTS = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <status>closed</status>
    <status_notes>…</status_notes>
    <service_name>…</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
    <address>…</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>…</media_url>
  </request>
</service_requests>"""

ERRORS = """<?xml version="1.0" encoding="utf-8"?>
<errors>
  <error>
    <code>403</code>
    <description>…</description>
  </error>
</errors>"""

DISCOVERY = """<?xml version="1.0" encoding="UTF-8"?>
<discovery>
  <changeset>2011-02-03 14:18</changeset>
  <contact>…</contact>
  <key_service>…</key_service>
  <endpoints>
    <endpoint>
      <specification>http://wiki.open311.org/GeoReport_v2</specification>
      <url>…</url>
      <changeset>2010-11-23 09:01</changeset>
      <type>production</type>
      <formats>
        <format>text/xml</format>
      </formats>
    </endpoint>
  </endpoints>
</discovery>"""


def _merge(into: dict, other: dict) -> None:
    for tag, children in other.items():
        _merge(into.setdefault(tag, {}), children)


def shape(element: ET.Element) -> dict:
    """{tag: {child tag: {…}}} of a parsed document; repeated elements are merged into one."""
    children: dict = {}
    for child in element:
        _merge(children, shape(child))
    return {element.tag: children}


def spec_shape(example: str) -> dict:
    return shape(ET.fromstring(example.encode()))
