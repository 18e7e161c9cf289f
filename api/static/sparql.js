// The SPARQL page: send the query with fetch, show SELECT results as a table. No external code.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  const query = document.getElementById("query");
  const examples = document.getElementById("examples");
  const accept = document.getElementById("accept");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const texts = document.getElementById("example-texts").content;

  examples.addEventListener("change", function () {
    const pre = texts.querySelector('pre[data-index="' + examples.value + '"]');
    if (pre) query.value = pre.textContent.replace(/^\s+/, "");
  });

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = el("a", term.value);
      if (/^https?:\/\//.test(term.value)) a.href = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) td.appendChild(el("span", " @" + term["xml:lang"], "lang"));
      else if (term.datatype) td.appendChild(el("span", " ^^" + term.datatype.replace(/^.*[#\/]/, "xsd:"), "datatype"));
    }
    return td;
  }

  function table(doc) {
    if (typeof doc.boolean === "boolean") return el("p", "ASK: " + doc.boolean);
    const t = el("table");
    const head = el("tr");
    doc.head.vars.forEach(function (v) { head.appendChild(el("th", "?" + v)); });
    t.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    doc.results.bindings.forEach(function (row) {
      const tr = el("tr");
      doc.head.vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const wanted = accept.value === "table" ? "application/sparql-results+json, text/turtle;q=0.9" : accept.value;
    status.textContent = "Running…";
    results.replaceChildren();
    const started = performance.now();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": wanted },
        body: new URLSearchParams({ query: query.value }),
      });
      const type = response.headers.get("Content-Type") || "";
      const text = await response.text();
      const ms = Math.round(performance.now() - started);
      if (!response.ok) {
        let detail = text;
        try { detail = JSON.parse(text).detail || text; } catch (e) { /* not JSON */ }
        status.textContent = "Error " + response.status;
        results.appendChild(el("p", detail, "error"));
        return;
      }
      if (accept.value === "table" && type.indexOf("sparql-results+json") >= 0) {
        const doc = JSON.parse(text);
        const n = doc.results ? doc.results.bindings.length + " rows" : "";
        status.textContent = n + " in " + ms + " ms";
        results.appendChild(table(doc));
      } else {
        status.textContent = ms + " ms";
        results.appendChild(el("pre", text, "raw"));
      }
    } catch (e) {
      status.textContent = "The request failed.";
    }
  });
})();
