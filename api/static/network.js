// The /network page: draws the view embedded in the page, and wires the search box, the filter
// form, the edge details panel and the PNG export.
(function () {
  "use strict";
  var D = window.DigicoopNetwork;
  var container = document.getElementById("network-canvas");
  var source = document.getElementById("network-data");
  if (!container || !source || !D) return;
  var data = JSON.parse(source.textContent);
  var details = document.getElementById("network-details");

  function showEdge(edge, facts, names) {
    if (!details) return;
    details.textContent = "";
    details.appendChild(D.el("h2", (names[edge.source] || "") + " — " + (names[edge.target] || "")));
    details.appendChild(D.el("p", edge.weight + (edge.weight === 1 ? " fact" : " facts"), "muted"));
    var list = D.el("ul");
    facts.forEach(function (fact) { list.appendChild(D.factItem(fact)); });
    details.appendChild(list);
  }

  var network = D.draw(container, data, { onEdge: showEdge });
  window.digicoopNetwork = network;
  if (!network) return;

  var search = document.getElementById("network-search");
  var input = document.getElementById("network-search-input");
  if (search && input) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var wanted = input.value.trim().toLowerCase();
      if (!wanted) return;
      var found = null;
      (data.nodes || []).forEach(function (node) {
        var names = [node.label, node.name_en, node.name_ko, node.acronym].filter(Boolean)
          .map(function (n) { return String(n).toLowerCase(); });
        if (!found && names.indexOf(wanted) >= 0) found = node;
      });
      (data.nodes || []).forEach(function (node) {
        if (!found && String(node.label).toLowerCase().indexOf(wanted) >= 0) found = node;
      });
      if (found) {
        network.selectNodes([found.id]);
        network.focus(found.id, { scale: 1.4, animation: { duration: 400 } });
      } else {
        // Not in this view: ask the server to centre the network on it.
        var params = new URLSearchParams(window.location.search);
        params.set("focus", input.value.trim());
        window.location.assign("/network?" + params.toString());
      }
    });
  }

  // Menus apply at once; text fields on Enter or the button.
  var filters = document.getElementById("network-filters");
  if (filters) {
    Array.prototype.forEach.call(filters.querySelectorAll("select"), function (select) {
      select.addEventListener("change", function () { filters.requestSubmit(); });
    });
  }

  var png = document.getElementById("network-png");
  if (png) {
    png.addEventListener("click", function () {
      var canvas = container.querySelector("canvas");
      if (!canvas) return;
      var a = document.createElement("a");
      a.href = canvas.toDataURL("image/png");
      a.download = "digicoop-network.png";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }
})();
