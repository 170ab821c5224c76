"""Doors for every kind of thing: search, municipalities, organisations, documents' gaps, and
linked data (``/id/...`` by content negotiation, ``/ontology``, ``/.well-known/void``)."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, VOID

from tests.reference import PROJECT

ID = "https://w3id.org/brn-graph/id/"
ECD = ID + "cluster/energy-cluster-denmark"


def test_search_finds_the_chair_of_brn(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Laursen", "lang": "en"}).json()
    assert body["count"] >= 1
    first = body["hits"][0]
    assert first["iri"] == ID + "org/brn-bestyrelse"
    assert "Per Bach [Laursen]" in first["snippet"]
    assert first["type"] == "http://www.w3.org/ns/org#OrganizationalUnit"


def test_search_folds_danish_letters_and_refuses_an_empty_query(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "laesoe"}).json()["hits"]
    assert hits[0]["label"] == "Læsø Kommune"
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": "--"}).status_code == 422


def test_laesoe_has_code_0825_by_slug_code_or_name(client: TestClient) -> None:
    for name in ("laesoe", "0825", "Læsø Kommune", "muni:laesoe"):
        body = client.get(f"/api/municipalities/{name}", params={"lang": "en"}).json()
        assert body["iri"] == ID + "municipality/laesoe", name
        assert body["code"] == "0825"
        assert body["region"]["iri"] == ID + "region/nordjylland"
        assert body["members"] is None  # not ingested: unknown, never 0
        assert "not ingested" in body["members_note"]


def test_aalborg_lists_the_clusters_with_an_office_there(client: TestClient) -> None:
    body = client.get("/api/municipalities/aalborg").json()
    assert ECD in {c["iri"] for c in body["clusters_present"]}


def test_an_unknown_municipality_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/municipalities/laeso")
    assert response.status_code == 404
    assert "laesoe" in response.json()["suggestions"]


def test_the_municipality_list_has_eleven_with_codes(client: TestClient) -> None:
    rows = client.get("/api/municipalities").json()
    assert len(rows) == 11
    assert all(r["code"] for r in rows)


def test_brn_by_abbreviation_with_its_board(client: TestClient) -> None:
    body = client.get("/api/organisations/BRN", params={"lang": "en"}).json()
    assert body["iri"] == ID + "org/brn"
    assert ID + "org/brn-bestyrelse" in {u["iri"] for u in body["units"]}
    board = client.get("/api/organisations/brn-bestyrelse", params={"lang": "en"}).json()
    assert "Per Bach Laursen" in board["description"]


def test_a_dissolved_cluster_says_so_as_an_organisation(client: TestClient) -> None:
    assert client.get("/api/organisations/marlog").json()["dissolved"] == "2022-03"


def test_the_2024_2027_chapter_shows_its_known_gap_in_both_languages(client: TestClient) -> None:
    document = client.get("/api/documents/deb-2024-2027-nordjylland").json()["document"]
    assert set(document["known_gaps"]) == {"da", "en"}
    assert "ikke fundet i offentlige kilder" in document["known_gaps"]["da"]
    assert "not" in document["known_gaps"]["en"]
    assert document["goals"] == 0


def test_goals_and_strength_positions_are_counted_apart(client: TestClient) -> None:
    document = client.get("/api/documents/deb-2020-2023-nordjylland").json()["document"]
    assert (document["goal_count"], document["strength_position_count"]) == (2, 4)


def test_an_id_iri_dereferences_to_turtle_with_the_label(client: TestClient) -> None:
    response = client.get("/id/cluster/energy-cluster-denmark", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(ECD), SKOS.prefLabel, Literal("Energy Cluster Denmark", lang="en")) in graph


def test_json_ld_and_n_triples_hold_the_same_statements(client: TestClient) -> None:
    turtle = Graph().parse(
        data=client.get("/id/cluster/energy-cluster-denmark?format=ttl").text, format="turtle"
    )
    jsonld = client.get(
        "/id/cluster/energy-cluster-denmark", headers={"Accept": "application/ld+json"}
    )
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    nt = client.get(
        "/id/cluster/energy-cluster-denmark", headers={"Accept": "application/n-triples"}
    )
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(turtle)
    assert len(Graph().parse(data=nt.text, format="nt")) == len(turtle)


def test_a_browser_gets_the_html_page(client: TestClient) -> None:
    response = client.get(
        "/id/cluster/energy-cluster-denmark",
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        params={"lang": "en"},
    )
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Energy Cluster Denmark</h1>" in response.text


def test_a_mistyped_id_is_404(client: TestClient) -> None:
    response = client.get("/id/cluster/energy-clustr", headers={"Accept": "text/turtle"})
    assert response.status_code == 404


def test_the_ontology_page_lists_every_class_and_property_in_both_languages(
    client: TestClient,
) -> None:
    page = html.unescape(client.get("/ontology", headers={"Accept": "text/html"}).text)
    ontology = Graph().parse(PROJECT / "ontology" / "brn.ttl", format="turtle")
    terms = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }
    assert len(terms) > 20
    missing = [
        (str(term), str(label))
        for term in terms
        for label in ontology.objects(term, RDFS.label)
        if str(label) not in page
    ]
    assert not missing, missing[:5]
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=turtle.text, format="turtle")) == len(ontology)


def test_void_describes_the_dataset(client: TestClient) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    dataset = next(graph.subjects(RDF.type, VOID.Dataset))
    assert int(graph.value(dataset, VOID.triples)) > 1000  # type: ignore[arg-type]
    assert str(graph.value(dataset, VOID.sparqlEndpoint)).endswith("/sparql")
    assert graph.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    assert str(graph.value(dataset, VOID.uriSpace)) == ID


def test_pages_for_every_door_in_both_languages(client: TestClient) -> None:
    for path in (
        "/municipalities",
        "/municipalities/laesoe",
        "/organisations",
        "/organisations/brn",
        "/search?q=energi",
        "/id/document/deb-2024-2027-nordjylland",
    ):
        for lang in ("da", "en"):
            response = client.get(path, params={"lang": lang})
            assert response.status_code == 200, (path, lang)
    front = client.get("/").text
    assert 'href="/municipalities?lang=da"' in front
    assert 'href="/organisations?lang=da"' in front
    assert 'href="/search?lang=da"' in front
    chapter = client.get("/id/document/deb-2024-2027-nordjylland", params={"lang": "en"}).text
    assert "Known gaps in the sources" in chapter


def test_labels_are_escaped_in_pages(client: TestClient) -> None:
    page = client.get("/organisations/marlog", params={"lang": "en"}).text
    assert "Maritime &amp; Logistics" in page


def test_a_dissolved_cluster_is_flagged_in_the_rest_door_and_on_the_pages(
    client: TestClient,
) -> None:
    assert client.get("/api/clusters/marlog").json()["cluster"]["dissolved"] == "2022-03"
    listed = {c["id"]: c for c in client.get("/api/clusters").json()}
    assert listed["marlog"]["dissolved"] == "2022-03"
    assert listed["energy-cluster-denmark"]["dissolved"] is None
    front = client.get("/", params={"lang": "en"}).text
    table = front[front.index('id="clusters"') :]  # the clusters table, not the matrix
    row = table.split("/clusters/marlog?lang=en", 1)[1].split("</tr>", 1)[0]
    assert "Dissolved 2022-03." in row
    assert "tag yes" not in row  # no green "office in North Jutland" badge
    page = client.get("/clusters/marlog", params={"lang": "da"}).text
    assert "Ophørt 2022-03." in page


def test_the_profile_query_names_the_dissolution(client: TestClient) -> None:
    response = client.get(
        "/api/queries/get_cluster_profile",
        params={"cluster": "marlog"},
        headers={"Accept": "application/sparql-results+json"},
    )
    aspects = {
        b["aspect"]["value"]: b["value"]["value"] for b in response.json()["results"]["bindings"]
    }
    assert aspects["dissolved"] == "2022-03"
