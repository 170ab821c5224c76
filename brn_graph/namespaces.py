"""The project namespace as a closed namespace class, the data namespaces and the prefix map.

A misspelt ontology term (``BRN.Clutser``) fails loudly at attribute access. A unit test keeps
:class:`BRN` and ``ontology/brn.ttl`` in step.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "BRN",
    "DCTERMS",
    "FOAF",
    "GRAPH",
    "ID",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "ROV",
    "SDO",
    "SH",
    "SHAPES",
    "SKOS",
    "TIME",
    "XSD",
]

ONTOLOGY_IRI = "https://w3id.org/brn-graph/ontology#"
DEFAULT_ID_IRI = "https://w3id.org/brn-graph/id/"
DEFAULT_GRAPH_IRI = "https://w3id.org/brn-graph/graph/"


class BRN(DefinedNamespace):
    """Terms of the brn-graph ontology (``ontology/brn.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    ActiveProjects: URIRef
    ActivityStatuses: URIRef
    Agreement: URIRef
    Alignment: URIRef
    AlignmentLevels: URIRef
    Analysis: URIRef
    Approximately: URIRef
    AreaMembershipTally: URIRef
    AtLeast: URIRef
    Budget: URIRef
    BusinessHub: URIRef
    Cluster: URIRef
    ClusterMembershipTally: URIRef
    CommittedInvestment: URIRef
    Company: URIRef
    CompanyMembers: URIRef
    ConfidenceLevels: URIRef
    ContextFramework: URIRef
    Count: URIRef
    DKK: URIRef
    Decision: URIRef
    DecisionContext: URIRef
    EUR: URIRef
    EnterpriseSizes: URIRef
    Exact: URIRef
    Figure: URIRef
    FrameworkDocument: URIRef
    Goal: URIRef
    Grant: URIRef
    Held: URIRef
    Indicator: URIRef
    Inferred: URIRef
    Jobs: URIRef
    KnowledgeInstitution: URIRef
    LargeEnterprise: URIRef
    LevelHigh: URIRef
    LevelLow: URIRef
    LevelMedium: URIRef
    LevelNone: URIRef
    Measures: URIRef
    Meeting: URIRef
    Members: URIRef
    MembershipRoles: URIRef
    MembershipTally: URIRef
    Municipality: URIRef
    Office: URIRef
    Outcome: URIRef
    Partnership: URIRef
    Planned: URIRef
    Population: URIRef
    Process: URIRef
    Project: URIRef
    ProjectPortfolio: URIRef
    PublicBody: URIRef
    Qualifiers: URIRef
    Region: URIRef
    RegionalChapter: URIRef
    RegionalNetwork: URIRef
    ResultsContract: URIRef
    RoleBoardMember: URIRef
    RoleFounder: URIRef
    RoleKnowledgePartner: URIRef
    RoleMember: URIRef
    RolePartner: URIRef
    SME: URIRef
    SMEMembers: URIRef
    Source: URIRef
    Staff: URIRef
    Stated: URIRef
    Strategy: URIRef
    StrengthPosition: URIRef
    Target: URIRef
    Theme: URIRef
    Themes: URIRef
    Tonnes: URIRef
    Units: URIRef
    Weak: URIRef
    agenda: URIRef
    alignedWith: URIRef
    asOfDate: URIRef
    body: URIRef
    cluster: URIRef
    companyCount: URIRef
    companyMunicipalityCode: URIRef
    conceptSchemeOf: URIRef
    confidence: URIRef
    cvrNumber: URIRef
    deadline: URIRef
    decidedAt: URIRef
    definedIn: URIRef
    designatedFor: URIRef
    employeeCount: URIRef
    employeeInterval: URIRef
    enterpriseSize: URIRef
    evidence: URIRef
    evidenceDate: URIRef
    figureOf: URIRef
    focusArea: URIRef
    frameworkDocument: URIRef
    frameworkWeight: URIRef
    hasFramework: URIRef
    hasIndicator: URIRef
    hasTarget: URIRef
    importKind: URIRef
    importedBy: URIRef
    inRegion: URIRef
    industryCode: URIRef
    inferredBy: URIRef
    isoCode: URIRef
    knownGap: URIRef
    leadOrganisation: URIRef
    level: URIRef
    listedEnterpriseSize: URIRef
    longList: URIRef
    mappingName: URIRef
    measure: URIRef
    memberListOf: URIRef
    municipality: URIRef
    municipalityCode: URIRef
    nameWithheld: URIRef
    namesDropped: URIRef
    nutsCode: URIRef
    outsideClusterRemit: URIRef
    partOfProcess: URIRef
    participant: URIRef
    partner: URIRef
    passage: URIRef
    preparedAt: URIRef
    qualifier: URIRef
    regionCode: URIRef
    remitNote: URIRef
    rowsAccepted: URIRef
    rowsMerged: URIRef
    rowsRead: URIRef
    scope: URIRef
    sha256: URIRef
    sizedCount: URIRef
    smeCount: URIRef
    sourceDocument: URIRef
    standIn: URIRef
    standInNote: URIRef
    status: URIRef
    tallyArea: URIRef
    tallyOf: URIRef
    targetValue: URIRef
    theme: URIRef
    unit: URIRef


ROV = Namespace("http://www.w3.org/ns/regorg#")
SHAPES = Namespace("https://w3id.org/brn-graph/shapes#")
ID = Namespace(DEFAULT_ID_IRI)
GRAPH = Namespace(DEFAULT_GRAPH_IRI)

#: Resource kinds: the folder under ``id/`` for each kind of thing, as in ``docs/model.md``.
ID_FOLDERS: dict[str, str] = {
    "cluster": "cluster/",
    "orgn": "org/",
    "company": "company/",
    "muni": "municipality/",
    "region": "region/",
    "site": "site/",
    "mship": "membership/",
    "doc": "document/",
    "scheme": "scheme/",
    "goal": "goal/",
    "sp": "strength/",
    "theme": "theme/",
    "fig": "figure/",
    "aln": "alignment/",
    "proj": "project/",
    "event": "event/",
    "src": "source/",
}

#: The prefix map used in every serialisation and offered to every query.
PREFIXES: dict[str, str] = {
    "brn": ONTOLOGY_IRI,
    "brnsh": str(SHAPES),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "org": str(ORG),
    "rov": str(ROV),
    "prov": str(PROV),
    "time": str(TIME),
    "schema": str(SDO),
    "foaf": str(FOAF),
    "sh": str(SH),
    **{prefix: DEFAULT_ID_IRI + folder for prefix, folder in ID_FOLDERS.items()},
}


def shorten(iri: str) -> str:
    """An IRI as ``prefix:local`` when a prefix of :data:`PREFIXES` fits, else unchanged.

    >>> shorten("https://w3id.org/brn-graph/ontology#Cluster")
    'brn:Cluster'
    >>> shorten("http://example.org/x")
    'http://example.org/x'
    """
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if not best:
        return iri
    local = iri[len(best) :]
    if not local or any(c in local for c in "/#?"):
        return iri
    return f"{best_prefix}:{local}"
