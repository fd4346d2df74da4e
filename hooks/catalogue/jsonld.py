"""Structured data (schema.org, JSON-LD) for entry pages.

Each type maps to the schema.org type that fits it:

- measure: ``MonetaryGrant`` for grants and subsidies (money given), otherwise
  ``GovernmentService`` (competitions, awards, loans, consulting, ...);
- legal: ``Legislation`` with its identifier, date, type and legal force;
- question: ``QAPage`` whose main entity is the ``Question`` with its accepted ``Answer``;
- practice: ``Project`` (an enterprise planned to achieve an aim; schema.org
  counts it as an organisation, which gives it location, funding and awards);
- course: ``Course`` with its provider and one ``CourseInstance`` per session;
- problem: ``CreativeWork`` with creativeWorkStatus (no closer type exists);
- solution: ``HowTo`` with one ``HowToStep`` per step.

``script_text`` serialises for a ``<script type="application/ld+json">``
element: editors' text must never be able to close the element, so ``<``,
``>`` and ``&`` are written as JSON escapes.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from . import body as md
from .links import citation
from .model import Catalogue, Entry, ReferenceItem
from .urls import absolute

Data = dict[str, Any]
CONTEXT = "https://schema.org"
LEGAL_FORCE = {
    "in-force": "https://schema.org/InForce",
    "partly-in-force": "https://schema.org/PartiallyInForce",
    "not-yet-in-force": "https://schema.org/NotInForce",
    "repealed": "https://schema.org/NotInForce",
}
COURSE_MODE = {"online": "Online", "in-person": "Onsite", "blended": "Blended"}
GRANT_KINDS = {"grant", "subsidy"}
COUNTRY = {"@type": "Country", "name": "Россия"}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
            "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_text(data: Data) -> str:
    """JSON for a <script> element: no «<», «>» or «&» survives, so no «</script>»."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def jsonld(entry: Entry, catalogue: Catalogue, site_url: str = "") -> Data:
    """The schema.org description of one entry, as a JSON-LD dictionary."""
    return _Builder(catalogue, site_url).build(entry)


class _Builder:
    def __init__(self, catalogue: Catalogue, site_url: str) -> None:
        self.catalogue = catalogue
        self.site_url = site_url

    def build(self, entry: Entry) -> Data:
        make: Callable[[Entry], Data] = getattr(self, entry.spec.name)
        return _clean(make(entry))

    # --- shared pieces --------------------------------------------------------------

    def url(self, entry: Entry) -> str:
        return absolute(self.site_url, entry.url)

    def base(self, entry: Entry, kind: str, *, creative_work: bool = True) -> Data:
        data: Data = {"@context": CONTEXT, "@type": kind, "name": entry.title,
                      "description": entry.summary, "url": self.url(entry)}
        # The official source is often a general page (a legal portal, a ministry's
        # news), not the thing itself: so not sameAs, but what the entry rests on.
        source = entry.data.get("source")
        if creative_work:   # properties of CreativeWork, not of Thing
            data.update(inLanguage="ru", keywords=self.keywords(entry),
                        dateModified=entry.data.get("last_reviewed"), isBasedOn=source)
        else:
            data["subjectOf"] = {"@type": "WebPage", "url": source} if source else None
        return data

    def keywords(self, entry: Entry) -> str:
        topics = self.catalogue.references["topic"]
        names = [str(topics[t].data.get("name", t)) for t in entry.topics if t in topics]
        return ", ".join(names)

    def organisation(self, ident: Any) -> Data | None:
        item = self.catalogue.references["organisation"].get(str(ident)) if ident else None
        if not isinstance(item, ReferenceItem):
            return None
        return {"@type": "Organization", "name": item.data.get("name"),
                "alternateName": item.data.get("short"), "url": item.data.get("website")}

    def region(self, ident: Any) -> Data | None:
        item = self.catalogue.references["region"].get(str(ident)) if ident else None
        return {"@type": "AdministrativeArea", "name": item.data.get("name")} if item else None

    def regions(self, value: Any) -> Any:
        if value == "all":
            return COUNTRY
        found = [self.region(r) for r in value] if isinstance(value, list) else []
        return [r for r in found if r] or None

    def entry_ref(self, kind: str, ident: Any, as_type: str) -> Data | None:
        target = self.catalogue.lookup(kind, str(ident)) if ident else None
        if not isinstance(target, Entry):
            return None
        return {"@type": as_type, "name": target.title, "url": self.url(target)}

    def entry_refs(self, kind: str, idents: Any, as_type: str) -> list[Data]:
        found = [self.entry_ref(kind, i, as_type) for i in idents or []]
        return [f for f in found if f]

    def label(self, entry: Entry, field: str, value: Any) -> str | None:
        labels = entry.spec.properties.get(field, {}).get("x-labels", {})
        return labels.get(value) if value is not None else None

    def plain_body(self, entry: Entry) -> str:
        """The body as text: [[id]] as on the page (links.citation), headings without «#»."""
        def render(ident: str, text: str) -> str:
            target = self.catalogue.resolve(ident)
            return text or (citation(target, self.catalogue) if target else ident)
        text = md.replace_short_refs(entry.body, render)
        return "\n".join(line.lstrip("#").strip() if line.startswith("#") else line
                         for line in text.strip().splitlines())

    # --- types ----------------------------------------------------------------------

    def measure(self, entry: Entry) -> Data:
        data = entry.data
        funding = data.get("funding") or {}
        amount = _amount(funding.get("min"), funding.get("max"))
        if data.get("kind") in GRANT_KINDS:
            out = self.base(entry, "MonetaryGrant", creative_work=False)
            out.update(funder=self.organisation(data.get("provider")), amount=amount)
            return out
        out = self.base(entry, "GovernmentService", creative_work=False)
        recipients = data.get("recipients") or {}
        audience = [str(self.catalogue.references["municipality_type"][m].data.get("name", m))
                    for m in recipients.get("municipality_types") or []
                    if m in self.catalogue.references["municipality_type"]]
        other = entry.spec.properties["recipients"]["properties"]["other"]["items"]["x-labels"]
        audience += [other.get(o, o) for o in recipients.get("other") or []]
        out.update(
            serviceType=self.label(entry, "kind", data.get("kind")),
            provider=self.organisation(data.get("provider")),
            areaServed=self.regions(data.get("regions")),
            audience={"@type": "Audience", "audienceType": "; ".join(audience)}
            if audience else None,
            availableChannel={"@type": "ServiceChannel", "serviceUrl": data.get("apply_url")}
            if data.get("apply_url") else None,
        )
        return out

    def legal(self, entry: Entry) -> Data:
        data = entry.data
        relations = data.get("relations") or {}
        out = self.base(entry, "Legislation")
        out.update(
            legislationIdentifier=data.get("number"),
            legislationDate=data.get("adopted"),
            legislationType=self.label(entry, "kind", data.get("kind")),
            legislationLegalForce=LEGAL_FORCE.get(str(data.get("status"))),
            legislationPassedBy=self.organisation(data.get("issuer")),
            legislationChanges=self.entry_refs(
                "legal", [*(relations.get("amends") or []), *(relations.get("replaces") or [])],
                "Legislation"),
        )
        return out

    def question(self, entry: Entry) -> Data:
        data = entry.data
        out = self.base(entry, "QAPage")
        answer: Data = {"@type": "Answer", "text": self.plain_body(entry) or entry.summary,
                        "url": self.url(entry), "dateCreated": data.get("date"),
                        "author": self.organisation(data.get("answered_by")),
                        "citation": self.entry_refs("legal", data.get("legal"), "Legislation")}
        out["mainEntity"] = {"@type": "Question", "name": entry.title, "text": entry.title,
                             "answerCount": 1, "acceptedAnswer": answer}
        return out

    def practice(self, entry: Entry) -> Data:
        data = entry.data
        out = self.base(entry, "Project", creative_work=False)
        years = data.get("years") or {}
        place: Data = {"@type": "AdministrativeArea", "name": data.get("municipality"),
                       "containedInPlace": self.region(data.get("region"))}
        funding = []
        for source in (data.get("budget") or {}).get("sources") or []:
            grant = self.entry_ref("measure", source.get("measure"), "MonetaryGrant")
            if grant:
                grant["amount"] = _amount(source.get("amount"), source.get("amount"))
                funding.append(grant)
        out.update(location=place,
                   foundingDate=str(years["start"]) if years.get("start") else None,
                   funding=funding, award=list(data.get("awards") or []))
        return out

    def course(self, entry: Entry) -> Data:
        data = entry.data
        out = self.base(entry, "Course")
        mode = COURSE_MODE.get(str(data.get("format")))
        sessions = [{"@type": "CourseInstance", "courseMode": mode,
                     "startDate": s.get("starts"), "endDate": s.get("ends")}
                    for s in data.get("sessions") or [] if isinstance(s, dict)]
        cost = data.get("cost")
        offer = None
        if cost is not None:
            price = 0 if cost == "free" else cost
            offer = {"@type": "Offer", "price": price, "priceCurrency": "RUB",
                     "category": "Free" if price == 0 else "Paid"}
        certificate = data.get("certificate")
        out.update(
            provider=self.organisation(data.get("provider")),
            audience={"@type": "Audience", "audienceType": "; ".join(data.get("audience") or [])},
            educationalCredentialAwarded=self.label(entry, "certificate", certificate)
            if certificate and certificate != "none" else None,
            timeRequired=_academic_hours(data.get("hours")),
            offers=offer,
            hasCourseInstance=sessions or [{"@type": "CourseInstance", "courseMode": mode}],
        )
        return out

    def problem(self, entry: Entry) -> Data:
        data = entry.data
        out = self.base(entry, "CreativeWork")
        out.update(creativeWorkStatus=self.label(entry, "status", data.get("status")),
                   dateCreated=data.get("since"),
                   spatialCoverage=self.regions(data.get("regions")))
        return out

    def solution(self, entry: Entry) -> Data:
        data = entry.data
        out = self.base(entry, "HowTo")
        steps = [s for s in data.get("steps") or [] if isinstance(s, dict)]
        out["step"] = [{"@type": "HowToStep", "position": i, "name": s.get("title"),
                        "text": s.get("details") or s.get("title")}
                       for i, s in enumerate(steps, start=1)]
        return out


def _amount(low: Any, high: Any) -> Data | None:
    if low is None and high is None:
        return None
    if low is not None and low == high:
        return {"@type": "MonetaryAmount", "currency": "RUB", "value": low}
    return {"@type": "MonetaryAmount", "currency": "RUB", "minValue": low, "maxValue": high}


def _academic_hours(hours: Any) -> str | None:
    """Academic hours (45 minutes each) as an ISO 8601 duration: 72 -> PT54H."""
    if not isinstance(hours, int) or isinstance(hours, bool) or hours <= 0:
        return None
    minutes = hours * 45
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H{rest}M" if rest else f"PT{whole}H"


def _clean(value: Any) -> Any:
    """Drop empty values (None, "", [], {}) at every level: absent, not null."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        out_list = [_clean(v) for v in value]
        return [v for v in out_list if v not in (None, "", [], {})]
    return value

