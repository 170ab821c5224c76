"""API fuzzing from the OpenAPI schema (schemathesis) against the live server: no 5xx, every
response matches its documented status, content type and schema. Bounded and deterministic,
so it runs in ``make test``: derandomised, a fixed number of cases per operation.

The schema is the app's own (``app.openapi()``, built at collection time without loading
anything); the requests go over loopback to uvicorn serving the test run's graph.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from api.app import create_app
from tests.api.support import make_test_settings

MAX_EXAMPLES = 100

# The body of POST /sparql may be the query itself: send generated text as UTF-8.
schemathesis.serializer.alias("application/sparql-query", "text/plain")

schema = schemathesis.openapi.from_dict(
    create_app(make_test_settings(), load_graph=False).openapi()
)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any, live_server: str) -> None:
    # Every check runs except two that judge the *request* by its schema alone:
    # - "schema-valid data must be accepted": a SPARQL query, an identifier or a weights
    #   string can match its schema (a string) and still be wrong; the right answer is then
    #   400, 404 or 422, which the other checks still validate;
    # - "schema-violating data must be rejected": in a query string every value is text, so
    #   "a boolean where a string is expected" (named-graph-uri=true) is still a string.
    # Negative cases are still generated: they must never produce a 5xx or an undocumented
    # status, content type or body.
    case.call_and_validate(
        base_url=live_server,
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
        timeout=30,
    )
