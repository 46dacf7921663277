// Pages and sorts the DataStore preview in place with /api/3/action/datastore_search.
// Without JavaScript the same links load the page again with ?offset=&sort= (server-rendered).
(function () {
  "use strict";
  var box = document.querySelector(".preview-table");
  if (!box || !window.fetch) { return; }
  var table = box.querySelector("table");
  var status = box.querySelector(".preview-status");
  var state = {
    id: box.dataset.resourceId,
    limit: parseInt(box.dataset.limit, 10) || 20,
    offset: parseInt(box.dataset.offset, 10) || 0,
    sort: box.dataset.sort || "",
    total: parseInt(box.dataset.total, 10) || 0
  };
  var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
  var columns = heads.map(function (th) { return { id: th.dataset.column, kind: th.dataset.kind }; });

  function apiSort(sort) {
    if (!sort) { return "_id"; }
    var parts = sort.split(" ");
    var dir = parts.pop();
    var name = parts.join(" ");
    var ident = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
    return ident + " " + dir;
  }

  function pageUrl(offset, sort) {
    var params = new URLSearchParams();
    if (offset) { params.set("offset", offset); }
    if (sort) { params.set("sort", sort); }
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + "#preview";
  }

  function format(label, values) {
    return label.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function number(n) { return new Intl.NumberFormat(document.documentElement.lang).format(n); }

  function render(result) {
    var tbody = table.querySelector("tbody");
    var rows = document.createDocumentFragment();
    (result.records || []).forEach(function (record) {
      var tr = document.createElement("tr");
      columns.forEach(function (column) {
        var td = document.createElement("td");
        var value = record[column.id];
        td.textContent = value === null || value === undefined ? "" : String(value);
        if (column.kind === "number") { td.className = "num"; }
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    tbody.replaceChildren(rows);
    state.total = result.total || 0;
    var shown = (result.records || []).length;
    status.textContent = format(box.dataset.labelRows, {
      first: number(shown ? state.offset + 1 : 0), last: number(state.offset + shown), total: number(state.total)
    });
    heads.forEach(function (th) {
      var link = th.querySelector("a");
      var mark = link.querySelector("span[aria-hidden]");
      if (mark) { mark.remove(); }
      var current = state.sort.split(" ");
      var dir = current.pop();
      var sortedHere = state.sort && current.join(" ") === th.dataset.column;
      if (sortedHere) {
        th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
        var arrow = document.createElement("span");
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = dir === "asc" ? " ▲" : " ▼";
        link.appendChild(arrow);
      } else {
        th.removeAttribute("aria-sort");
      }
      var next = sortedHere && dir === "asc" ? "desc" : "asc";
      link.setAttribute("href", pageUrl(0, th.dataset.column + " " + next));
    });
    updateNav();
    history.replaceState(null, "", pageUrl(state.offset, state.sort));
  }

  function navLink(kind, offset, label) {
    var pages = box.querySelector(".preview-nav .pages");
    var link = pages.querySelector('[data-page="' + kind + '"]');
    if (!link || link.tagName !== "A") {
      var fresh = document.createElement("a");
      fresh.className = "button small secondary";
      fresh.dataset.page = kind;
      fresh.rel = "nofollow";
      fresh.textContent = link ? link.textContent : label;
      if (link) { link.replaceWith(fresh); } else if (kind === "prev") { pages.prepend(fresh); } else { pages.append(fresh); }
      link = fresh;
    }
    if (offset === null) { link.hidden = true; } else { link.hidden = false; link.href = pageUrl(offset, state.sort); }
  }

  function updateNav() {
    navLink("prev", state.offset > 0 ? Math.max(0, state.offset - state.limit) : null, "‹");
    navLink("next", state.offset + state.limit < state.total ? state.offset + state.limit : null, "›");
  }

  function load(offset, sort, focusTarget) {
    var params = new URLSearchParams({
      resource_id: state.id, limit: state.limit, offset: offset, sort: apiSort(sort)
    });
    box.setAttribute("aria-busy", "true");
    fetch("/api/3/action/datastore_search?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (!body.success) { throw new Error("datastore_search failed"); }
        state.offset = offset;
        state.sort = sort;
        render(body.result);
        if (focusTarget) { focusTarget.focus(); }
      })
      .catch(function () { status.textContent = box.dataset.labelError; })
      .finally(function () { box.removeAttribute("aria-busy"); });
  }

  box.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || !box.contains(link)) { return; }
    var th = link.closest("th");
    if (th) {
      event.preventDefault();
      var current = state.sort.split(" ");
      var dir = current.pop();
      var next = state.sort && current.join(" ") === th.dataset.column && dir === "asc" ? "desc" : "asc";
      load(0, th.dataset.column + " " + next, link);
    } else if (link.dataset.page) {
      event.preventDefault();
      var offset = link.dataset.page === "next" ? state.offset + state.limit : Math.max(0, state.offset - state.limit);
      load(offset, state.sort, link.dataset.page === "next" ? link : null);
    }
  });
  updateNav();
})();
