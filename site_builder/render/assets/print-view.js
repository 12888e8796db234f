/* The print view of a selection (print_view.html, made by site_builder/render/print_selection.py).
 *
 * Its address names the practices, in the list's order: #practices=<id>,<id>,...
 * Each id that matches the schema's pattern (data-id-pattern) is loaded as one small
 * script, print/<id>.js, a few at a time, which works from file:// as over http; the
 * script calls handbookPrint({id, title, html}). Once every one is in, the view lists the
 * titles, puts in each practice's HTML (written and sanitised by the build; nothing of the
 * address is ever inserted as HTML), marks itself data-ready and opens the print dialog.
 * An id that has no fragment is named in the status line, as text. */
(function () {
  "use strict";
  var root = document.getElementById("hb-print");
  if (!root) { return; }
  var AT_ONCE = 6;   /* scripts loading at the same time: a browser's connections per host */
  var MAX_ID = 80;   /* the schema's maxLength */
  var pattern = new RegExp(root.getAttribute("data-id-pattern"));
  var fragmentOf = root.getAttribute("data-fragment");
  var total = parseInt(root.getAttribute("data-total"), 10);
  var status = document.getElementById("hb-print-status");
  var contents = document.getElementById("hb-print-contents");
  var titles = document.getElementById("hb-print-list");
  var practices = document.getElementById("hb-print-practices");
  var whole = document.getElementById("hb-print-whole");
  var back = document.getElementById("hb-print-back");

  /* the ids the address asks for, in order, once each; and how many were not ids */
  function requested() {
    var value = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("practices");
    var ids = [], seen = Object.create(null), refused = 0;
    (value || "").split(",").forEach(function (id) {
      if (id === "") { return; }
      if (id.length > MAX_ID || !pattern.test(id)) { refused++; return; }
      if (!seen[id]) { seen[id] = true; ids.push(id); }
    });
    return { ids: ids, refused: refused };
  }

  var wanted = Object.create(null);   /* id -> true while its fragment is awaited */
  var got = Object.create(null);      /* id -> {title, html} from its fragment */
  window[root.getAttribute("data-global")] = function (data) {
    if (data && typeof data.id === "string" && wanted[data.id] === true &&
        typeof data.title === "string" && typeof data.html === "string") {
      got[data.id] = { title: data.title, html: data.html };
    }
  };

  /* every fragment of `ids`, AT_ONCE at a time; then done() */
  function loadAll(ids, done) {
    var next = 0, running = 0;
    function start() {
      while (running < AT_ONCE && next < ids.length) {
        load(ids[next++]);
      }
      if (running === 0 && next >= ids.length) { done(); }
    }
    function load(id) {
      running++;
      wanted[id] = true;
      var script = document.createElement("script");
      script.src = fragmentOf.replace("@@id@@", id);
      script.onload = script.onerror = function () {
        wanted[id] = false;
        script.parentNode.removeChild(script);
        running--;
        start();
      };
      document.head.appendChild(script);
    }
    start();
  }

  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }

  function show(ids, refused) {
    var found = ids.filter(function (id) { return got[id]; });
    var html = "";
    titles.textContent = "";
    found.forEach(function (id) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#p-" + id;
      link.textContent = got[id].title;
      item.appendChild(link);
      titles.appendChild(item);
      html += got[id].html + "\n";
    });
    practices.insertAdjacentHTML("beforeend", html);   /* the build's sanitised HTML */
    contents.hidden = found.length === 0;
    var missing = ids.filter(function (id) { return !got[id]; });
    var text = found.length ? plural(found.length, "practice", "practices") + " to print."
      : "No practices to print: choose them on All practices or a view, " +
        "then press \u201cPrint or save as PDF\u201d.";
    if (missing.length) {
      text += " Not found: " + missing.join(", ") + ".";   /* ids only, and as text */
    }
    if (refused) {
      text += " " + plural(refused, "name in the address is", "names in the address are") +
        " not a practice's.";
    }
    status.textContent = text;
    if (whole) { whole.hidden = !(found.length === total && total > 0); }
    root.setAttribute("data-ready", String(found.length));
    if (found.length) { window.print(); }
  }

  document.getElementById("hb-print-button").addEventListener("click", function () {
    window.print();
  });
  /* back where the reader came from, filters and all, when that is where they came from */
  back.addEventListener("click", function (event) {
    if (window.history.length > 1 && document.referrer) {
      event.preventDefault();
      window.history.back();
    }
  });
  var asked = requested();
  loadAll(asked.ids, function () { show(asked.ids, asked.refused); });
}());
