/* "Download these as CSV / JSON" on All practices: the practices the filters and the
 * text box leave now (form.handbookSelection of filters.js: listed yet or not), as a file
 * made in the browser (a Blob and a[download]), offline and from file:// alike.
 * Its data, each practice's own part of data/practices.csv or .json in those files'
 * order (site_builder/outputs/export_selection.py), is a script loaded only at the first press
 * of its button; the parts are joined as the full files are joined, so the download of
 * every practice is the full file itself, formula-safe cells included. Without
 * JavaScript the page's <noscript> style hides the buttons; the full files remain. */
(function () {
  "use strict";
  var box = document.getElementById("hb-export");
  var form = document.getElementById("hb-filters");
  var status = document.getElementById("hb-export-status");
  if (!box || !form || !status || !form.handbookSelection || !window.Blob ||
      !window.URL || !URL.createObjectURL) { return; }
  var loaded = {};   /* kind -> the data, once its script is in */
  var waiting = {};  /* kind -> what to do once it is */

  function load(kind, then) {
    if (loaded[kind]) { then(loaded[kind]); return; }
    if (waiting[kind]) { waiting[kind].push(then); return; }
    waiting[kind] = [then];
    var script = document.createElement("script");
    script.src = box.getAttribute("data-" + kind);
    script.onload = function () {
      var all = window.handbookExport || {};
      loaded[kind] = all[kind];
      delete all[kind];
      var queued = waiting[kind];
      waiting[kind] = null;
      queued.forEach(function (f) { f(loaded[kind]); });
    };
    script.onerror = function () {
      waiting[kind] = null;
      status.textContent = "The data for the download could not be loaded; the full " +
        "files, linked above, hold every practice.";
    };
    document.head.appendChild(script);
  }
  /* the selected practices' parts, in the full file's order */
  function partsOf(data, ids) {
    var wanted = {};
    ids.forEach(function (id) { wanted[id] = true; });
    var parts = [];
    data.parts.forEach(function (entry) { if (wanted[entry[0]]) { parts.push(entry[1]); } });
    return parts;
  }
  /* as site_builder/outputs/exports.py joins practices.csv and practices.json */
  var JOIN = {
    csv: function (data, parts) { return data.head + parts.join(""); },
    json: function (data, parts) {
      var listed = parts.length ? "[\n" + parts.join(",\n") + "\n ]" : "[]";
      return "{\n \"count\": " + parts.length + ",\n \"practices\": " + listed + "\n}\n";
    }
  };
  var TYPE = { csv: "text/csv;charset=utf-8", json: "application/json;charset=utf-8" };

  function save(kind, text) {
    var url = URL.createObjectURL(new Blob([text], { type: TYPE[kind] }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "practices-selection." + kind;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function download(kind, button) {
    button.setAttribute("aria-busy", "true");
    form.handbookSelection(function (ids) {
      load(kind, function (data) {
        var parts = partsOf(data, ids);
        save(kind, JOIN[kind](data, parts));
        button.removeAttribute("aria-busy");
        status.textContent = "Downloaded " + parts.length.toLocaleString("en") + " practice" +
          (parts.length === 1 ? "" : "s") + " as " + kind.toUpperCase() + ".";
      });
    });
  }
  Array.prototype.forEach.call(box.querySelectorAll("button[data-export]"), function (button) {
    var kind = button.getAttribute("data-export");
    button.addEventListener("click", function () { download(kind, button); });
    /* the press comes before the click: the list and the data load meanwhile */
    button.addEventListener("pointerdown", function () {
      if (form.handbookEarly) { form.handbookEarly(); }
    });
  });
}());
