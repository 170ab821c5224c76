# ruff: noqa: E501  (the Turtle templates below read best one statement per line)
"""A deterministic synthetic graph of this domain, at about 10k, 100k or 1M triples.

Everything here is invented and says so: every resource is derived from the source
``src:synthetic-benchmark`` (labelled "syntetiske data" / "synthetic data", confidence
``brn:Weak``), and ``synthetic.ttl`` describes the dataset itself as a ``schema:Dataset``
(seed, plan) whose ``brn:knownGap`` says that all names, numbers and links are invented.
``manifest.json`` says ``"synthetic": true`` and repeats the counts for the benchmark.

The shape follows ``docs/model.md`` so that the catalogue queries have real work to do:
regions and municipalities; clusters with focus areas, strength positions, offices (some in
North Jutland), dated figures (members, SMEs, portfolio; national and per municipality);
thousands of member companies with valid CVR numbers (modulus-11 check digit) and
memberships (role, start date, some ended); framework documents with goals, strength
positions, replacement chains and regional chapters; alignments with level, confidence,
evidence, passage and sources; a process with meetings, an analysis and decisions. The
example parameters of the catalogue (``cluster:energy-cluster-denmark``,
``doc:brn-nordjyllandsstemme``, ``goal:brn-nordjyllandsstemme-1``,
``event:brn-cluster-process-2024``) exist at every size, so every query runs with its
defaults.

Run: ``python -m benchmarks.generate --size 100k [--out DIR] [--seed N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
DEFAULT_SEED = 20240920
#: Per-file input limits for the benchmarks. The synthetic graph is a few large files (at 1M
#: ``memberships.ttl`` is 25 MB, at 10M 258 MB and about 6M triples), over the defaults that
#: guard the service against untrusted input (20 MB, 500,000 triples per file); a user
#: loading such files sets ``BRN_GRAPH_MAX_FILE_BYTES`` / ``BRN_GRAPH_MAX_FILE_TRIPLES``.
INPUT_LIMITS = {"max_file_bytes": 4_000_000_000, "max_file_triples": 100_000_000}
GENERATED = Path(__file__).resolve().parent / "generated"
SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
REGION_SLUGS = {
    "Hovedstaden": "hovedstaden",
    "Sjælland": "sjaelland",
    "Syddanmark": "syddanmark",
    "Midtjylland": "midtjylland",
    "Nordjylland": "nordjylland",
}

PREFIXES = """\
@prefix brn:     <https://w3id.org/brn-graph/ontology#> .
@prefix cluster: <https://w3id.org/brn-graph/id/cluster/> .
@prefix orgn:    <https://w3id.org/brn-graph/id/org/> .
@prefix company: <https://w3id.org/brn-graph/id/company/> .
@prefix muni:    <https://w3id.org/brn-graph/id/municipality/> .
@prefix region:  <https://w3id.org/brn-graph/id/region/> .
@prefix site:    <https://w3id.org/brn-graph/id/site/> .
@prefix mship:   <https://w3id.org/brn-graph/id/membership/> .
@prefix doc:     <https://w3id.org/brn-graph/id/document/> .
@prefix scheme:  <https://w3id.org/brn-graph/id/scheme/> .
@prefix goal:    <https://w3id.org/brn-graph/id/goal/> .
@prefix sp:      <https://w3id.org/brn-graph/id/strength/> .
@prefix theme:   <https://w3id.org/brn-graph/id/theme/> .
@prefix fig:     <https://w3id.org/brn-graph/id/figure/> .
@prefix aln:     <https://w3id.org/brn-graph/id/alignment/> .
@prefix proj:    <https://w3id.org/brn-graph/id/project/> .
@prefix event:   <https://w3id.org/brn-graph/id/event/> .
@prefix src:     <https://w3id.org/brn-graph/id/source/> .
@prefix ctx:     <https://w3id.org/brn-graph/id/context/> .
@prefix ctxf:    <https://w3id.org/brn-graph/id/context-framework/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix rov:     <http://www.w3.org/ns/regorg#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct:     <http://purl.org/dc/terms/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix schema:  <https://schema.org/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

"""

PROVENANCE = "prov:wasDerivedFrom src:synthetic-benchmark ; brn:confidence brn:Weak"

THEMES = [
    "energy-technology", "digital-technologies", "advanced-manufacturing",
    "life-science-health", "robotics-automation", "construction",
    "defence-space-security", "food-bioresources", "maritime", "logistics",
    "environmental-technology", "fintech", "sound-technology", "design-fashion-furniture",
    "tourism", "green-transition", "qualified-labour", "infrastructure", "innovation",
    "internationalisation", "productivity", "renewable-energy", "circular-economy",
]  # fmt: skip
NORTH_JUTLAND = [
    ("aalborg", "Aalborg", "0851"), ("hjoerring", "Hjørring", "0860"),
    ("frederikshavn", "Frederikshavn", "0813"), ("thisted", "Thisted", "0787"),
    ("broenderslev", "Brønderslev", "0810"), ("jammerbugt", "Jammerbugt", "0849"),
    ("mariagerfjord", "Mariagerfjord", "0846"), ("rebild", "Rebild", "0840"),
    ("vesthimmerlands", "Vesthimmerlands", "0820"), ("morsoe", "Morsø", "0773"),
    ("laesoe", "Læsø", "0825"),
]  # fmt: skip
REGIONS = ["nordjylland", "midtjylland", "syddanmark", "hovedstaden", "sjaelland"]
LEVELS = ["brn:LevelHigh", "brn:LevelMedium", "brn:LevelLow"]
CONFIDENCES = ["brn:Stated", "brn:Inferred", "brn:Weak"]
KINDS = ["brn:Strategy", "brn:RegionalChapter", "brn:Agreement", "brn:ResultsContract"]
WORDS = [
    "Nord", "Grøn", "Digital", "Havn", "Vind", "Data", "Robot", "Bio", "Food", "Bygge",
    "Energi", "Logistik", "Sund", "Tech", "Maritim", "Lyd", "Design", "Power", "Agro", "Smart",
]  # fmt: skip
SUFFIXES = ["ApS", "A/S", "I/S", "IVS", "K/S"]


@dataclass(frozen=True)
class Plan:
    """How many of each thing to generate for a target size."""

    clusters: int
    documents: int
    companies: int
    municipalities: int
    years: int
    meetings: int


@dataclass(frozen=True)
class Generated:
    """What :func:`generate` wrote."""

    folder: Path
    label: str
    seed: int
    triples: int
    files: tuple[str, ...]
    counts: dict[str, int]


def plan_for(target: int) -> Plan:
    """Counts that give about ``target`` triples (most of them in companies and memberships).

    >>> plan_for(100_000).companies
    5363
    """
    clusters = min(120, max(10, target // 5_000))
    documents = min(40, max(6, target // 25_000))
    fixed = clusters * 330 + documents * 120 + 1_500  # regions, figures, documents, process
    return Plan(
        clusters=clusters,
        documents=documents,
        companies=max(50, (target - fixed) // 17),
        municipalities=98,
        years=10,
        meetings=min(60, max(12, target // 20_000)),
    )


def valid_cvr(rng: random.Random) -> str:
    """An 8-digit CVR number whose modulus-11 check (weights 2765432 1) holds.

    >>> number = valid_cvr(random.Random(1))
    >>> sum(int(d) * w for d, w in zip(number, (2, 7, 6, 5, 4, 3, 2, 1))) % 11
    0
    """
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        total = sum(d * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True))
        check = (-total) % 11
        if check < 10:
            return "".join(map(str, [*digits, check]))


def _lit(text: str) -> str:
    """A Turtle string literal (escaped by Oxigraph's serialiser)."""
    return str(ox.Literal(text))


def _labels(prop: str, da: str, en: str) -> str:
    return f"{prop} {_lit(da)}@da , {_lit(en)}@en"


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[str] = []

    def write(self, name: str, blocks: Iterator[str]) -> None:
        path = self.folder / name
        with path.open("w", encoding="utf-8") as out:
            out.write(PREFIXES)
            for block in blocks:
                out.write(block)
                out.write("\n")
        self.files.append(name)


def generate(
    label: str, *, out: Path | None = None, seed: int = DEFAULT_SEED, target: int | None = None
) -> Generated:
    """Write the synthetic graph for ``label`` (10k, 100k, 1m) into ``out``; deterministic."""
    target = target or SIZES[label]
    plan = plan_for(target)
    folder = out or GENERATED / label
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.ttl"):
        old.unlink()
    rng = random.Random(seed)
    writer = _Writer(folder)
    counts: dict[str, int] = {}

    municipalities = _municipalities(plan, rng)
    clusters = [
        "energy-cluster-denmark",
        *(f"synthetic-cluster-{i:03d}" for i in range(1, plan.clusters)),
    ]
    writer.write("synthetic.ttl", _metadata(label, seed, plan))
    writer.write("geography.ttl", _geography(municipalities))
    writer.write("clusters.ttl", _clusters(clusters, municipalities, rng))
    targets = list(_targets(plan, rng))
    writer.write("documents.ttl", _documents(plan, targets, rng))
    alignments = _alignment_pairs(clusters, targets, rng)
    writer.write("alignments.ttl", _alignments(alignments, rng))
    writer.write("figures.ttl", _figures(clusters, municipalities, plan, rng))
    companies = _companies(plan, municipalities, rng)
    writer.write("companies.ttl", _company_blocks(companies))
    memberships = list(_membership_rows(companies, clusters, rng))
    writer.write("memberships.ttl", _membership_blocks(memberships))
    writer.write("process.ttl", _process(plan, rng))
    writer.write("context.ttl", _decision_context(plan, clusters))
    counts.update(
        clusters=len(clusters),
        municipalities=len(municipalities),
        documents=plan.documents,
        goals_and_strength_positions=len(targets),
        alignments=len(alignments),
        companies=len(companies),
        memberships=len(memberships),
    )
    triples = count_triples(folder)
    manifest = {
        "synthetic": True,
        "label": label,
        "seed": seed,
        "target_triples": target,
        "triples": triples,
        "plan": asdict(plan),
        "counts": counts,
        "files": writer.files,
        "note": "Synthetic benchmark data: invented names, numbers and links. Not facts.",
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return Generated(
        folder=folder,
        label=label,
        seed=seed,
        triples=triples,
        files=tuple(writer.files),
        counts=counts,
    )


def count_triples(folder: Path) -> int:
    """Triples in the generated files (without the ontology)."""
    total = 0
    for path in sorted(folder.glob("*.ttl")):
        total += sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return total


def _metadata(label: str, seed: int, plan: Plan) -> Iterator[str]:
    yield (
        "src:synthetic-benchmark a brn:Source ;\n"
        f"    {_labels('rdfs:label', 'Syntetiske data til benchmark', 'Synthetic benchmark data')} ;\n"
        '    dct:bibliographicCitation "benchmarks/generate.py (synthetic, not a real source)" ;\n'
        "    brn:confidence brn:Weak ."
    )
    yield (
        f"<https://w3id.org/brn-graph/id/dataset/synthetic-{label}> a schema:Dataset ;\n"
        f"    {_labels('rdfs:label', f'Syntetisk benchmarkgraf {label}', f'Synthetic benchmark graph {label}')} ;\n"
        f"    {_labels('brn:knownGap', 'Alle navne, tal og forbindelser er opdigtede (syntetiske).', 'All names, numbers and links are invented (synthetic).')} ;\n"
        f"    schema:version \"seed {seed}\" ;\n"
        f"    dct:description {_lit(json.dumps(asdict(plan)))}@en ;\n"
        f"    {PROVENANCE} ."
    )  # fmt: skip


def _municipalities(plan: Plan, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(slug, name, code, region): the 11 North Jutland ones, then other real codes.

    The codes are Statistics Denmark's 98 municipality codes as listed (by region) in the
    shape ``S09-Municipality-code``; outside North Jutland only the code and the region are
    real, the name says it is synthetic.
    """
    rows = [(slug, name, code, "nordjylland") for slug, name, code in NORTH_JUTLAND]
    used = {code for _, _, code in NORTH_JUTLAND}
    others = [(code, region) for code, region in municipality_codes() if code not in used]
    rng.shuffle(others)
    for code, region in others[: max(0, plan.municipalities - len(rows))]:
        rows.append((f"synthetic-{code}", f"Syntetisk {code}", code, region))
    return rows


def municipality_codes(shapes: Path = SHAPES) -> list[tuple[str, str]]:
    """(code, region slug) of every code the shapes accept, read from the ``sh:in`` list.

    >>> len(municipality_codes())
    98
    """
    text = shapes.read_text(encoding="utf-8")
    start = text.index("brnsh:S09-Municipality-code a sh:PropertyShape")
    block = text[text.index("sh:in (", start) : text.index(")", text.index("sh:in (", start))]
    codes: list[tuple[str, str]] = []
    region = ""
    for line in block.splitlines():
        heading = re.match(r"\s*# Region (\S+)", line)
        if heading:
            region = REGION_SLUGS[heading.group(1)]
            continue
        codes.extend((code, region) for code in re.findall(r'"(\d{4})"', line))
    return codes


def _geography(municipalities: list[tuple[str, str, str, str]]) -> Iterator[str]:
    for region in REGIONS:
        yield (
            f"region:{region} a brn:Region ;\n"
            f"    {_labels('skos:prefLabel', f'Region {region}', f'Region {region}')} ;\n"
            f"    {PROVENANCE} ."
        )
    for slug, name, code, region in municipalities:
        yield (
            f"muni:{slug} a brn:Municipality ;\n"
            f"    {_labels('skos:prefLabel', f'{name} Kommune', f'{name} Municipality')} ;\n"
            f'    brn:municipalityCode "{code}" ; brn:inRegion region:{region} ;\n'
            f"    {PROVENANCE} ."
        )


def _clusters(
    clusters: list[str], municipalities: list[tuple[str, str, str, str]], rng: random.Random
) -> Iterator[str]:
    for index, slug in enumerate(clusters):
        name = "Energy Cluster Denmark" if index == 0 else f"Synthetic Cluster {index:03d}"
        focus = rng.sample(THEMES[:14], k=rng.randint(1, 3))
        offices = []
        for n in range(rng.randint(2, 6)):
            muni = municipalities[rng.randrange(len(municipalities))]
            if n == 0 and (index == 0 or rng.random() < 0.4):
                muni = municipalities[rng.randrange(11)]  # a North Jutland office
            offices.append((f"{slug}-office-{n + 1}", muni))
        yield (
            f"cluster:{slug} a brn:Cluster ;\n"
            f"    {_labels('skos:prefLabel', name, name)} ;\n"
            f"    brn:focusArea {' , '.join(f'theme:{t}' for t in focus)} ;\n"
            f"    brn:designatedFor sp:synthetic-doc-02-sp-{index % 10 + 1:02d} ;\n"
            f"    org:hasSite {' , '.join(f'site:{o}' for o, _ in offices)} ;\n"
            f"    org:hasPrimarySite site:{offices[0][0]} ;\n"
            f'    schema:foundingDate "{rng.randint(2000, 2021)}"^^xsd:gYear ;\n'
            f"    {PROVENANCE} ."
        )
        for office, (muni_slug, muni_name, _, _) in offices:
            yield (
                f"site:{office} a brn:Office ;\n"
                f"    {_labels('rdfs:label', f'{name}, {muni_name}', f'{name}, {muni_name}')} ;\n"
                f"    schema:addressLocality {_lit(muni_name)} ;\n"
                f"    brn:municipality muni:{muni_slug} ;\n"
                f"    {PROVENANCE} ."
            )


def _targets(plan: Plan, rng: random.Random) -> Iterator[tuple[str, str, str, int]]:
    """(kind, slug, document slug, notation) of every goal and strength position."""
    for d in range(plan.documents):
        document = _doc_slug(d)
        for g in range(rng.randint(5, 10) if d else 5):
            yield ("goal", f"{document}-{g + 1}", document, g + 1)
        if d % 2 == 1:
            for s in range(10 if d == 1 else rng.randint(5, 15)):
                yield ("sp", f"{document}-sp-{s + 1:02d}", document, s + 1)


def _doc_slug(index: int) -> str:
    return "brn-nordjyllandsstemme" if index == 0 else f"synthetic-doc-{index + 1:02d}"


def _documents(
    plan: Plan, targets: list[tuple[str, str, str, int]], rng: random.Random
) -> Iterator[str]:
    for d in range(plan.documents):
        slug = _doc_slug(d)
        kind = "brn:Strategy" if d < 2 else KINDS[d % len(KINDS)]
        begin = 2015 + d % 10
        links = ""
        if d >= 3 and d % 3 == 0:
            links += f"    dct:replaces doc:{_doc_slug(d - 1)} ;\n"
        if kind == "brn:RegionalChapter":
            links += f"    dct:isPartOf doc:{_doc_slug(d - 1)} ;\n"
        yield (
            f"doc:{slug} a {kind} ;\n"
            f"    {_labels('dct:title', f'Syntetisk rammedokument {d + 1}', f'Synthetic framework document {d + 1}')} ;\n"
            f"    dct:publisher orgn:synthetic-publisher ;\n"
            f'    dct:issued "{begin}-0{1 + d % 9}-15"^^xsd:date ;\n'
            f"    dct:temporal [ a time:ProperInterval ;\n"
            f'        time:hasBeginning [ a time:Instant ; time:inXSDgYear "{begin}"^^xsd:gYear ] ;\n'
            f'        time:hasEnd [ a time:Instant ; time:inXSDgYear "{begin + 3}"^^xsd:gYear ] ] ;\n'
            f"{links}"
            f"    {PROVENANCE} ."
        )  # fmt: skip
        yield (
            f"scheme:{slug}-goals a skos:ConceptScheme ;\n"
            f"    {_labels('skos:prefLabel', f'Mål i dokument {d + 1}', f'Goals of document {d + 1}')} ;\n"
            f"    brn:conceptSchemeOf doc:{slug} ."
        )  # fmt: skip
    yield (
        "orgn:synthetic-publisher a org:FormalOrganization ;\n"
        f"    {_labels('skos:prefLabel', 'Syntetisk udgiver', 'Synthetic publisher')} ;\n"
        f"    {PROVENANCE} ."
    )
    for kind, slug, document, notation in targets:
        theme = THEMES[rng.randrange(len(THEMES))]
        if kind == "goal":
            yield (
                f"goal:{slug} a brn:Goal ;\n"
                f"    skos:inScheme scheme:{document}-goals ; skos:topConceptOf scheme:{document}-goals ;\n"
                f'    brn:definedIn doc:{document} ; skos:notation "{notation}" ;\n'
                f"    {_labels('skos:prefLabel', f'Syntetisk mål {slug}', f'Synthetic goal {slug}')} ;\n"
                f"    {_labels('skos:definition', 'Et opdigtet mål.', 'An invented goal.')} ;\n"
                f"    brn:theme theme:{theme} ;\n"
                f"    {PROVENANCE} ."
            )  # fmt: skip
        else:
            yield (
                f"sp:{slug} a brn:StrengthPosition ;\n"
                f"    skos:inScheme scheme:{document}-goals ;\n"
                f"    brn:definedIn doc:{document} ;\n"
                f"    {_labels('skos:prefLabel', f'Syntetisk styrkeposition {slug}', f'Synthetic strength position {slug}')} ;\n"
                f"    brn:theme theme:{theme} ;\n"
                f"    {PROVENANCE} ."
            )  # fmt: skip


def _alignment_pairs(
    clusters: list[str], targets: list[tuple[str, str, str, int]], rng: random.Random
) -> list[tuple[str, tuple[str, str, str, int]]]:
    pairs = []
    for cluster in clusters:
        for target in targets:
            forced = cluster == clusters[0] and target[1] == "brn-nordjyllandsstemme-1"
            if forced or rng.random() < 0.12:
                pairs.append((cluster, target))
    return pairs


def _alignments(
    pairs: list[tuple[str, tuple[str, str, str, int]]], rng: random.Random
) -> Iterator[str]:
    for cluster, (kind, slug, document, _) in pairs:
        prefix = "goal" if kind == "goal" else "sp"
        level = "brn:LevelHigh" if slug == "brn-nordjyllandsstemme-1" else rng.choice(LEVELS)
        yield (
            f"aln:{cluster}--{slug} a brn:Alignment ;\n"
            f"    brn:cluster cluster:{cluster} ; brn:alignedWith {prefix}:{slug} ;\n"
            f"    brn:sourceDocument doc:{document} ;\n"
            f"    brn:level {level} ; brn:confidence {rng.choice(CONFIDENCES)} ;\n"
            f"    {_labels('brn:evidence', 'Opdigtet begrundelse for vurderingen.', 'Invented evidence for the assessment.')} ;\n"
            f'    brn:passage "Afsnit {rng.randint(1, 40)}" ;\n'
            f"    prov:wasDerivedFrom src:synthetic-benchmark , src:synthetic-benchmark-{rng.randint(1, 50):02d} ;\n"
            f"    prov:wasAttributedTo orgn:synthetic-publisher ;\n"
            f'    brn:evidenceDate "{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:date ;\n'
            f'    dct:created "2026-11-26"^^xsd:date .'
        )  # fmt: skip
    for n in range(1, 51):
        yield (
            f"src:synthetic-benchmark-{n:02d} a brn:Source ;\n"
            f"    {_labels('rdfs:label', f'Syntetisk kilde {n}', f'Synthetic source {n}')} ;\n"
            f"    schema:url <https://example.org/synthetic/{n}> ;\n"
            "    brn:confidence brn:Weak ."
        )


def _figures(
    clusters: list[str],
    municipalities: list[tuple[str, str, str, str]],
    plan: Plan,
    rng: random.Random,
) -> Iterator[str]:
    measures = [
        ("brn:Members", "members", "brn:Count"),
        ("brn:SMEMembers", "sme-members", "brn:Count"),
        ("brn:ProjectPortfolio", "portfolio", "brn:DKK"),
    ]
    for cluster in clusters:
        members = rng.randint(50, 400)
        for year in range(2025 - plan.years, 2025):
            members = int(members * rng.uniform(0.95, 1.15))
            values = {
                "members": members,
                "sme-members": int(members * 0.6),
                "portfolio": members * 2_000_000,
            }
            for measure, short, unit in measures:
                yield (
                    f"fig:{cluster}-{short}-{year} a brn:Figure ;\n"
                    f"    {_labels('rdfs:label', f'{cluster}: {short} {year}', f'{cluster}: {short} {year}')} ;\n"
                    f"    brn:figureOf cluster:{cluster} ; brn:measure {measure} ;\n"
                    f"    schema:value {values[short]} ; brn:unit {unit} ;\n"
                    f'    dct:date "{year}"^^xsd:gYear ;\n'
                    f"    {PROVENANCE} ."
                )  # fmt: skip
        # a 2024 figure for two municipalities (the basis used where no member list exists)
        for slug, _, _, _ in rng.sample(municipalities[:11], k=2):
            yield (
                f"fig:{cluster}-members-{slug}-2024 a brn:Figure ;\n"
                f"    {_labels('rdfs:label', f'{cluster}: medlemmer i {slug} 2024', f'{cluster}: members in {slug} 2024')} ;\n"
                f"    brn:figureOf cluster:{cluster} ; brn:measure brn:Members ; brn:scope muni:{slug} ;\n"
                f"    schema:value {rng.randint(1, 40)} ; brn:unit brn:Count ; brn:qualifier brn:Approximately ;\n"
                f'    dct:date "2024"^^xsd:gYear ;\n'
                f"    {PROVENANCE} ."
            )  # fmt: skip


def _companies(
    plan: Plan, municipalities: list[tuple[str, str, str, str]], rng: random.Random
) -> list[tuple[str, str, str]]:
    """(cvr, name, municipality slug); a third of them in North Jutland."""
    seen: set[str] = set()
    rows: list[tuple[str, str, str]] = []
    while len(rows) < plan.companies:
        cvr = valid_cvr(rng)
        if cvr in seen:
            continue
        seen.add(cvr)
        pool = municipalities[:11] if rng.random() < 0.33 else municipalities[11:]
        muni = pool[rng.randrange(len(pool))][0]
        name = (
            f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {len(rows) + 1} {rng.choice(SUFFIXES)}"
        )
        rows.append((cvr, name, muni))
    return rows


def _company_blocks(companies: list[tuple[str, str, str]]) -> Iterator[str]:
    for cvr, name, muni in companies:
        yield (
            f"company:{cvr} a brn:Company ;\n"
            f"    rov:legalName {_lit(name)} ;\n"
            f'    brn:cvrNumber "{cvr}" ; brn:municipality muni:{muni} ;\n'
            f"    {PROVENANCE} ."
        )


def _membership_rows(
    companies: list[tuple[str, str, str]], clusters: list[str], rng: random.Random
) -> Iterator[tuple[str, str, str, int, int | None]]:
    """(membership slug, company cvr, cluster, start year, end year) with skewed sizes."""
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(clusters))]
    for cvr, _, _ in companies:
        count = 1 if rng.random() < 0.65 else rng.randint(2, 3)
        chosen = set(rng.choices(clusters, weights=weights, k=count))
        for cluster in sorted(chosen):
            start = rng.randint(2012, 2024)
            end = rng.randint(start, 2024) if rng.random() < 0.12 else None
            yield (f"{cluster}--{cvr}", cvr, cluster, start, end)


def _membership_blocks(rows: list[tuple[str, str, str, int, int | None]]) -> Iterator[str]:
    for slug, cvr, cluster, start, end in rows:
        ended = f' ; schema:endDate "{end}-12-31"^^xsd:date' if end else ""
        yield (
            f"mship:{slug} a org:Membership ;\n"
            f"    org:member company:{cvr} ; org:organization cluster:{cluster} ; org:role brn:RoleMember ;\n"
            f'    schema:startDate "{start}-01-01"^^xsd:date{ended} ;\n'
            f"    {PROVENANCE} ."
        )  # fmt: skip


def _process(plan: Plan, rng: random.Random) -> Iterator[str]:
    yield (
        "event:brn-cluster-process-2024 a brn:Process ;\n"
        f"    {_labels('rdfs:label', 'Syntetisk proces 2024', 'Synthetic process 2024')} ;\n"
        '    schema:startDate "2024"^^xsd:gYear ; brn:status brn:Planned ;\n'
        f"    {PROVENANCE} ."
    )
    yield (
        "orgn:synthetic-board a org:OrganizationalUnit ;\n"
        "    org:unitOf orgn:synthetic-publisher ;\n"
        f"    {_labels('skos:prefLabel', 'Syntetisk bestyrelse', 'Synthetic board')} ;\n"
        f"    {PROVENANCE} ."
    )
    for n in range(1, plan.meetings + 1):
        month, day = 1 + (n * 7) % 12, 1 + (n * 11) % 28
        yield (
            f"event:synthetic-meeting-{n:03d} a brn:Meeting ;\n"
            f"    {_labels('rdfs:label', f'Syntetisk møde {n}', f'Synthetic meeting {n}')} ;\n"
            f'    schema:startDate "2024-{month:02d}-{day:02d}"^^xsd:date ;\n'
            f"    brn:body orgn:synthetic-board ; brn:status brn:Planned ;\n"
            f"    {_labels('brn:agenda', 'Opdigtet dagsorden.', 'Invented agenda.')} ;\n"
            f"    brn:partOfProcess event:brn-cluster-process-2024 ;\n"
            f"    {PROVENANCE} ."
        )  # fmt: skip
        if n % 4 == 0:
            yield (
                f"event:synthetic-decision-{n:03d} a brn:Decision ;\n"
                f"    {_labels('rdfs:label', f'Syntetisk beslutning {n}', f'Synthetic decision {n}')} ;\n"
                f"    prov:wasGeneratedBy event:synthetic-meeting-{n:03d} ;\n"
                f"    {PROVENANCE} ."
            )  # fmt: skip
    yield (
        "event:synthetic-analysis a brn:Analysis ;\n"
        f"    {_labels('rdfs:label', 'Syntetisk analyse', 'Synthetic analysis')} ;\n"
        '    schema:endDate "2024-09-20"^^xsd:date ; brn:status brn:Planned ;\n'
        "    brn:partOfProcess event:brn-cluster-process-2024 ;\n"
        f"    {PROVENANCE} ."
    )


#: The decision context the service and the analytics use by default (its slug), on its date.
DECISION_CONTEXT = "brn-cluster-decision-2024"
DECISION_DAY = 2024


def _decision_context(plan: Plan, clusters: list[str]) -> Iterator[str]:
    """The default decision context, so every analytics route and page works on synthetic
    data: the documents in force on its date (begin ≤ 2024 ≤ end; else the last two) as
    frameworks of equal weight, every cluster on the long list. Invented, like the rest."""
    in_force = [
        d for d in range(plan.documents) if 2015 + d % 10 <= DECISION_DAY <= 2015 + d % 10 + 3
    ][:2] or list(range(max(0, plan.documents - 2), plan.documents))
    weight = "1.0" if len(in_force) == 1 else "0.5"
    frameworks = [f"ctxf:synthetic-framework-{d + 1}" for d in in_force]
    yield (
        f"ctx:{DECISION_CONTEXT} a brn:DecisionContext ;\n"
        f"    {_labels('rdfs:label', 'Syntetisk beslutningskontekst', 'Synthetic decision context')} ;\n"
        f'    brn:asOfDate "{DECISION_DAY}-09-20"^^xsd:date ;\n'
        f"    brn:longList event:synthetic-long-list ;\n"
        f"    brn:hasFramework {' , '.join(frameworks)} ;\n"
        f"    {PROVENANCE} ."
    )  # fmt: skip
    for d, framework in zip(in_force, frameworks, strict=True):
        yield (
            f"{framework} a brn:ContextFramework ;\n"
            f"    {_labels('rdfs:label', f'Syntetisk ramme {d + 1}', f'Synthetic framework {d + 1}')} ;\n"
            f"    brn:frameworkDocument doc:{_doc_slug(d)} ;\n"
            f"    brn:frameworkWeight {weight} ;\n"
            f"    {PROVENANCE} ."
        )  # fmt: skip
    members = " , ".join(f"cluster:{c}" for c in clusters)
    yield (
        "event:synthetic-long-list a prov:Entity , skos:Collection ;\n"
        f"    {_labels('rdfs:label', 'Syntetisk bruttoliste', 'Synthetic long list')} ;\n"
        f"    skos:member {members} ;\n"
        f"    {PROVENANCE} ."
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="10k")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    result = generate(args.size, out=args.out, seed=args.seed)
    print(f"{result.triples:,} synthetic triples in {result.folder} ({', '.join(result.files)})")


if __name__ == "__main__":
    main()
