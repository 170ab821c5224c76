"""Read the W3C SPARQL 1.1 test manifests (``../shared/w3c``) into plain test records.

Test IRIs are the official ones (``http://www.w3.org/2009/sparql/docs/tests/data-sparql11/
<folder>/manifest#<name>``); files named by a manifest are mapped back to the local copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from tests.reference import PROJECT

SUITE = PROJECT.parent.parent / "shared" / "w3c" / "sparql" / "sparql11"
if not SUITE.is_dir():  # a worktree under /work/wt/<name>: the shared folder is /work/shared
    SUITE = Path("/work/shared/w3c/sparql/sparql11")
OFFICIAL = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")

#: The evaluation folders the issue asks for.
EVALUATION_FOLDERS = (
    "aggregates",
    "bind",
    "bindings",
    "construct",
    "exists",
    "functions",
    "grouping",
    "negation",
    "project-expression",
    "property-path",
    "subquery",
)


@dataclass(frozen=True)
class W3CTest:
    iri: str
    kind: str  # PositiveSyntaxTest11, NegativeSyntaxTest11, QueryEvaluationTest
    name: str
    query: Path
    data: tuple[Path, ...] = ()
    graph_data: tuple[Path, ...] = ()
    result: Path | None = None

    @property
    def short(self) -> str:
        return self.iri.removeprefix(OFFICIAL)


def _local(iri: object) -> Path:
    return SUITE / str(iri).removeprefix(OFFICIAL)


def read_folder(folder: str) -> list[W3CTest]:
    """Every syntax and query-evaluation test of one folder, in manifest order."""
    manifest = SUITE / folder / "manifest.ttl"
    graph = Graph()
    graph.parse(manifest, format="turtle", publicID=f"{OFFICIAL}{folder}/manifest.ttl")
    entries = next(graph.objects(None, MF.entries))
    tests: list[W3CTest] = []
    for node in Collection(graph, entries):  # type: ignore[arg-type]
        kind = str(next(graph.objects(node, RDF.type))).rsplit("#", 1)[-1]
        if kind not in {"PositiveSyntaxTest11", "NegativeSyntaxTest11", "QueryEvaluationTest"}:
            continue
        action = next(graph.objects(node, MF.action))
        if kind == "QueryEvaluationTest":
            query = next(graph.objects(action, QT.query))
            data = tuple(_local(d) for d in graph.objects(action, QT.data))
            graph_data = tuple(_local(d) for d in graph.objects(action, QT.graphData))
            result = next(graph.objects(node, MF.result), None)
        else:
            query, data, graph_data, result = action, (), (), None
        tests.append(
            W3CTest(
                iri=str(node),
                kind=kind,
                name=str(next(graph.objects(node, MF.name), "")),
                query=_local(query),
                data=data,
                graph_data=graph_data,
                result=_local(result) if result is not None else None,
            )
        )
    return tests


def syntax_tests() -> list[W3CTest]:
    return [t for t in read_folder("syntax-query") if t.kind != "QueryEvaluationTest"]


def evaluation_tests() -> list[W3CTest]:
    return [
        t
        for folder in EVALUATION_FOLDERS
        for t in read_folder(folder)
        if t.kind == "QueryEvaluationTest"
    ]


def graph_iri_of(base_iri: str, data_file: Path) -> URIRef:
    """The named graph the loader gives a copied data file (``data/<folder>/<stem>``)."""
    relative = data_file.relative_to(SUITE).with_suffix("")
    return URIRef(f"{base_iri}graph/data/{relative.as_posix()}")
