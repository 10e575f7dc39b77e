"""The HSDS 3.0 tables the bot reads and writes: file names, columns in the specification's
order, required columns, and the references between tables (from the specification's
tabular data package, ``datapackage.json``)."""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "3.0"


@dataclass(frozen=True)
class Table:
    file: str
    columns: tuple[str, ...]
    required: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.file.removesuffix(".csv")


TABLES = {t.name: t for t in (
    Table("organizations.csv", ("id", "name", "alternate_name", "description", "email", "website",
          "tax_status", "tax_id", "year_incorporated", "legal_status", "logo", "uri",
          "parent_organization_id"), required=("id", "name", "description")),
    Table("services.csv", ("id", "organization_id", "program_id", "name", "alternate_name",
          "description", "url", "email", "status", "interpretation_services",
          "application_process", "fees_description", "wait_time", "fees", "accreditations",
          "eligibility_description", "minimum_age", "maximum_age", "assured_date",
          "assurer_email", "licenses", "alert", "last_modified"),
          required=("id", "organization_id", "name", "status")),
    Table("locations.csv", ("id", "location_type", "url", "organization_id", "name",
          "alternate_name", "description", "transportation", "latitude", "longitude",
          "external_identifier", "external_identifier_type"), required=("id", "location_type")),
    Table("addresses.csv", ("id", "location_id", "attention", "address_1", "address_2", "city",
          "region", "state_province", "postal_code", "country", "address_type"),
          required=("id", "address_1", "city", "state_province", "postal_code", "country",
                    "address_type")),
    Table("service_at_location.csv", ("id", "service_id", "location_id", "description"),
          required=("id", "service_id", "location_id")),
    Table("phones.csv", ("id", "location_id", "service_id", "organization_id", "contact_id",
          "service_at_location_id", "number", "extension", "type", "description"),
          required=("id", "number")),
    Table("schedules.csv", ("id", "service_id", "location_id", "service_at_location_id",
          "valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq",
          "interval", "byday", "byweekno", "bymonthday", "byyearday", "description", "opens_at",
          "closes_at", "schedule_link", "attending_type", "notes"), required=("id",)),
    Table("languages.csv", ("id", "service_id", "location_id", "phone_id", "name", "code",
          "note"), required=("id",)),
    Table("service_areas.csv", ("id", "service_id", "name", "description", "extent",
          "extent_type", "uri"), required=("id",)),
    Table("accessibility.csv", ("id", "location_id", "description", "details", "url"),
          required=("id",)),
    Table("attributes.csv", ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity",
          "value"), required=("id", "link_id", "taxonomy_term_id", "link_entity")),
    Table("taxonomy_terms.csv", ("id", "code", "name", "description", "parent_id", "taxonomy",
          "language", "taxonomy_id", "term_uri"), required=("id", "name", "description")),
    Table("taxonomies.csv", ("id", "name", "description", "uri", "version"),
          required=("id", "name", "description")),
)}  # fmt: skip

# column -> the table its ids must be in (a reference left empty is no reference)
REFERENCES = {
    "services": {"organization_id": "organizations"},
    "locations": {"organization_id": "organizations"},
    "addresses": {"location_id": "locations"},
    "service_at_location": {"service_id": "services", "location_id": "locations"},
    "phones": {"service_id": "services", "location_id": "locations",
               "organization_id": "organizations",
               "service_at_location_id": "service_at_location"},
    "schedules": {"service_id": "services", "location_id": "locations",
                  "service_at_location_id": "service_at_location"},
    "languages": {"service_id": "services", "location_id": "locations", "phone_id": "phones"},
    "service_areas": {"service_id": "services"},
    "accessibility": {"location_id": "locations"},
    "attributes": {"taxonomy_term_id": "taxonomy_terms"},
    "taxonomy_terms": {"taxonomy_id": "taxonomies", "parent_id": "taxonomy_terms"},
}  # fmt: skip

# columns whose tabular type is not a string (the rest are strings; ids are UUIDs)
TYPES = {
    "organizations.year_incorporated": "number", "services.minimum_age": "number",
    "services.maximum_age": "number", "locations.latitude": "number",
    "locations.longitude": "number", "phones.extension": "number",
    "schedules.timezone": "number", "schedules.count": "number", "schedules.interval": "number",
    "services.assured_date": "date", "schedules.valid_from": "date",
    "schedules.valid_to": "date", "schedules.dtstart": "date", "schedules.until": "date",
    "services.last_modified": "datetime", "schedules.opens_at": "time",
    "schedules.closes_at": "time",
}  # fmt: skip
