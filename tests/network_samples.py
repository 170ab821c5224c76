"""A small network projection shared by the view tests (unit and browser).

It is built with :mod:`brn_graph.network.analytics`'s own types, so the tests exercise the real
projection-to-view contract: three framework documents (one a chapter of another), goals
and strength positions, clusters with offices and member companies, municipalities with
Danish letters, and alignments of every level and confidence. Any text field can carry a
payload (an HTML or script string) to prove it is only ever shown as text.
"""

from __future__ import annotations

from typing import Any

from brn_graph.alignment.data import Labels, Source
from brn_graph.network.analytics import (
    EdgeKind,
    NetworkEdge,
    NetworkNode,
    NetworkProjection,
    NodeKind,
)

ID = "https://w3id.org/brn-graph/id/"

DOC_BRN = ID + "document/brn-nordjyllandsstemme"
DOC_DEB = ID + "document/deb-2020-2023"
DOC_CHAPTER = ID + "document/deb-2020-2023-nordjylland"
GOAL_1 = ID + "goal/brn-nordjyllandsstemme-1"
GOAL_2 = ID + "goal/brn-nordjyllandsstemme-2"
GOAL_3 = ID + "goal/brn-nordjyllandsstemme-3"
GOAL_CH = ID + "goal/deb-nordjylland-1"
SP_ENERGY = ID + "strength/deb-2020-energy-technology"
SP_FOOD = ID + "strength/deb-2020-food"
ECD = ID + "cluster/energy-cluster-denmark"
DIGITAL = ID + "cluster/digitallead"
FOOD = ID + "cluster/food-bio-cluster-denmark"
PAYLOAD_CLUSTER = ID + "cluster/payload"
AALBORG = ID + "municipality/aalborg"
BRONDERSLEV = ID + "municipality/broenderslev"
HJORRING = ID + "municipality/hjoerring"
SITE_ECD = ID + "site/ecd-aalborg"
SITE_FOOD = ID + "site/fbcd-hjoerring"
COMPANY_1 = ID + "company/12345674"
COMPANY_2 = ID + "company/23456789"
COMPANY_3 = ID + "company/34567891"

#: Node counts of the sample by kind (payload cluster included).
COUNTS = {
    "cluster": 4,
    "document": 3,
    "goal": 4,
    "strength_position": 2,
    "municipality": 3,
    "office": 2,
    "company": 3,
}
TOTAL_NODES = sum(COUNTS.values())

#: HTML, script and attribute-breaking payloads (the R-XSS corpus of reliability-hazards.md).
PAYLOADS = (
    "<script>window.__xss=1</script>",
    "</script><script>window.__xss=2</script>",
    "<img src=x onerror=window.__xss=3>",
    "<svg onload=window.__xss=4>",
    "<svg><script>window.__xss=5</script></svg>",
    '"><script>window.__xss=6</script>',
    "'><img src=x onerror=window.__xss=7>",
    '" onmouseover="window.__xss=8',
    "' onfocus='window.__xss=9' autofocus='",
    "javascript:window.__xss=10",
    '<a href="javascript:window.__xss=11">click</a>',
    "<iframe src=javascript:window.__xss=12></iframe>",
    "<body onload=window.__xss=13>",
    "<details open ontoggle=window.__xss=14>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=15>",
    "<!--<script>window.__xss=16</script>-->",
    "<![CDATA[<script>window.__xss=17</script>]]>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "<link rel=stylesheet href=http://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=http://evil.example/'>",
    "<base href=http://evil.example/>",
    "<object data=javascript:window.__xss=18></object>",
    "<embed src=javascript:window.__xss=19>",
    "<form action=javascript:window.__xss=20><button>x</button></form>",
    "<input autofocus onfocus=window.__xss=21>",
    "<video><source onerror=window.__xss=22></video>",
    "<img src=x onerror=window.__xss=23> href",
    "{{7*7}}<b>bold</b> href=x",
    "\u2028\u2029<script>window.__xss=24</script>",
    "&lt;script&gt;window.__xss=25&lt;/script&gt;",
    "${window.__xss=26}`<script>`",
    "<scr<script>ipt>window.__xss=27</scr</script>ipt>",
)


def _source(slug: str, title: Labels, url: str) -> Source:
    return Source(
        iri=ID + "source/" + slug, title=title, url=url, citation=None, confidence="stated"
    )


def _labels(da: str, en: str | None = None) -> Labels:
    return Labels(da=da, en=en if en is not None else da, fallback=da)


def sample_projection(payload: str | None = None) -> NetworkProjection:
    """The sample; with ``payload``, it sits in every text field of the payload cluster,
    its alignment (evidence, rule, source title) and one company's name."""
    text = payload or "Payload-klynge"
    nodes = [
        NetworkNode(iri=ECD, kind=NodeKind.CLUSTER, labels=_labels("Energy Cluster Denmark")),
        NetworkNode(iri=DIGITAL, kind=NodeKind.CLUSTER, labels=_labels("DigitalLead")),
        NetworkNode(iri=FOOD, kind=NodeKind.CLUSTER, labels=_labels("Food & Bio Cluster Denmark")),
        NetworkNode(iri=PAYLOAD_CLUSTER, kind=NodeKind.CLUSTER, labels=_labels(text, text)),
        NetworkNode(
            iri=DOC_BRN,
            kind=NodeKind.DOCUMENT,
            labels=_labels(
                "#Nordjyllandsstemme", "#Nordjyllandsstemme (the voice of North Jutland)"
            ),
        ),
        NetworkNode(
            iri=DOC_DEB,
            kind=NodeKind.DOCUMENT,
            labels=_labels(
                "Strategi for decentral erhvervsfremme 2020-2023",
                "Strategy for decentralised business promotion 2020-2023",
            ),
        ),
        NetworkNode(
            iri=DOC_CHAPTER,
            kind=NodeKind.DOCUMENT,
            labels=_labels("Nordjysk kapitel", "North Jutland chapter"),
        ),
        NetworkNode(
            iri=GOAL_1,
            kind=NodeKind.GOAL,
            labels=_labels("Grøn omstilling og grøn vækst", "Green transition and green growth"),
        ),
        NetworkNode(
            iri=GOAL_2, kind=NodeKind.GOAL, labels=_labels("Digitalisering", "Digitalisation")
        ),
        NetworkNode(
            iri=GOAL_3,
            kind=NodeKind.GOAL,
            labels=_labels("Kvalificeret arbejdskraft", "Skilled labour"),
        ),
        NetworkNode(
            iri=GOAL_CH,
            kind=NodeKind.GOAL,
            labels=_labels("Fødevarer i Nordjylland", "Food in North Jutland"),
        ),
        NetworkNode(
            iri=SP_ENERGY,
            kind=NodeKind.STRENGTH_POSITION,
            labels=_labels("Energiteknologi", "Energy technology"),
        ),
        NetworkNode(
            iri=SP_FOOD,
            kind=NodeKind.STRENGTH_POSITION,
            labels=_labels("Fødevarer og bioressourcer", "Food and bioresources"),
        ),
        NetworkNode(
            iri=AALBORG,
            kind=NodeKind.MUNICIPALITY,
            labels=_labels("Aalborg Kommune", "Aalborg Municipality"),
        ),
        NetworkNode(
            iri=BRONDERSLEV,
            kind=NodeKind.MUNICIPALITY,
            labels=_labels("Brønderslev Kommune", "Brønderslev Municipality"),
        ),
        NetworkNode(
            iri=HJORRING,
            kind=NodeKind.MUNICIPALITY,
            labels=_labels("Hjørring Kommune", "Hjørring Municipality"),
        ),
        NetworkNode(
            iri=SITE_ECD,
            kind=NodeKind.OFFICE,
            labels=_labels("Energy Cluster Denmark, Aalborg"),
        ),
        NetworkNode(
            iri=SITE_FOOD,
            kind=NodeKind.OFFICE,
            labels=_labels("Food & Bio Cluster Denmark, Hjørring"),
        ),
        NetworkNode(iri=COMPANY_1, kind=NodeKind.COMPANY, labels=_labels("Vindmølle Ørsø ApS")),
        NetworkNode(iri=COMPANY_2, kind=NodeKind.COMPANY, labels=_labels("Data Åby A/S")),
        NetworkNode(iri=COMPANY_3, kind=NodeKind.COMPANY, labels=_labels(text, text)),
    ]

    def structural(source: str, target: str, kind: EdgeKind) -> NetworkEdge:
        return NetworkEdge(source=source, target=target, kind=kind)

    def alignment(source: str, target: str, **fields: Any) -> NetworkEdge:
        return NetworkEdge(source=source, target=target, kind=EdgeKind.ALIGNMENT, **fields)

    edges = [
        structural(DOC_CHAPTER, DOC_DEB, EdgeKind.PART_OF),
        structural(GOAL_1, DOC_BRN, EdgeKind.DEFINED_IN),
        structural(GOAL_2, DOC_BRN, EdgeKind.DEFINED_IN),
        structural(GOAL_3, DOC_BRN, EdgeKind.DEFINED_IN),
        structural(GOAL_CH, DOC_CHAPTER, EdgeKind.DEFINED_IN),
        structural(SP_ENERGY, DOC_DEB, EdgeKind.DEFINED_IN),
        structural(SP_FOOD, DOC_DEB, EdgeKind.DEFINED_IN),
        structural(ECD, SITE_ECD, EdgeKind.HAS_OFFICE),
        structural(FOOD, SITE_FOOD, EdgeKind.HAS_OFFICE),
        structural(SITE_ECD, AALBORG, EdgeKind.LOCATED_IN),
        structural(SITE_FOOD, HJORRING, EdgeKind.LOCATED_IN),
        structural(COMPANY_1, ECD, EdgeKind.MEMBER_OF),
        structural(COMPANY_1, BRONDERSLEV, EdgeKind.LOCATED_IN),
        structural(COMPANY_2, DIGITAL, EdgeKind.MEMBER_OF),
        structural(COMPANY_2, AALBORG, EdgeKind.LOCATED_IN),
        structural(COMPANY_3, PAYLOAD_CLUSTER, EdgeKind.MEMBER_OF),
        alignment(
            ECD,
            GOAL_1,
            weight=1.0,
            level="high",
            confidence="stated",
            evidence=Labels(
                da="BRN nævner energiklyngen i første indsats.",
                en="BRN names the energy cluster in its first effort.",
            ),
            document=DOC_BRN,
            passage="Om BRN, første indsats",
            sources=(
                _source(
                    "brn-om",
                    Labels(da="BRN: Om BRN", en="BRN: About BRN"),
                    "https://www.businessregionnorthdenmark.dk/om-brn",
                ),
            ),
        ),
        alignment(
            ECD,
            SP_ENERGY,
            weight=0.6,
            level="high",
            confidence="inferred",
            inferred=True,
            rule="same-theme",
        ),
        alignment(DIGITAL, GOAL_2, weight=0.36, level="medium", confidence="inferred"),
        alignment(FOOD, GOAL_CH, weight=0.3, level="low", confidence="stated"),
        alignment(FOOD, SP_FOOD, weight=0.18, level="medium", confidence="weak"),
        alignment(
            PAYLOAD_CLUSTER,
            GOAL_3,
            weight=0.09,
            level="low",
            confidence="weak",
            rule=text,
            evidence=Labels(da=text, en=text),
            sources=(_source("payload", Labels(da=text, en=text), "https://example.org/x"),),
        ),
    ]
    return NetworkProjection(nodes=tuple(nodes), edges=tuple(edges))


def payload_projection() -> NetworkProjection:
    """Every payload at once: a cluster named by it, aligned with a goal of the sample with
    the payload as evidence, rule and source title, and a member company named by it."""
    base = sample_projection()
    nodes = list(base.nodes)
    edges = list(base.edges)
    for index, payload in enumerate(PAYLOADS):
        cluster = f"{ID}cluster/payload-{index}"
        company = f"{ID}company/payload-{index}"
        nodes.append(NetworkNode(iri=cluster, kind=NodeKind.CLUSTER, labels=_labels(payload)))
        nodes.append(NetworkNode(iri=company, kind=NodeKind.COMPANY, labels=_labels(payload)))
        edges.append(NetworkEdge(source=company, target=cluster, kind=EdgeKind.MEMBER_OF))
        edges.append(
            NetworkEdge(
                source=cluster,
                target=GOAL_2,
                kind=EdgeKind.ALIGNMENT,
                weight=0.3,
                level="low",
                confidence="inferred",
                inferred=True,
                rule=payload,
                evidence=Labels(da=payload, en=payload),
                passage=payload,
                sources=(_source(f"payload-{index}", _labels(payload), "https://example.org/"),),
            )
        )
    return NetworkProjection(nodes=tuple(nodes), edges=tuple(edges))
