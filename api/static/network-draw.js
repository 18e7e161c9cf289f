// Draws a digicoop network view (the node-link JSON of /network.json) with vis-network.
// Positions come from the server and physics stays off. Every string from the data reaches
// the page through textContent or a DOM property, never as HTML: names and headlines come
// from articles anyone can write.
(function () {
  "use strict";

  var TYPE_NAMES = {
    organization: "Organization", country: "Country", site: "Site",
    agreement: "Agreement", event: "Event", project: "Project"
  };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    // Only the site's own paths: an article-supplied URL never becomes a link target here.
    if (typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/") a.href = href;
    return a;
  }

  function factItem(fact) {
    var li = el("li");
    var what = (fact.kind && fact.kind !== fact.type && fact.kind !== "other" ? fact.kind.replace(/_/g, " ") + " " : "") +
      (TYPE_NAMES[fact.type] || fact.type || "fact").toLowerCase();
    li.appendChild(el("span", (fact.date ? fact.date + " · " : "") + what, "fact-what"));
    if (fact.name) li.appendChild(el("span", " " + fact.name, "fact-name"));
    if (fact.article_path) {
      li.appendChild(document.createTextNode(" · "));
      li.appendChild(link(fact.article_path, fact.headline || "article"));
    }
    return li;
  }

  function nodeTitle(node) {
    var box = el("div", null, "network-tip");
    box.appendChild(el("strong", node.label));
    if (node.name_en && node.name_en !== node.label) box.appendChild(el("div", node.name_en));
    if (node.name_ko && node.name_ko !== node.label) box.appendChild(el("div", node.name_ko));
    var kind = (TYPE_NAMES[node.type] || node.type || "") +
      (node.kind && node.kind !== node.type && node.kind !== "other" ? " · " + node.kind.replace(/_/g, " ") : "") +
      (node.country ? " · " + node.country : "") + (node.date ? " · " + node.date : "");
    box.appendChild(el("div", kind, "muted"));
    box.appendChild(el("div", "degree " + node.degree + " · betweenness " + node.betweenness +
      " · eigenvector " + node.eigenvector + " · community " + ((node.community || 0) + 1), "muted"));
    return box;
  }

  function edgeFacts(edge, facts) {
    return (edge.facts || []).map(function (iri) { return facts[iri] || { iri: iri }; });
  }

  function edgeTitle(edge, facts, names) {
    var box = el("div", null, "network-tip");
    box.appendChild(el("strong", (names[edge.source] || "") + " — " + (names[edge.target] || "")));
    var n = edge.weight || 0;
    box.appendChild(el("div", n + (n === 1 ? " fact" : " facts") +
      (edge.themes && edge.themes.length ? " · " + edge.themes.slice(0, 4).join(", ") : ""), "muted"));
    var list = el("ul");
    var shown = edgeFacts(edge, facts);
    shown.slice(0, 8).forEach(function (fact) { list.appendChild(factItem(fact)); });
    if (shown.length > 8) list.appendChild(el("li", "… and " + (shown.length - 8) + " more (click the edge)"));
    box.appendChild(list);
    return box;
  }

  // Fills `container` with the drawing of `data`; returns the vis.Network.
  function draw(container, data, options) {
    options = options || {};
    var started = performance.now();
    var facts = (data.graph && data.graph.facts) || {};
    var names = {};
    var byId = {};
    var nodes = (data.nodes || []).map(function (node) {
      names[node.id] = node.label;
      byId[node.id] = node;
      return {
        id: node.id,
        label: node.show_label || options.allLabels ? node.label : undefined,
        title: nodeTitle(node),
        x: node.x, y: node.y,
        size: node.size,
        color: { background: node.color, border: node.focus ? "#111" : node.color,
                 highlight: { background: node.color, border: "#111" } },
        borderWidth: node.focus ? 3 : 1,
        shape: node.type === "agreement" || node.type === "event" || node.type === "project" ? "diamond" : "dot"
      };
    });
    var edges = (data.links || []).map(function (edge, i) {
      return {
        id: "e" + i,
        from: edge.source, to: edge.target,
        width: edge.width || 1,
        color: { color: edge.color, highlight: edge.color, opacity: 0.75 },
        title: edgeTitle(edge, facts, names)
      };
    });
    if (!window.vis || !window.vis.Network) {
      container.textContent = "The network drawing library did not load.";
      return null;
    }
    var network = new window.vis.Network(container, {
      nodes: new window.vis.DataSet(nodes),
      edges: new window.vis.DataSet(edges)
    }, {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: nodes.length > 400,
                     hideEdgesOnZoom: nodes.length > 1500, navigationButtons: false, keyboard: false },
      nodes: { font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#fff" } },
      edges: { smooth: false, selectionWidth: 2 }
    });
    // An opaque background, so the PNG export is not transparent.
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    });
    network.once("afterDrawing", function () {
      container.dataset.drawMs = String(Math.round(performance.now() - started));
      container.dataset.drawnNodes = String(network.body.nodeIndices.length);
      container.dataset.drawnEdges = String(network.body.edgeIndices.length);
      container.dataset.ready = "true";
    });
    network.on("click", function (params) {
      if (params.nodes.length) {
        var node = byId[params.nodes[0]];
        if (node && node.path && options.navigate !== false) window.location.assign(node.path);
      } else if (params.edges.length && options.onEdge) {
        var edge = data.links[Number(String(params.edges[0]).slice(1))];
        if (edge) options.onEdge(edge, edgeFacts(edge, facts), names);
      }
    });
    network.digicoop = { data: data, byId: byId, names: names };
    return network;
  }

  window.DigicoopNetwork = { draw: draw, el: el, link: link, factItem: factItem, edgeFacts: edgeFacts };
})();
