/* Filters of the "All practices" page: plain JavaScript, no dependencies.
 * Several values of one facet widen the list (OR); facets narrow it (AND).
 * Each unticked option shows how many practices the list would show once it
 * is ticked; a ticked option shows how many of the listed practices carry it.
 * The state lives in the URL query (?ecosystem=health&country=IT&text=water),
 * so a view can be shared, bookmarked and survives a reload. The words are in
 * "text", not "q": mkdocs-material opens its search dialog on any page whose URL
 * has a "q".
 *
 * The page's HTML lists only the first practices (and, without JavaScript, links to
 * the static pages of the rest); its counts are those of the whole list. The whole
 * list is data/practice-list.js (site_builder/outputs/practice_list.py), loaded as a script,
 * which works from file:// as over http, only once the reader starts to filter (a
 * press on the form, the text box focused), asks for more, or opens a URL with
 * filters. Its rows are made from the page's own row template (data-row:
 * practice_row.html with a mark per value), every value escaped.
 * The list then holds the first page of matches (data-page-size, 200) and a button
 * adds the next page: a browser lays out a few hundred items at once in a few
 * milliseconds, but thousands take it hundreds, at every tick of a filter.
 * "Print or save as PDF" opens the print view (print-view.js) with every practice the
 * filters and the text box leave, listed or not yet, in the list's order; the link to
 * the whole handbook's PDF shows while nothing is filtered. The same selection is
 * form.handbookSelection(then), for the downloads of export.js. */
(function () {
  "use strict";
  var form = document.getElementById("hb-filters");
  var list = document.getElementById("hb-results");
  var status = document.getElementById("hb-status");
  var more = document.getElementById("hb-more");
  if (!form || !list || !status || !more) { return; }
  var pages = document.getElementById("hb-pages");   /* the static pages: "more" instead */
  if (pages) { pages.hidden = true; }
  var pageSize = parseInt(list.getAttribute("data-page-size"), 10) || 200;
  var total = parseInt(list.getAttribute("data-total"), 10) || list.children.length;
  var rowTemplate = list.getAttribute("data-row") || "";
  var items = null;   /* every practice, once the list is loaded */
  var matched = null; /* the items that pass the filters, in list order */
  var listedCount = list.children.length;   /* the page's own first rows */
  var textBox = document.getElementById("hb-q");
  var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"),
    function (fs) { return fs.getAttribute("data-facet"); });
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var printButton = document.querySelector("button[data-print][data-print-list=hb-results]");
  var wholePdf = document.querySelector(".hb-print-actions__whole");

  function fold(text) {
    /* lower case without accents, so "sao" finds "São" */
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&#34;", "'": "&#39;" };
  function escapeHtml(text) {
    /* as Jinja's autoescape writes it: editors' text is never markup */
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  /* -- the whole list, loaded once ------------------------------------------------ */
  var waiting = null;   /* what to do once the list is in, while it loads */
  var whole = null;   /* the list as loaded: fields, facets' tables, what the text box reads */
  /* each practice's facet values (codes), for the filters; what a row shows and what the
   * text box reads are made only for the practices shown and at the first words typed */
  function decode(data) {
    whole = data;
    var first = data.fields.length;
    return data.practices.map(function (entry) {
      var values = {};
      for (var i = 0; i < data.facets.length; i++) {
        var own = entry[first + i], table = data.facets[i].values, codes = [];
        for (var j = 0; j < own.length; j++) { codes.push(table[own[j]][0]); }
        values[data.facets[i].key] = codes;
      }
      return { entry: entry, values: values, text: null };
    });
  }
  /* what a row shows as `name`: a field, or a facet's labels */
  function shownOf(item, name) {
    var at = whole.fields.indexOf(name);
    if (at !== -1) { return item.entry[at] || ""; }
    for (var i = 0; i < whole.facets.length; i++) {
      if (whole.facets[i].key === name) {
        var table = whole.facets[i].values;
        return item.entry[whole.fields.length + i].map(function (n) { return table[n][1]; })
          .join(", ");
      }
    }
    return undefined;
  }
  function textOf(item) {
    if (item.text === null) {
      item.text = fold(whole.text.map(function (name) { return shownOf(item, name); }).join(" "));
    }
    return item.text;
  }
  function withList(then) {
    if (items) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    list.setAttribute("aria-busy", "true");
    var script = document.createElement("script");
    script.src = form.getAttribute("data-list");
    script.onload = function () {
      var data = window.handbookPracticeList;
      items = decode(data);
      try { delete window.handbookPracticeList; } catch (e) { window.handbookPracticeList = undefined; }
      list.removeAttribute("aria-busy");
      var queued = waiting;
      waiting = null;
      queued.forEach(function (f) { f(); });
    };
    script.onerror = function () {
      list.removeAttribute("aria-busy");
      waiting = null;
      status.textContent = "The list of all practices could not be loaded; " +
        "the pages below the list show them all.";
      if (pages) { pages.hidden = false; }
    };
    document.head.appendChild(script);
  }
  function rowHtml(item) {
    return rowTemplate.replace(/@@([a-z0-9_-]+)@@/g, function (mark, name) {
      var shown = shownOf(item, name);
      return escapeHtml(shown === undefined ? mark : shown);
    });
  }

  /* -- the filters' rules ----------------------------------------------------------- */
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
        if (textOf(item).indexOf(words[i]) === -1) { item.miss = "*"; return; }
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

  /* -- what the page shows ------------------------------------------------------------ */
  /* the list shows matched[0 .. upTo); the rest wait for the "more" button */
  function showUpTo(upTo) {
    var html = "";
    for (var i = listedCount; i < upTo; i++) { html += rowHtml(matched[i]) + "\n"; }
    list.insertAdjacentHTML("beforeend", html);
    listedCount = upTo;
    showMore(matched.length - listedCount);
  }
  function showMore(left) {
    more.hidden = left === 0;
    more.textContent = "Show " + number(Math.min(pageSize, left)) + " more (" +
      number(left) + " not listed yet)";
  }
  function statusText(shown) {
    var text = shown === total ? "Showing all " + number(shown) + " practices."
      : "Showing " + number(shown) + " of " + number(total) + " practices.";
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
    if (wholePdf) { wholePdf.hidden = shown !== total; }
    status.textContent = statusText(shown);
    if (write !== false) { writeUrl(s); }
  }
  /* apply(), at once or once the list is in (one apply for all the changes meanwhile) */
  var pending = null;
  function applyOnceLoaded(write) {
    if (items) { apply(write); return; }
    if (pending) { pending.write = pending.write || write !== false; return; }
    pending = { write: write !== false };
    withList(function () { var p = pending; pending = null; apply(p.write); });
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
  /* true when the URL asks for a filter */
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    textBox.value = params.get("text") || "";
    var any = textBox.value.trim() !== "";
    boxes.forEach(function (b) {
      b.checked = params.getAll(b.name).indexOf(b.value) !== -1;
      any = any || b.checked;
    });
    return any;
  }
  /* each facet's title says how many of its values are ticked (the page's own script
   * opened the facets, or on a phone those in use, before their options were drawn) */
  var folds = Array.prototype.slice.call(form.querySelectorAll("details.hb-facet"));
  function showTicked(s) {
    folds.forEach(function (d) {
      var key = d.querySelector("fieldset[data-facet]").getAttribute("data-facet");
      var n = s.sel[key].length;
      d.querySelector("[data-ticked]").textContent = n ? " \u00b7 " + n + " ticked" : "";
    });
  }
  more.addEventListener("click", function () {
    withList(function () {
      if (!matched) {   /* the page's own rows are the first of the whole list */
        matched = items;
      }
      var first = listedCount;
      showUpTo(Math.min(listedCount + pageSize, matched.length));
      status.textContent = statusText(matched.length);
      /* keyboard and screen-reader users go on reading where the new items start */
      if (first < listedCount) { list.children[first].querySelector("a").focus(); }
    });
  });
  /* the print view of what the filters and the text box leave now (the whole list when
   * nothing is filtered), read from the form at the press */
  function selection(then) {
    withList(function () {
      sortOut(state());
      var ids = [];
      items.forEach(function (item) { if (item.miss === null) { ids.push(shownOf(item, "id")); } });
      then(ids);
    });
  }
  function printSelection() {
    selection(function (ids) {
      window.location.href = printButton.getAttribute("data-print") + "#practices=" +
        ids.join(",");
    });
  }
  /* the same ids for export.js ("Download these"), which asks the form for them */
  form.handbookSelection = selection;
  form.handbookEarly = early;
  if (printButton) {
    printButton.addEventListener("click", printSelection);
    printButton.addEventListener("pointerdown", function () { early(); });
  }
  /* a press on the filters or the button, the text box taken: the reader is starting, and
   * the list loads meanwhile (the press comes some 100 ms before the tick, the box before
   * the first word) */
  function early() { withList(function () { /* nothing yet */ }); }
  form.addEventListener("pointerdown", early);
  more.addEventListener("pointerdown", early);
  textBox.addEventListener("focus", early);
  form.addEventListener("change", function () { applyOnceLoaded(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); applyOnceLoaded(); });
  textBox.addEventListener("input", function () { applyOnceLoaded(); });
  form.addEventListener("reset", function () { window.setTimeout(applyOnceLoaded, 0); });
  window.addEventListener("popstate", function () { readUrl(); applyOnceLoaded(false); });
  var filtered = readUrl();
  showTicked(state());
  showMore(total - listedCount);   /* as the page says, unless its page size was changed */
  if (filtered) { applyOnceLoaded(false); }
}());
