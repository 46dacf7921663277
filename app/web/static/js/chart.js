// Draws a bar chart (SVG, no library) of a numeric column summed by a category or date
// column of the DataStore table. The chart is hidden without JavaScript.
(function () {
  "use strict";
  var box = document.getElementById("chart");
  if (!box || !window.fetch) { return; }
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_ROWS = 5000;
  var MAX_BARS = 20;
  var form = box.querySelector("form");
  var area = box.querySelector(".chart-area");
  var ySelect = document.getElementById("chart-y");
  var aggSelect = document.getElementById("chart-agg");
  var xSelect = document.getElementById("chart-x");
  box.hidden = false;

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function label(select) { return select.options[select.selectedIndex].textContent; }

  function shorten(text, size) { return text.length > size ? text.slice(0, size - 1) + "…" : text; }

  function draw(records, xName, yName, isDate) {
    var how = aggSelect.value;
    var sums = {}, counts = {};
    records.forEach(function (record) {
      var value = Number(record[yName]);
      if (how !== "count" && (record[yName] === null || record[yName] === "" || !isFinite(value))) { return; }
      var key = record[xName] === null || record[xName] === undefined ? "—" : String(record[xName]);
      sums[key] = (sums[key] || 0) + (how === "count" ? 1 : value);
      counts[key] = (counts[key] || 0) + 1;
    });
    var entries = Object.keys(sums).map(function (key) {
      return [key, how === "mean" ? sums[key] / counts[key] : sums[key]];
    });
    if (isDate) {
      entries.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      entries = entries.slice(-MAX_BARS);
    } else {
      entries.sort(function (a, b) { return b[1] - a[1]; });
      entries = entries.slice(0, MAX_BARS);
    }
    area.replaceChildren();
    if (!entries.length) {
      var empty = document.createElement("p");
      empty.textContent = box.dataset.labelEmpty;
      area.appendChild(empty);
      return;
    }
    var fmt = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 2 });
    // Drawn at the width it is shown at, so labels keep a readable size on small screens.
    var width = Math.max(280, Math.min(960, area.clientWidth || 720));
    var labelWidth = Math.round(Math.min(220, width * 0.36));
    var valueWidth = Math.round(Math.min(110, width * 0.24));
    var labelChars = Math.max(8, Math.floor(labelWidth / 7));
    var barHeight = 22, gap = 8, top = 8;
    var height = top * 2 + entries.length * (barHeight + gap);
    var max = Math.max.apply(null, entries.map(function (e) { return Math.abs(e[1]); })) || 1;
    var plot = width - labelWidth - valueWidth;
    var title = label(aggSelect) + ": " + label(ySelect) + " — " + label(xSelect);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "chart-svg-title" });
    svg.appendChild(el("title", { id: "chart-svg-title" }, title));
    svg.appendChild(el("line", { x1: labelWidth, x2: labelWidth, y1: 0, y2: height, "class": "axis" }));
    entries.forEach(function (entry, index) {
      var y = top + index * (barHeight + gap);
      var w = Math.max(1, Math.abs(entry[1]) / max * plot);
      var name = el("text", { x: labelWidth - 8, y: y + barHeight * 0.7, "text-anchor": "end" }, shorten(entry[0], labelChars));
      name.appendChild(el("title", {}, entry[0]));
      svg.appendChild(name);
      var bar = el("rect", { x: labelWidth, y: y, width: w, height: barHeight, "class": "bar" });
      bar.appendChild(el("title", {}, entry[0] + ": " + fmt.format(entry[1])));
      svg.appendChild(bar);
      svg.appendChild(el("text", { x: labelWidth + w + 6, y: y + barHeight * 0.7 }, fmt.format(entry[1])));
    });
    area.appendChild(svg);
    var note = document.createElement("p");
    note.className = "hint";
    note.textContent = box.dataset.labelNote
      .replace("{how}", label(aggSelect)).replace("{value}", label(ySelect)).replace("{category}", label(xSelect))
      .replace("{rows}", fmt.format(Math.min(records.length, MAX_ROWS)));
    area.appendChild(note);
  }

  function update(event) {
    if (event) { event.preventDefault(); }
    var xName = xSelect.value, yName = ySelect.value;
    var isDate = xSelect.options[xSelect.selectedIndex].dataset.kind === "date";
    var params = new URLSearchParams({
      resource_id: box.dataset.resourceId, limit: MAX_ROWS, fields: xName + "," + yName, include_total: "false"
    });
    fetch("/api/3/action/datastore_search?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (!body.success) { throw new Error("datastore_search failed"); }
        draw(body.result.records || [], xName, yName, isDate);
      })
      .catch(function () { area.textContent = box.dataset.labelEmpty; });
  }

  form.addEventListener("submit", update);
  [xSelect, ySelect, aggSelect].forEach(function (select) { select.addEventListener("change", update); });
  update();
})();
