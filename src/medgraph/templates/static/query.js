// The query page of `medgraph serve`: named queries run through /api/query, where the server
// binds their parameters as RDF terms with medgraph's own binder; other SPARQL goes to the
// read-only SPARQL 1.1 Protocol endpoint at /sparql. Results are written with textContent only,
// so nothing a query returns can become markup.
(function () {
  "use strict";
  const queries = JSON.parse(document.getElementById("named-queries").textContent);
  const byName = new Map(queries.map((q) => [q.name, q]));
  const select = document.getElementById("named-query");
  const description = document.getElementById("query-description");
  const fieldset = document.getElementById("parameters");
  const fields = document.getElementById("parameter-fields");
  const editor = document.getElementById("sparql");
  const editedNote = document.getElementById("edited-note");
  const form = document.getElementById("query-form");
  const status = document.getElementById("status");
  const table = document.getElementById("results-table");
  const text = document.getElementById("results-text");
  const download = document.getElementById("download");

  if (window.location.protocol === "file:") {
    document.getElementById("offline-note").hidden = false;
  }

  const PREFIXES = [
    ["condition:", "https://w3id.org/medgraph/id/condition/"],
    ["riskfactor:", "https://w3id.org/medgraph/id/risk-factor/"],
    ["claim:", "https://w3id.org/medgraph/id/claim/"],
    ["reference:", "https://w3id.org/medgraph/id/reference/"],
    ["excerpt:", "https://w3id.org/medgraph/id/excerpt/"],
    ["mg:", "https://w3id.org/medgraph/id/"],
    ["mgo:", "https://w3id.org/medgraph/ontology/"],
  ];

  function selected() {
    return byName.get(select.value) || null;
  }

  function isNamedRun() {
    const query = selected();
    return query !== null && editor.value === query.text;
  }

  function showQuery() {
    const query = selected();
    fields.replaceChildren();
    fieldset.hidden = true;
    editedNote.hidden = true;
    description.textContent = query ? query.description : "";
    if (!query) {
      return;
    }
    editor.value = query.text;
    for (const parameter of query.parameters) {
      const wrapper = document.createElement("div");
      wrapper.className = "field";
      const label = document.createElement("label");
      label.htmlFor = "param-" + parameter.name;
      label.textContent = parameter.name + " (" + parameter.type + ")";
      const input = document.createElement("input");
      input.id = "param-" + parameter.name;
      input.name = parameter.name;
      input.value = parameter.default;
      input.dataset.parameter = parameter.name;
      input.size = 70;
      const help = document.createElement("p");
      help.className = "description";
      help.textContent = parameter.description;
      wrapper.append(label, input, help);
      fields.append(wrapper);
    }
    fieldset.hidden = query.parameters.length === 0;
  }

  function parameters() {
    const values = {};
    for (const input of fields.querySelectorAll("input[data-parameter]")) {
      values[input.dataset.parameter] = input.value;
    }
    return values;
  }

  function csvLink() {
    if (isNamedRun()) {
      const search = new URLSearchParams({ name: select.value, format: "csv" });
      for (const [name, value] of Object.entries(parameters())) {
        search.append("param." + name, value);
      }
      return "api/query?" + search.toString();
    }
    return "sparql?" + new URLSearchParams({ query: editor.value, format: "csv" }).toString();
  }

  function compact(value) {
    for (const [prefix, namespace] of PREFIXES) {
      if (value.startsWith(namespace)) {
        return prefix + value.slice(namespace.length);
      }
    }
    return value;
  }

  function showTable(document_) {
    const head = table.tHead;
    const body = table.tBodies[0];
    head.replaceChildren();
    body.replaceChildren();
    const vars = document_.head.vars || [];
    const headRow = head.insertRow();
    for (const name of vars) {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = name;
      headRow.append(cell);
    }
    for (const binding of document_.results.bindings) {
      const row = body.insertRow();
      for (const name of vars) {
        const cell = row.insertCell();
        const term = binding[name];
        if (!term) {
          continue;
        }
        cell.textContent = term.type === "uri" ? compact(term.value) : term.value;
        if (term.type === "uri") {
          cell.title = term.value;
          cell.className = "iri";
        }
      }
    }
    table.hidden = false;
    const count = document_.results.bindings.length;
    status.textContent = count + " row" + (count === 1 ? "" : "s");
  }

  async function run(event) {
    event.preventDefault();
    table.hidden = true;
    text.hidden = true;
    download.hidden = true;
    status.className = "";
    status.textContent = "running…";
    const started = performance.now();
    let response;
    try {
      if (isNamedRun()) {
        response = await fetch("api/query", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/sparql-results+json" },
          body: JSON.stringify({ name: select.value, params: parameters() }),
        });
      } else {
        response = await fetch("sparql", {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.1",
          },
          body: new URLSearchParams({ query: editor.value }).toString(),
        });
      }
    } catch (error) {
      status.className = "error";
      status.textContent = "The server did not answer (" + error + "). Is 'medgraph serve' running?";
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    const body = await response.text();
    if (!response.ok) {
      let message = body;
      try {
        message = JSON.parse(body).error || body;
      } catch (ignored) {
        // plain-text error from the endpoint
      }
      status.className = "error";
      status.textContent = "Error " + response.status + ": " + message;
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (type.includes("sparql-results+json")) {
      const document_ = JSON.parse(body);
      if (typeof document_.boolean === "boolean") {
        text.textContent = String(document_.boolean);
        text.hidden = false;
        status.textContent = "answer: " + document_.boolean;
      } else {
        showTable(document_);
        download.href = csvLink();
        download.hidden = false;
      }
    } else {
      text.textContent = body;
      text.hidden = false;
      status.textContent = "graph result";
    }
    status.textContent += " in " + seconds + " s";
  }

  select.addEventListener("change", showQuery);
  editor.addEventListener("input", () => {
    editedNote.hidden = !(selected() && !isNamedRun());
  });
  form.addEventListener("submit", run);
  const initial = new URLSearchParams(window.location.search).get("name");
  if (initial && byName.has(initial)) {
    select.value = initial;
    showQuery();
  }
})();
