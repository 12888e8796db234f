/* Filters of the "All practices" page: plain JavaScript, no dependencies.
 * Several values of one facet widen the list (OR); facets narrow it (AND).
 * Each option shows how many practices ticking it would leave. The state
 * lives in the URL query (?ecosystem=health&country=IT&q=water), so a view
 * can be shared, bookmarked and survives a reload. */
(function () {
  "use strict";
  var form = document.getElementById("hb-filters");
  var list = document.getElementById("hb-results");
  var status = document.getElementById("hb-status");
  if (!form || !list) { return; }
  var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"),
    function (fs) { return fs.getAttribute("data-facet"); });
  var items = Array.prototype.map.call(list.children, function (li) {
    var values = {};
    facets.forEach(function (f) {
      var raw = li.getAttribute("data-" + f) || "";
      values[f] = raw ? raw.split(" ") : [];
    });
    return { el: li, values: values, text: li.getAttribute("data-text") || "" };
  });
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var textBox = document.getElementById("hb-q");

  function state() {
    var s = { q: textBox.value.trim().toLowerCase(), sel: {} };
    facets.forEach(function (f) { s.sel[f] = []; });
    boxes.forEach(function (b) { if (b.checked) { s.sel[b.name].push(b.value); } });
    return s;
  }
  function matchesFacet(item, facet, chosen) {
    if (!chosen.length) { return true; }
    var own = item.values[facet];
    for (var i = 0; i < chosen.length; i++) { if (own.indexOf(chosen[i]) !== -1) { return true; } }
    return false;
  }
  function matchesText(item, q) {
    if (!q) { return true; }
    var words = q.split(/\s+/);
    for (var i = 0; i < words.length; i++) { if (item.text.indexOf(words[i]) === -1) { return false; } }
    return true;
  }
  function matchesAllBut(item, s, skip) {
    if (!matchesText(item, s.q)) { return false; }
    for (var i = 0; i < facets.length; i++) {
      if (facets[i] !== skip && !matchesFacet(item, facets[i], s.sel[facets[i]])) { return false; }
    }
    return true;
  }
  function apply(push) {
    var s = state();
    var shown = 0;
    var counts = {};
    facets.forEach(function (f) { counts[f] = {}; });
    items.forEach(function (item) {
      var visible = matchesAllBut(item, s, null);
      item.el.hidden = !visible;
      if (visible) { shown++; }
      facets.forEach(function (f) {
        if (matchesAllBut(item, s, f)) {
          item.values[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
        }
      });
    });
    boxes.forEach(function (b) {
      var n = counts[b.name][b.value] || 0;
      var label = b.parentNode;
      label.querySelector("[data-count]").textContent = "(" + n + ")";
      label.classList.toggle("hb-option--empty", n === 0 && !b.checked);
    });
    status.textContent = shown === items.length ? "Showing all " + shown + " practices."
      : "Showing " + shown + " of " + items.length + " practices.";
    if (push !== false) { writeUrl(s); }
  }
  function writeUrl(s) {
    var params = new URLSearchParams();
    if (s.q) { params.append("q", textBox.value.trim()); }
    facets.forEach(function (f) { s.sel[f].forEach(function (v) { params.append(f, v); }); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  }
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    textBox.value = params.get("q") || "";
    boxes.forEach(function (b) { b.checked = params.getAll(b.name).indexOf(b.value) !== -1; });
  }
  form.hidden = false;
  form.addEventListener("change", function () { apply(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  textBox.addEventListener("input", function () { apply(); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(); }, 0); });
  window.addEventListener("popstate", function () { readUrl(); apply(false); });
  readUrl();
  apply(false);
  window.handbookFilters = { apply: apply };
}());
