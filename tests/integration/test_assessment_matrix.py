"""The complete assessment matrix of the 2024 decision context, graded by the rubric (issue #9).

The pairs are computed with SPARQL over the bundled data: every cluster on the process plan's
long list x every goal or strength position of the context's frameworks (stand-ins included,
as the shared contract of issue #9 names them) must have exactly one explicit assessment.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, load_shapes, union_graph
from brn_graph.graph.validation import ValidationReport, validate_loaded
from brn_graph.namespaces import BRN, DCTERMS, ID, PROV, SDO, SKOS
from tests.reference import PROCESS_PLAN_CLUSTERS, PROJECT, run_cli

DECISION_DATE = "2024-09-20"

#: The frameworks of the 2024 decision context, with the declared stand-ins for the two whose
#: content is unknown (the contract of issue #9): #Nordjyllandsstemme; the 2020-2023 North
#: Jutland chapter for the 2024-2027 one; the 2021-2023 framework agreement for Erhvervshus
#: Nordjylland's results contract; the process plan's own aims.
CONTEXT_DOCUMENTS = (
    "brn-nordjyllandsstemme",
    "deb-2020-2023-nordjylland",
    "erhvervshuse-framework-2021-2023",
    "brn-procesplan-2024",
)

PAIRS = """
PREFIX brn:  <https://w3id.org/brn-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?cluster ?target (COUNT(DISTINCT ?assessment) AS ?n) WHERE {
    ?longList skos:member ?cluster .
    ?target brn:definedIn ?document .
    VALUES ?kind { brn:Goal brn:StrengthPosition }
    ?target a ?kind .
    OPTIONAL {
        ?assessment a brn:Alignment ; brn:cluster ?cluster ; brn:alignedWith ?target .
    }
} GROUP BY ?cluster ?target
"""

#: The frameworks of the context as data/decision-context-2024.ttl names them, once it is in the
#: graph (the context's framework documents and their declared stand-ins).
CONTEXT_FRAMEWORKS = """
PREFIX brn: <https://w3id.org/brn-graph/ontology#>
SELECT DISTINCT ?document WHERE {
    ?context brn:hasFramework ?framework .
    { ?framework brn:frameworkDocument ?document } UNION { ?framework brn:standIn ?document }
}
"""

RUBRIC_SHAPES = {"S38-RubricRegionalHigh", "S39-RubricCircular", "S40-RubricOutsideRemit"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return union_graph(load_dataset(Settings()), include_ontology=True)


def context_documents(graph: Graph) -> set[str]:
    """The context's documents with goals: from the context file when loaded, else the contract."""
    context = ID["context/brn-cluster-decision-2024"]
    rows = graph.query(CONTEXT_FRAMEWORKS, initBindings={"context": context})
    named = {str(row[0]).rsplit("/", 1)[1] for row in rows}  # type: ignore[index]
    with_goals = {d for d in named if any(graph.subjects(BRN.definedIn, ID[f"document/{d}"]))}
    return with_goals or set(CONTEXT_DOCUMENTS)


def test_the_context_file_and_the_contract_name_the_same_frameworks(graph: Graph) -> None:
    assert context_documents(graph) == set(CONTEXT_DOCUMENTS)


@pytest.fixture(scope="module")
def pairs(graph: Graph) -> dict[tuple[str, str], int]:
    bindings = {"longList": ID["event/brn-cluster-gross-list-2024"]}
    found: dict[tuple[str, str], int] = {}
    for document in sorted(context_documents(graph)):
        rows = graph.query(PAIRS, initBindings={**bindings, "document": ID[f"document/{document}"]})
        for row in rows:
            cluster, target, n = row  # type: ignore[misc]
            found[(str(cluster), str(target))] = int(n)
    return found


def test_the_long_list_is_the_nine_clusters_of_the_process_plan(graph: Graph) -> None:
    members = {
        str(m).rsplit("/", 1)[1]
        for m in graph.objects(ID["event/brn-cluster-gross-list-2024"], SKOS.member)
    }
    assert members == set(PROCESS_PLAN_CLUSTERS)


def test_every_pair_of_the_matrix_is_assessed_exactly_once(
    pairs: dict[tuple[str, str], int],
) -> None:
    goals = {target for _, target in pairs}
    assert len(goals) == 22, sorted(goals)
    assert len(pairs) == 9 * 22
    wrong = {pair: n for pair, n in pairs.items() if n != 1}
    assert wrong == {}, f"pairs not assessed exactly once: {wrong}"


def test_every_assessment_is_complete_and_rests_on_evidence_before_the_decision(
    graph: Graph, pairs: dict[tuple[str, str], int]
) -> None:
    levels = {BRN.LevelHigh, BRN.LevelMedium, BRN.LevelLow, BRN.LevelNone}
    for cluster, target in pairs:
        (assessment,) = [
            a
            for a in graph.subjects(BRN.cluster, URIRef(cluster))
            if (a, BRN.alignedWith, URIRef(target)) in graph
        ]
        assert graph.value(assessment, BRN.level) in levels, assessment
        assert graph.value(assessment, BRN.confidence) in {BRN.Stated, BRN.Inferred, BRN.Weak}
        languages = {
            e.language for e in graph.objects(assessment, BRN.evidence) if isinstance(e, Literal)
        }
        assert languages == {"da", "en"}, assessment
        sources = list(graph.objects(assessment, PROV.wasDerivedFrom))
        assert any(graph.value(s, SDO.url) is not None for s in sources), assessment
        assert graph.value(assessment, PROV.wasAttributedTo) is not None
        assert graph.value(assessment, DCTERMS.created) is not None
        evidence_date = str(graph.value(assessment, BRN.evidenceDate))
        assert evidence_date <= DECISION_DATE, (assessment, evidence_date)


def test_none_is_an_explicit_finding_and_outside_remit_goals_are_none(
    graph: Graph, pairs: dict[tuple[str, str], int]
) -> None:
    outside = {str(t) for t in graph.subjects(BRN.outsideClusterRemit, Literal(True))}
    assert {ID["goal/brn-nordjyllandsstemme-2"], ID["goal/rn-rus-2020-2023-route-26-34"]} <= {
        URIRef(t) for t in outside
    }
    nones = 0
    for cluster, target in pairs:
        for a in graph.subjects(BRN.alignedWith, URIRef(target)):
            if (a, BRN.cluster, URIRef(cluster)) not in graph:
                continue
            level = graph.value(a, BRN.level)
            nones += level == BRN.LevelNone
            if target in outside:
                assert level == BRN.LevelNone, a
    assert nones > 0


def test_the_regrading_named_in_the_issue(graph: Graph) -> None:
    def level(slug: str) -> URIRef:
        value = graph.value(ID[f"alignment/{slug}"], BRN.level)
        assert isinstance(value, URIRef), slug
        return value

    # The new maritime cluster had no name, hub or members: never high.
    maritime = list(graph.subjects(BRN.cluster, ID["cluster/maritime-logistics-cluster"]))
    assert maritime
    assert all(graph.value(a, BRN.level) != BRN.LevelHigh for a in maritime)
    assert all(graph.value(a, BRN.confidence) == BRN.Weak for a in maritime)
    # DigitalLead without a North Jutland office: the same level on 'Det smarte' and pejlemærke 3.
    assert level("digitallead--deb-2020-nordjylland-smart") == BRN.LevelMedium
    assert level("digitallead--brn-nordjyllandsstemme-3") == BRN.LevelMedium
    # Odense Robotics' Aalborg hub is documented North Jutland activity.
    assert level("odense-robotics--brn-nordjyllandsstemme-3") == BRN.LevelMedium
    # Circular: strength positions inferred from the clusters themselves.
    assert level("danish-sound-cluster--deb-2020-sound-technology") == BRN.LevelMedium
    assert level("copenhagen-fintech--deb-2020-fintech") == BRN.LevelMedium


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    settings = Settings()
    return validate_loaded(load_dataset(settings), load_shapes(settings))


def test_bundled_data_has_no_violation_and_no_rubric_warning(report: ValidationReport) -> None:
    assert report.violations == ()
    rubric = [r for r in report.results if r.shape_id in RUBRIC_SHAPES]
    assert rubric == []


def test_validate_lists_rubric_warnings_and_still_exits_0(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(PROJECT / "data", copy)
    text = (copy / "alignments.ttl").read_text(encoding="utf-8")
    old = (
        "aln:digitallead--deb-2020-nordjylland-smart a brn:Alignment ;\n"
        "    brn:cluster cluster:digitallead ;\n"
        "    brn:alignedWith sp:deb-2020-nordjylland-smart ;\n"
        "    brn:sourceDocument doc:deb-2020-2023-nordjylland ;\n"
        "    brn:level brn:LevelMedium ;"
    )
    assert old in text
    (copy / "alignments.ttl").write_text(
        text.replace(old, old.replace("LevelMedium", "LevelHigh")), encoding="utf-8"
    )
    result = run_cli("--data", str(copy), "validate", "--format", "json")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    data = json.loads(result.stdout)
    assert data["conforms"] is True
    warnings = [r for r in data["results"] if r["severity"] == "Warning"]
    assert [(w["shape_id"], w["focus_node"]) for w in warnings] == [
        ("S38-RubricRegionalHigh", str(ID["alignment/digitallead--deb-2020-nordjylland-smart"]))
    ]
