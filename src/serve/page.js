// The query page: runs the query through the endpoint (a form POST) and
// shows SELECT results as a table, ASK as a word, CONSTRUCT/DESCRIBE as
// Turtle. Every value reaches the page through textContent, never as HTML.
"use strict";

const queryBox = document.getElementById("query");
const runButton = document.getElementById("run");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");
const XSD = "http://www.w3.org/2001/XMLSchema#";

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

// One cell of a SPARQL JSON result: IRIs and literals as text, a datatype or
// language tag in small print.
function cell(term) {
  const td = element("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.className = "iri";
    td.textContent = term.value;
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
  } else {
    td.textContent = term.value;
    const dt = term.datatype || "";
    const note = term["xml:lang"] ? "@" + term["xml:lang"] : dt.startsWith(XSD) ? " xsd:" + dt.slice(XSD.length) : dt ? " " + dt : "";
    if (note) td.appendChild(element("span", note, "dt"));
  }
  return td;
}

function table(data) {
  const vars = data.head.vars || [];
  const rows = data.results.bindings;
  const t = element("table");
  const head = t.createTHead().insertRow();
  for (const v of vars) head.appendChild(element("th", "?" + v));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const v of vars) tr.appendChild(cell(row[v]));
  }
  return [t, rows.length];
}

async function run() {
  const query = queryBox.value;
  runButton.disabled = true;
  showStatus("running…");
  results.replaceChildren();
  const started = performance.now();
  try {
    const response = await fetch("sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query }),
    });
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      showStatus(`HTTP ${response.status} ${response.statusText} after ${ms} ms`, true);
      results.appendChild(element("pre", await response.text()));
    } else if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      if (typeof data.boolean === "boolean") {
        results.appendChild(element("pre", String(data.boolean)));
        showStatus(`ASK answered in ${ms} ms`);
      } else {
        const [t, n] = table(data);
        results.appendChild(t);
        showStatus(`${n} row${n === 1 ? "" : "s"} in ${ms} ms`);
      }
    } else {
      results.appendChild(element("pre", await response.text()));
      showStatus(`${type.split(";")[0]} in ${ms} ms`);
    }
  } catch (e) {
    showStatus("the endpoint did not answer: " + e, true);
  } finally {
    runButton.disabled = false;
  }
}

async function listSaved() {
  const saved = document.getElementById("saved");
  try {
    const response = await fetch("queries");
    for (const q of await response.json()) {
      const button = element("button", q.name);
      button.type = "button";
      button.title = q.title;
      button.addEventListener("click", () => {
        queryBox.value = q.query;
        run();
      });
      saved.appendChild(button);
    }
  } catch (e) {
    saved.appendChild(element("span", "(the saved queries could not be listed: " + e + ")"));
  }
}

runButton.addEventListener("click", run);
queryBox.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    run();
  }
});
listSaved();
