/* Every chart's own actions and the view kept in the address bar.

   - The row under a chart (dashboard.components.chart_actions): CSV and Excel are links to
     /chart/<page>/<chart>.<format> that take the page's query as it is now (controls and
     zoom); PNG and SVG are plotly's image export; Link, Cite and Table open the panel under
     the row: the view's address and embed code, the citation (from <…>.json, its {url}
     filled with the view's address), or the drawn points as a table (from <…>.json).
   - Zooming a chart on a date axis (or its 1Y/3Y/5Y/all buttons) writes start=…&end=… into
     the address bar (history.replaceState: the page is not rebuilt) and shows the same
     months on the page's other date charts; a chart redrawn by a control keeps them. Double
     click (autoscale) removes them.
   - The language link keeps the whole view: it is rewritten from the address at click time.
   - ?embed=1 marks the document (class "embed"): the stylesheet hides the navigation.
   The words come from the row's data-* attributes, in the page's language. No inline
   script, no innerHTML: the Content-Security-Policy allows neither. */
(function () {
  "use strict";

  var params = function () { return new URLSearchParams(window.location.search); };
  if (params().get("embed") === "1") { document.documentElement.classList.add("embed"); }

  /* -- the view in the address bar ------------------------------------------------------ */

  function day(value) { return String(value).slice(0, 10); }

  function setQuery(changes) {
    var query = params();
    Object.keys(changes).forEach(function (key) {
      if (changes[key] === null) { query.delete(key); } else { query.set(key, changes[key]); }
    });
    var search = query.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function isDateChart(gd) {
    return Boolean(gd.layout && gd.layout.xaxis && gd.layout.xaxis.type === "date" &&
      gd.closest(".chart") && gd.closest(".chart").querySelector(".chart-actions"));
  }

  function rangeOf(event) {
    if (!event) { return undefined; }
    if (event["xaxis.autorange"] === true) { return null; }
    if (Array.isArray(event["xaxis.range"])) { return event["xaxis.range"].map(day); }
    if (event["xaxis.range[0]"] !== undefined && event["xaxis.range[1]"] !== undefined) {
      return [day(event["xaxis.range[0]"]), day(event["xaxis.range[1]"])];
    }
    return undefined;
  }

  function shownRange(gd) {
    var range = gd.layout && gd.layout.xaxis && gd.layout.xaxis.range;
    return range ? [day(range[0]), day(range[1])] : null;
  }

  var syncing = false;

  function follow(gd, range) {
    if (!isDateChart(gd)) { return; }
    var now = shownRange(gd);
    if (range === null) {
      if (gd.layout.xaxis.autorange !== true) { window.Plotly.relayout(gd, {"xaxis.autorange": true}); }
    } else if (!now || now[0] !== range[0] || now[1] !== range[1]) {
      window.Plotly.relayout(gd, {"xaxis.range": range});
    }
  }

  function onRelayout(gd, event) {
    var range = rangeOf(event);
    if (range === undefined || syncing || !isDateChart(gd)) { return; }
    setQuery(range === null ? {start: null, end: null} : {start: range[0], end: range[1]});
    syncing = true;
    try {
      document.querySelectorAll(".chart .js-plotly-plot").forEach(function (other) {
        if (other !== gd) { follow(other, range); }
      });
    } finally { syncing = false; }
  }

  /* A chart drawn or redrawn (a control changed its figure): the months the address names. */
  function onAfterPlot(gd) {
    var query = params();
    if (syncing || !query.get("start") || !query.get("end") || !isDateChart(gd)) { return; }
    var range = [query.get("start"), query.get("end")];
    var now = shownRange(gd);
    if (!now || now[0] !== range[0] || now[1] !== range[1]) {
      window.setTimeout(function () { follow(gd, range); }, 0);
    }
  }

  function bind() {
    document.querySelectorAll(".chart .js-plotly-plot").forEach(function (gd) {
      if (gd.eimBound || typeof gd.on !== "function") { return; }
      gd.eimBound = true;
      gd.on("plotly_relayout", function (event) { onRelayout(gd, event); });
      gd.on("plotly_afterplot", function () { onAfterPlot(gd); });
      onAfterPlot(gd);
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; bind(); });
  }).observe(document.documentElement, {childList: true, subtree: true});

  /* -- the actions ------------------------------------------------------------------------ */

  function words(box) { return box.dataset; }

  function chartOf(box) {
    var chart = box.closest(".chart");
    return chart ? chart.querySelector(".js-plotly-plot") : null;
  }

  function viewUrl() { return window.location.href; }

  function embedUrl(box) {
    var query = params();
    query.set("embed", "1");
    query.set("chart", box.dataset.chart);
    return window.location.origin + window.location.pathname + "?" + query.toString();
  }

  function dataUrl(box, format) {
    return "/chart/" + encodeURIComponent(box.dataset.page) + "/" +
      encodeURIComponent(box.dataset.chart) + "." + format + window.location.search;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function copyText(field, status, box) {
    var done = function () { status.textContent = words(box).copied; };
    var fail = function () {
      field.focus();
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      status.textContent = copied ? words(box).copied : words(box).copyFailed;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, fail);
    } else { fail(); }
  }

  function copyField(box, label, value, name, multiline) {
    var wrap = element("div", "chart-copy");
    var id = "eim-" + box.dataset.page + "-" + box.dataset.chart + "-" + name;
    var caption = element("label", "", label);
    caption.htmlFor = id;
    var field = element(multiline ? "textarea" : "input", "chart-copy-field");
    field.id = id;
    field.readOnly = true;
    field.value = value;
    field.setAttribute("data-field", name);
    if (multiline) { field.rows = 3; }
    var button = element("button", "chart-action", words(box).copy);
    button.type = "button";
    var status = element("span", "chart-copy-status");
    status.setAttribute("role", "status");
    button.addEventListener("click", function () { copyText(field, status, box); });
    wrap.append(caption, field, button, status);
    return wrap;
  }

  function panelOf(box) { return box.querySelector(".chart-panel"); }

  function openPanel(box, action, content) {
    var panel = panelOf(box);
    panel.replaceChildren();
    var close = element("button", "chart-action chart-panel-close", "×");
    close.type = "button";
    close.title = words(box).close;
    close.setAttribute("aria-label", words(box).close);
    close.addEventListener("click", function () { closePanel(box); });
    panel.append(close);
    (Array.isArray(content) ? content : [content]).forEach(function (node) { panel.append(node); });
    panel.hidden = false;
    panel.dataset.open = action;
  }

  function closePanel(box) {
    var panel = panelOf(box);
    panel.hidden = true;
    panel.dataset.open = "";
    panel.replaceChildren();
  }

  function fetchChart(box, action, render) {
    openPanel(box, action, element("p", "note", words(box).loading));
    fetch(dataUrl(box, "json"), {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (body) { if (panelOf(box).dataset.open === action) { render(body); } })
      .catch(function () { openPanel(box, action, element("p", "error", words(box).loadFailed)); });
  }

  function tableOf(body, box) {
    var wrap = element("div", "chart-table-wrap");
    var table = element("table", "data-table chart-table");
    var head = element("tr");
    body.columns.forEach(function (name) { head.append(element("th", "", name)); });
    var thead = element("thead");
    thead.append(head);
    table.append(thead);
    var rows = element("tbody");
    body.rows.forEach(function (row) {
      var line = element("tr");
      row.forEach(function (cell, index) {
        var numeric = typeof cell === "number";
        var td = element("td", numeric ? "num" : "", cell === null ? "" : String(cell));
        if (index === 1) { td.className = "period"; }
        line.append(td);
      });
      rows.append(line);
    });
    table.append(rows);
    wrap.append(table);
    var caption = element("p", "note", words(box).rows.replace("{count}", body.rows.length));
    return [element("h4", "", body.title), caption, wrap];
  }

  var actions = {
    csv: null,
    xlsx: null,
    png: function (box) { image(box, "png"); },
    svg: function (box) { image(box, "svg"); },
    link: function (box) {
      openPanel(box, "link", [
        copyField(box, words(box).linkLabel, viewUrl(), "link", false),
        copyField(box, words(box).embedLabel,
          '<iframe src="' + embedUrl(box) + '" width="100%" height="460" style="border:0" loading="lazy"></iframe>',
          "embed", true)
      ]);
    },
    cite: function (box) {
      fetchChart(box, "cite", function (body) {
        openPanel(box, "cite", copyField(box, words(box).citeLabel,
          body.citation.split("{url}").join(viewUrl()), "citation", true));
      });
    },
    table: function (box) {
      fetchChart(box, "table", function (body) { openPanel(box, "table", tableOf(body, box)); });
    }
  };

  function image(box, format) {
    var gd = chartOf(box);
    if (!gd || !window.Plotly) { return; }
    window.Plotly.downloadImage(gd, {
      format: format,
      scale: format === "png" ? 2 : 1,
      filename: "eim-" + box.dataset.page + "-" + box.dataset.chart
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var language = target && target.closest("#lang-link");
    if (language) {
      var query = params();
      query.set("lang", query.get("lang") === "en" ? "zh" : "en");
      language.setAttribute("href", window.location.pathname + "?" + query.toString());
      return;
    }
    var button = target && target.closest(".chart-action-row .chart-action");
    if (!button) { return; }
    var box = button.closest(".chart-actions");
    var action = button.dataset.action;
    if (action === "csv" || action === "xlsx") {
      button.setAttribute("href", dataUrl(box, action));
      return;  // the link itself downloads
    }
    event.preventDefault();
    if (panelOf(box).dataset.open === action) { closePanel(box); return; }
    if (actions[action]) { actions[action](box); }
  });
})();
