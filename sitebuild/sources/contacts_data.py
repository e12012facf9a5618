"""Load data/contacts.yml and check every entry, so a wrong number can never be published."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import yaml
from sitebuild.sources.yaml_errors import yaml_problem
from sitebuild.sources.yaml_load import safe_load
from phonenumbers import shortnumberinfo

NATIONS = ("england", "wales", "scotland", "northern-ireland")
AUDIENCES = ("parents", "schools", "organisations", "young-people", "everyone")
PHONE_KINDS = ("voice", "textphone", "overseas", "text")
ANONYMOUS = ("yes", "no", "partly")
# Relay UK: a textphone user dials 18001 before the number.
RELAY_PREFIX = "18001"
FIELDS = ("id", "name", "run_by", "for_whom", "ages", "audiences", "contact_about", "not_for",
          "phones", "texts", "email", "web", "report", "hours", "cost", "nations", "anonymous",
          "what_happens_next", "source", "checked")
# Fields that may be null when a detail could not be confirmed.
NULLABLE = ("ages", "email", "web", "report", "hours")
# Fields an entry may leave out: `access` lists ways in for someone who cannot speak or
# hear (999's Silent Solution, for example), shown on every card; `hours_short` is the
# hours in a few words for the "Get help now" strip.
OPTIONAL = ("access", "hours_short")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Contacts:
    services: dict[str, dict]
    licence: str
    licence_url: str

    def __getitem__(self, service_id: str) -> dict:
        return self.services[service_id]


def _line_numbers(text: str) -> dict[str, int]:
    """The line on which each `- id: ...` entry starts, for error messages."""
    return {m.group(1): text.count("\n", 0, m.start()) + 1
            for m in re.finditer(r"^[ \t]*- id:[ \t]*(\S+)", text, re.MULTILINE)}


def dialled_digits(display: str) -> str:
    return re.sub(r"[^\d+]", "", display)


def check_number(number: dict, where: str) -> list[str]:
    """A phone or text number must be a valid UK number or UK short number, shown and dialled alike."""
    display, e164, kind = str(number.get("display", "")), str(number.get("e164", "")), number.get("kind")
    problems = []
    if kind not in PHONE_KINDS:
        problems.append(f"{where}: kind {kind!r} must be one of {', '.join(PHONE_KINDS)}.")
    if not number.get("label"):
        problems.append(f"{where}: needs a 'label' such as Phone or Textphone.")
    if kind == "textphone" and not dialled_digits(display).startswith(RELAY_PREFIX):
        return problems + [f"{where}: a textphone number starts with the Relay UK prefix "
                           f"{RELAY_PREFIX}, not {display!r}."]
    dialled = dials(display, kind)
    if dialled is None:
        return problems + [f"{where}: {display!r} is not a valid UK phone number or UK short number."]
    if e164 != dialled:
        problems.append(f"{where}: e164 is {e164!r} but {display!r} dials {dialled!r}; "
                        f"make them agree.")
    return problems


def _check_url(value, where: str, field: str) -> list[str]:
    if not isinstance(value, str) or not value.startswith("https://") or " " in value:
        return [f"{where}: '{field}' must be a web address starting with https://, not {value!r}."]
    return []


def check_service(service: dict, where: str, today: dt.date) -> list[str]:
    problems = []
    for field in FIELDS:
        if field not in service:
            problems.append(f"{where}: field '{field}' is missing (use null if it is unconfirmed)"
                            if field in NULLABLE else f"{where}: field '{field}' is missing.")
        elif service[field] is None and field not in NULLABLE:
            problems.append(f"{where}: field '{field}' must not be empty.")
    for field in set(service) - set(FIELDS) - set(OPTIONAL):
        problems.append(f"{where}: field '{field}' is not known "
                        f"(allowed: {', '.join(FIELDS + OPTIONAL)}).")
    access = service.get("access", [])
    if not isinstance(access, list) or not all(isinstance(a, str) and a.strip() for a in access):
        problems.append(f"{where}: field 'access' must be a list of sentences.")

    for field in ("name", "run_by", "for_whom", "cost", "what_happens_next"):
        if field in service and not (isinstance(service[field], str) and service[field].strip()):
            problems.append(f"{where}: field '{field}' must be some text.")
    for field, allowed in (("audiences", AUDIENCES), ("nations", NATIONS)):
        values = service.get(field)
        if not isinstance(values, list) or not values or any(v not in allowed for v in values):
            problems.append(f"{where}: field '{field}' must be a list drawn from {', '.join(allowed)}.")
    for field in ("contact_about", "not_for", "phones", "texts"):
        if field in service and not isinstance(service[field], list):
            problems.append(f"{where}: field '{field}' must be a list (use [] for none).")
    for field in ("contact_about", "not_for"):
        for item in service.get(field) if isinstance(service.get(field), list) else []:
            if not (isinstance(item, str) and item.strip()):
                problems.append(f"{where}: field '{field}' has an item that is not a sentence "
                                f"({item!r}); put it in quotes if it contains a colon.")
    if isinstance(service.get("contact_about"), list) and not service["contact_about"]:
        problems.append(f"{where}: field 'contact_about' needs at least one item.")

    for field in ("phones", "texts"):
        for number, entry in enumerate(service.get(field) or [], start=1):
            label = f"{where}: {field} entry {number}"
            problems += check_number(entry, label) if isinstance(entry, dict) else [
                f"{label} must have label, display, e164 and kind."]
    if service.get("email") is not None and not EMAIL.match(str(service["email"])):
        problems.append(f"{where}: 'email' {service['email']!r} is not a well-formed address.")
    for field in ("web", "source"):
        if service.get(field) is not None:
            problems += _check_url(service[field], where, field)
    report = service.get("report")
    if report is not None:
        if not isinstance(report, dict) or not report.get("label"):
            problems.append(f"{where}: 'report' needs a 'label' and a 'url'.")
        else:
            problems += _check_url(report.get("url"), where, "report url")
    if not any(service.get(f) for f in ("phones", "texts", "email", "web", "report")):
        problems.append(f"{where}: gives no way to get in touch (phones, texts, email, web or report).")

    anonymous = service.get("anonymous")
    if not isinstance(anonymous, dict) or anonymous.get("answer") not in ANONYMOUS \
            or not anonymous.get("note"):
        problems.append(f"{where}: 'anonymous' needs an 'answer' ({', '.join(ANONYMOUS)}, in quotes) "
                        f"and a 'note'.")
    checked = service.get("checked")
    if "checked" in service:
        if isinstance(checked, dt.datetime) or not isinstance(checked, dt.date):
            problems.append(f"{where}: 'checked' must be the date the details were checked, YYYY-MM-DD.")
        elif checked > today:
            problems.append(f"{where}: 'checked' ({checked}) is in the future.")
    return problems


def check_contacts(path: Path, today: dt.date | None = None) -> list[str]:
    """Every problem in the contacts data file, each naming the file, line and field."""
    today = today or dt.date.today()
    name = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return [f"{name}: cannot be read: {error}"]
    try:
        data = safe_load(text)
    except (yaml.YAMLError, ValueError) as error:  # ValueError: an impossible date
        return [yaml_problem(name, text, error)]
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        return [f"{name}: must have a 'services' list."]
    problems = []
    for field in ("licence", "licence_url"):
        if not data.get(field):
            problems.append(f"{name}: field '{field}' is missing.")
    lines = _line_numbers(text)
    seen = set()
    for index, service in enumerate(data["services"], start=1):
        if not isinstance(service, dict):
            problems.append(f"{name}: services entry {index} is not a set of fields.")
            continue
        service_id = service.get("id")
        where = f"{name}:{lines.get(str(service_id), '?')} ({service_id or f'entry {index}'})"
        if not isinstance(service_id, str) or not ID.match(service_id):
            problems.append(f"{where}: 'id' must be lower case words joined by hyphens.")
        elif service_id in seen:
            problems.append(f"{where}: id '{service_id}' is used twice.")
        seen.add(service_id)
        problems += check_service(service, where, today)
    return problems


def load_contacts(path: Path) -> Contacts:
    """The contacts data. Call check_contacts first: this assumes the file is valid."""
    data = safe_load(path.read_text(encoding="utf-8"))
    return Contacts(services={s["id"]: s for s in data["services"]},
                    licence=data["licence"], licence_url=data["licence_url"])


def dials(display: str, kind: str) -> str | None:
    """What a number written `display` dials, as its e164 would be: a UK number in E.164
    form, a UK short number, or either after Relay UK's prefix for a textphone. None if
    it is none of those."""
    digits, prefix = dialled_digits(display), ""
    if kind == "textphone":
        if not digits.startswith(RELAY_PREFIX):
            return None
        digits, prefix = digits[len(RELAY_PREFIX):], RELAY_PREFIX
    try:
        parsed = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(parsed) and parsed.country_code == 44:
        return prefix + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if shortnumberinfo.is_valid_short_number_for_region(parsed, "GB") and not digits.startswith("+"):
        return prefix + digits
    return None
