"""Municipalities and organisations as the doors show them (REST, CLI, HTML).

Each view is built from :func:`brn_graph.graph.describe.describe` plus the few facts that need
a walk through the graph: the clusters with an office in a municipality, an organisation's
units, offices and memberships (the people in roles are in the descriptions, where the sources
put them; the search finds them there). Nothing is filled in: a count the data does not hold
is ``None`` with a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from brn_graph.config import Language
from brn_graph.errors import NotFoundError
from brn_graph.graph.describe import Description, Link, describe, instances, label_of
from brn_graph.graph.resolve import Candidate, resolve_identifier
from brn_graph.namespaces import PREFIXES

BRN = PREFIXES["brn"]
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
MUNICIPALITY_CLASSES = (BRN + "Municipality",)
ORGANISATION_CLASSES = (
    ORG + "FormalOrganization",
    ORG + "Organization",
    ORG + "OrganizationalUnit",
    ORG + "OrganizationalCollaboration",
    BRN + "BusinessHub",
    BRN + "KnowledgeInstitution",
    BRN + "PublicBody",
    BRN + "RegionalNetwork",
    BRN + "Cluster",
)


@dataclass(frozen=True, kw_only=True)
class MunicipalityView:
    description: Description
    code: str | None
    region: Link | None
    clusters_present: tuple[Link, ...]
    organisations_located: tuple[Link, ...]
    members: int | None
    members_note: str

    def to_dict(self) -> dict[str, object]:
        return {
            **self.description.to_dict(),
            "code": self.code,
            "region": self.region.to_dict() if self.region else None,
            "clusters_present": [c.to_dict() for c in self.clusters_present],
            "organisations_located": [o.to_dict() for o in self.organisations_located],
            "members": self.members,
            "members_note": self.members_note,
        }


@dataclass(frozen=True, kw_only=True)
class OrganisationView:
    description: Description
    unit_of: tuple[Link, ...]
    units: tuple[Link, ...]
    sites: tuple[Link, ...]
    members: tuple[dict[str, object], ...]
    member_of: tuple[dict[str, object], ...]
    dissolved: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            **self.description.to_dict(),
            "unit_of": [u.to_dict() for u in self.unit_of],
            "units": [u.to_dict() for u in self.units],
            "sites": [s.to_dict() for s in self.sites],
            "members": list(self.members),
            "member_of": list(self.member_of),
            "dissolved": self.dissolved,
        }


def candidates(dataset: Dataset, classes: tuple[str, ...], lang: Language) -> list[Candidate]:
    """Resolver candidates for every instance of ``classes``: slug, labels, alternative labels."""
    out = []
    for iri in instances(dataset, classes):
        node = URIRef(iri)
        names = [
            str(v)
            for prop in (
                PREFIXES["skos"] + "prefLabel",
                PREFIXES["skos"] + "altLabel",
                PREFIXES["rdfs"] + "label",
                BRN + "municipalityCode",
            )
            for v in dataset.objects(node, URIRef(prop))
        ]
        types = sorted(str(t) for t in dataset.objects(node, RDF.type) if str(t) in classes)
        out.append(
            Candidate(
                iri=iri,
                slug=iri.rstrip("/").rsplit("/", 1)[-1],
                names=tuple(names),
                kind=label_of(dataset, URIRef(types[0]), lang) if types else "",
            )
        )
    return out


def resolve_municipality(dataset: Dataset, text: str, lang: Language) -> str:
    """The IRI of the municipality ``text`` names (slug, code, name, IRI)."""
    return resolve_identifier(
        "municipality", text, candidates(dataset, MUNICIPALITY_CLASSES, lang)
    ).iri


def resolve_organisation(dataset: Dataset, text: str, lang: Language) -> str:
    """The IRI of the organisation ``text`` names."""
    return resolve_identifier(
        "organisation", text, candidates(dataset, ORGANISATION_CLASSES, lang)
    ).iri


def municipality_view(dataset: Dataset, iri: str, lang: Language, note: str) -> MunicipalityView:
    """A municipality: code, region, clusters with an office there, organisations located
    there; ``members`` stays ``None`` (with ``note``) until member lists are ingested."""
    d = describe(dataset, iri, lang)
    node = URIRef(iri)
    code = next((v.text for v in d.values_of(BRN + "municipalityCode")), None)
    region = next(iter(d.values_of(BRN + "inRegion")), None)
    sites = set(dataset.subjects(URIRef(BRN + "municipality"), node))
    clusters: dict[str, Link] = {}
    located: dict[str, Link] = {}
    for site in sites:
        for owner in dataset.subjects(URIRef(ORG + "hasSite"), site):
            link = Link(iri=str(owner), text=label_of(dataset, owner, lang))
            if (owner, RDF.type, URIRef(BRN + "Cluster")) in dataset:
                clusters[str(owner)] = link
            else:
                located[str(owner)] = link
        if (site, RDF.type, URIRef(BRN + "Office")) not in dataset:
            located[str(site)] = Link(iri=str(site), text=label_of(dataset, site, lang))
    return MunicipalityView(
        description=d,
        code=code,
        region=region,
        clusters_present=tuple(sorted(clusters.values(), key=lambda link: link.text)),
        organisations_located=tuple(sorted(located.values(), key=lambda link: link.text)),
        members=None,
        members_note=note,
    )


def organisation_view(dataset: Dataset, iri: str, lang: Language) -> OrganisationView:
    """An organisation: its units, offices, memberships both ways, dissolution date."""
    d = describe(dataset, iri, lang)
    node = URIRef(iri)

    def links(subjects: object) -> tuple[Link, ...]:
        found = {str(s): Link(iri=str(s), text=label_of(dataset, s, lang)) for s in subjects}  # type: ignore[attr-defined]
        return tuple(sorted(found.values(), key=lambda link: link.text))

    members = []
    member_of = []
    for membership in dataset.subjects(URIRef(ORG + "organization"), node):
        for member in dataset.objects(membership, URIRef(ORG + "member")):
            members.append(_membership(dataset, membership, member, lang))
    for membership in dataset.subjects(URIRef(ORG + "member"), node):
        for organisation in dataset.objects(membership, URIRef(ORG + "organization")):
            member_of.append(_membership(dataset, membership, organisation, lang))
    dissolved = next(iter(dataset.objects(node, URIRef(SCHEMA + "dissolutionDate"))), None)
    return OrganisationView(
        description=d,
        unit_of=links(dataset.objects(node, URIRef(ORG + "unitOf"))),
        units=links(dataset.objects(node, URIRef(ORG + "hasUnit"))),
        sites=links(dataset.objects(node, URIRef(ORG + "hasSite"))),
        members=tuple(sorted(members, key=lambda m: str(m["label"]))),
        member_of=tuple(sorted(member_of, key=lambda m: str(m["label"]))),
        dissolved=str(dissolved) if dissolved is not None else None,
    )


def _membership(
    dataset: Dataset, membership: object, other: object, lang: Language
) -> dict[str, object]:
    roles = [label_of(dataset, r, lang) for r in dataset.objects(membership, URIRef(ORG + "role"))]  # type: ignore[arg-type]
    return {
        "iri": str(other),
        "label": label_of(dataset, other, lang),  # type: ignore[arg-type]
        "roles": sorted(roles),
        "membership": str(membership),
    }


def listing(dataset: Dataset, classes: tuple[str, ...], lang: Language) -> list[dict[str, object]]:
    """Every instance of ``classes`` with its label and type, by label."""
    rows: list[dict[str, object]] = []
    for iri in instances(dataset, classes):
        node = URIRef(iri)
        types = sorted(str(t) for t in dataset.objects(node, RDF.type) if str(t) in classes)
        rows.append(
            {
                "iri": iri,
                "id": iri.rstrip("/").rsplit("/", 1)[-1],
                "label": label_of(dataset, node, lang),
                "type": label_of(dataset, URIRef(types[0]), lang) if types else None,
            }
        )
    return sorted(rows, key=lambda r: str(r["label"]).casefold())


#: What a bare name most likely means, tried before every other kind of resource.
PRINCIPAL_CLASSES = (
    BRN + "Cluster",
    BRN + "Goal",
    BRN + "StrengthPosition",
    BRN + "FrameworkDocument",
    BRN + "Strategy",
    BRN + "RegionalChapter",
    BRN + "Agreement",
    BRN + "ResultsContract",
    BRN + "Municipality",
    BRN + "RegionalNetwork",
    BRN + "Theme",
)


def resolve_any(
    dataset: Dataset, kind: str, text: str, lang: Language, *, follow_mergers: bool = False
) -> str:
    """The IRI ``text`` names: a cluster first (so "Life science" is Danish Life Science
    Cluster here as in every cluster door), then the other principal resources (goals,
    strength positions, documents, municipalities, networks, themes), then every resource.
    Used where a door accepts any node (the network's focus). With ``follow_mergers``, a
    network that merged into a cluster stands for that cluster."""
    found = _resolve_any(dataset, kind, text, lang)
    if follow_mergers:
        return successor(dataset, found) or found
    return found


def successor(dataset: Dataset, iri: str) -> str | None:
    """The organisation ``iri`` merged into (``org:ChangeEvent``), if any."""
    for event in dataset.subjects(URIRef(ORG + "originalOrganization"), URIRef(iri)):
        for result in dataset.objects(event, URIRef(ORG + "resultingOrganization")):
            return str(result)
    return None


def _resolve_any(dataset: Dataset, kind: str, text: str, lang: Language) -> str:
    try:
        return resolve_identifier(kind, text, candidates(dataset, (BRN + "Cluster",), lang)).iri
    except NotFoundError:
        pass
    try:
        return resolve_identifier(kind, text, candidates(dataset, PRINCIPAL_CLASSES, lang)).iri
    except NotFoundError as first:
        everything = candidates(dataset, ORGANISATION_CLASSES + MUNICIPALITY_CLASSES, lang)
        everything += candidates(dataset, (BRN + "Office", BRN + "Company", BRN + "Project"), lang)
        try:
            return resolve_identifier(kind, text, everything).iri
        except NotFoundError:
            raise first from None
