// Starts the vendored YASGUI on this server's /sparql endpoint, with one tab per named query.
// Nothing is fetched from elsewhere: the LOV class/property autocompleters (which call
// lov.linkeddata.es) are left out and the prefix list is the bundled one.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || typeof Yasgui === "undefined") {
    return;
  }
  var endpoint = new URL(root.getAttribute("data-endpoint") || "/sparql", window.location.href).href;
  var examples = [];
  var data = document.getElementById("sparql-examples");
  if (data) {
    try {
      examples = JSON.parse(data.textContent || "[]");
    } catch (e) {
      examples = [];
    }
  }
  var first = examples.length ? examples[0] : null;
  var yasgui = new Yasgui(root, {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
    },
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    tabName: "Query",
    yasqe: {
      autocompleters: ["variables", "prefixes"],
      value: first ? first.query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
    },
  });
  examples.forEach(function (example, index) {
    yasgui.addTab(index === 0, {
      name: example.name,
      yasqe: { value: example.query },
      requestConfig: { endpoint: endpoint },
    });
  });
  if (!examples.length) {
    yasgui.addTab(true, { requestConfig: { endpoint: endpoint } });
  }
  window.brnYasgui = yasgui;
})();
