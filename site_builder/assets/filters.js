/* Filters of the "All practices" page: plain JavaScript, no dependencies.
 * Several values of one facet widen the list (OR); facets narrow it (AND).
 * Each unticked option shows how many practices the list would show once it
 * is ticked; a ticked option shows how many of the listed practices carry it.
 * The state lives in the URL query (?ecosystem=health&country=IT&text=water),
 * so a view can be shared, bookmarked and survives a reload. The words are in
 * "text", not "q": mkdocs-material opens its search dialog on any page whose URL
 * has a "q". Without JavaScript the form stays hidden and every practice is listed. */
(function () {
  "use strict";
  var form = document.getElementById("hb-filters");
  var list = document.getElementById("hb-results");
  var status = document.getElementById("hb-status");
  if (!form || !list || !status) { return; }
  var textBox = document.getElementById("hb-q");
  var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"),
    function (fs) { return fs.getAttribute("data-facet"); });
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));

  function fold(text) {
    /* lower case without accents, so "sao" finds "São" */
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var items = Array.prototype.map.call(list.children, function (li) {
    var values = {};
    facets.forEach(function (f) {
      var raw = li.getAttribute("data-" + f) || "";
      values[f] = raw ? raw.split(" ") : [];
    });
    return { el: li, values: values, text: fold(li.getAttribute("data-text") || "") };
  });

  function state() {
    var s = { q: fold(textBox.value.trim()), sel: {} };
    facets.forEach(function (f) { s.sel[f] = []; });
    boxes.forEach(function (b) { if (b.checked) { s.sel[b.name].push(b.value); } });
    return s;
  }
  function hasAny(item, facet, chosen) {
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
  /* true if the item passes the text box and every facet except `skip` */
  function matchesAllBut(item, s, skip) {
    if (!matchesText(item, s.q)) { return false; }
    for (var i = 0; i < facets.length; i++) {
      var f = facets[i];
      if (f !== skip && s.sel[f].length && !hasAny(item, f, s.sel[f])) { return false; }
    }
    return true;
  }
  /* Per facet, among the practices that pass the text box and the other facets:
   * how many are shown, and per value how many shown ones carry it (carry) and
   * how many hidden ones ticking it would add (added). */
  function facetCounts(s) {
    var counts = {};
    facets.forEach(function (f) {
      var chosen = s.sel[f];
      var c = counts[f] = { ticked: chosen.length > 0, shown: 0, carry: {}, added: {} };
      items.forEach(function (item) {
        if (!matchesAllBut(item, s, f)) { return; }
        var isShown = !c.ticked || hasAny(item, f, chosen);
        var tally = isShown ? c.carry : c.added;
        if (isShown) { c.shown++; }
        item.values[f].forEach(function (v) { tally[v] = (tally[v] || 0) + 1; });
      });
    });
    return counts;
  }
  /* what an option's count says: a ticked one, how many listed practices carry it;
   * an unticked one, how many practices the list would show once it is ticked */
  function optionCount(c, value, checked) {
    if (checked || !c.ticked) { return c.carry[value] || 0; }
    return c.shown + (c.added[value] || 0);
  }
  function apply(write) {
    var s = state();
    var shown = 0;
    items.forEach(function (item) {
      var visible = matchesAllBut(item, s, null);
      item.el.hidden = !visible;
      if (visible) { shown++; }
    });
    var counts = facetCounts(s);
    boxes.forEach(function (b) {
      var c = counts[b.name];
      var n = optionCount(c, b.value, b.checked);
      var label = b.parentNode;
      label.querySelector("[data-count]").textContent = "(" + n + ")";
      /* greyed: ticking it would empty the list, or add nothing to it */
      label.classList.toggle("hb-option--empty", !b.checked &&
        (n === 0 || (c.ticked && !c.added[b.value])));
    });
    showTicked(s);
    status.textContent = shown === items.length ? "Showing all " + shown + " practices."
      : "Showing " + shown + " of " + items.length + " practices.";
    if (write !== false) { writeUrl(s); }
  }
  function writeUrl(s) {
    var params = new URLSearchParams();
    var q = textBox.value.trim();
    if (q) { params.append("text", q); }
    facets.forEach(function (f) { s.sel[f].forEach(function (v) { params.append(f, v); }); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { window.history.replaceState(null, "", url); } catch (e) { /* some browsers refuse on file:// */ }
  }
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    textBox.value = params.get("text") || "";
    boxes.forEach(function (b) { b.checked = params.getAll(b.name).indexOf(b.value) !== -1; });
  }
  /* On a phone the facets start folded, except those with a ticked value;
   * each facet's title says how many of its values are ticked. */
  var folds = Array.prototype.slice.call(form.querySelectorAll("details.hb-facet"));
  function foldFacets(s) {
    var narrow = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches;
    folds.forEach(function (d) {
      var key = d.querySelector("fieldset[data-facet]").getAttribute("data-facet");
      d.open = !narrow || s.sel[key].length > 0;
    });
  }
  function showTicked(s) {
    folds.forEach(function (d) {
      var key = d.querySelector("fieldset[data-facet]").getAttribute("data-facet");
      var n = s.sel[key].length;
      d.querySelector("[data-ticked]").textContent = n ? " \u00b7 " + n + " ticked" : "";
    });
  }
  form.hidden = false;
  form.addEventListener("change", function () { apply(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  textBox.addEventListener("input", function () { apply(); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(); }, 0); });
  window.addEventListener("popstate", function () { readUrl(); apply(false); });
  readUrl();
  foldFacets(state());
  apply(false);
}());
