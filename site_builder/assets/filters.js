/* Filters of the "All practices" page: plain JavaScript, no dependencies.
 * Several values of one facet widen the list (OR); facets narrow it (AND).
 * Each unticked option shows how many practices the list would show once it
 * is ticked; a ticked option shows how many of the listed practices carry it.
 * The state lives in the URL query (?ecosystem=health&country=IT&text=water),
 * so a view can be shared, bookmarked and survives a reload. The words are in
 * "text", not "q": mkdocs-material opens its search dialog on any page whose URL
 * has a "q". Without JavaScript the form stays hidden and every practice is listed.
 * With it, the list holds the first page of matches (data-page-size, 200) and a
 * button adds the next page: a browser lays out a few hundred items at once in a
 * few milliseconds, but thousands take it hundreds, at every tick of a filter. */
(function () {
  "use strict";
  var form = document.getElementById("hb-filters");
  var list = document.getElementById("hb-results");
  var status = document.getElementById("hb-status");
  var more = document.getElementById("hb-more");
  if (!form || !list || !status || !more) { return; }
  var pageSize = parseInt(list.getAttribute("data-page-size"), 10) || 200;
  var matched = [];   /* the items that pass the filters, in list order */
  var listedCount = 0;
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
  /* Marks each item with what keeps it out of the list: null when nothing does,
   * the one facet it fails when that is all, "*" for the text box or two facets.
   * One pass over the items serves the list and every facet's counts. */
  function sortOut(s) {
    var words = s.q ? s.q.split(/\s+/) : [];
    var ticked = facets.filter(function (f) { return s.sel[f].length > 0; });
    items.forEach(function (item) {
      item.miss = null;
      for (var i = 0; i < words.length; i++) {
        if (item.text.indexOf(words[i]) === -1) { item.miss = "*"; return; }
      }
      for (var j = 0; j < ticked.length; j++) {
        if (!hasAny(item, ticked[j], s.sel[ticked[j]])) {
          if (item.miss !== null) { item.miss = "*"; return; }
          item.miss = ticked[j];
        }
      }
    });
  }
  /* Per facet, among the practices that pass the text box and the other facets:
   * how many are shown, and per value how many shown ones carry it (carry) and
   * how many hidden ones ticking it would add (added). */
  function facetCounts(s) {
    var counts = {};
    facets.forEach(function (f) {
      var c = counts[f] = { ticked: s.sel[f].length > 0, shown: 0, carry: {}, added: {} };
      items.forEach(function (item) {
        if (item.miss !== null && item.miss !== f) { return; }
        var isShown = item.miss === null;
        var tally = isShown ? c.carry : c.added;
        if (isShown) { c.shown++; }
        var own = item.values[f];
        for (var i = 0; i < own.length; i++) { tally[own[i]] = (tally[own[i]] || 0) + 1; }
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
  function number(n) { return n.toLocaleString("en"); }
  /* the list shows matched[0 .. upTo); the rest wait for the "more" button */
  function showUpTo(upTo) {
    var fragment = document.createDocumentFragment();
    for (var i = listedCount; i < upTo; i++) { fragment.appendChild(matched[i].el); }
    list.appendChild(fragment);
    listedCount = upTo;
    var left = matched.length - listedCount;
    more.hidden = left === 0;
    more.textContent = "Show " + number(Math.min(pageSize, left)) + " more (" +
      number(left) + " not listed yet)";
  }
  function statusText(shown) {
    var text = shown === items.length ? "Showing all " + number(shown) + " practices."
      : "Showing " + number(shown) + " of " + number(items.length) + " practices.";
    return listedCount < shown ? text + " The first " + number(listedCount) +
      " are listed; the button below the list adds more." : text;
  }
  function apply(write) {
    var s = state();
    sortOut(s);
    matched = items.filter(function (item) { return item.miss === null; });
    list.textContent = "";
    listedCount = 0;
    showUpTo(Math.min(pageSize, matched.length));
    var shown = matched.length;
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
    status.textContent = statusText(shown);
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
  more.addEventListener("click", function () {
    var first = listedCount;
    showUpTo(Math.min(listedCount + pageSize, matched.length));
    status.textContent = statusText(matched.length);
    /* keyboard and screen-reader users go on reading where the new items start */
    if (first < listedCount) { matched[first].el.querySelector("a").focus(); }
  });
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
