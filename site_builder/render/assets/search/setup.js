/*
 * Runs just before mkdocs-material's page script (site_builder/adapter/theme/main.html).
 *
 * 1. Material reads the URL of its search worker from the page's #__config and
 *    lets a site provide its own there: point it at the handbook's worker.js,
 *    which loads the index built at build time instead of building one.
 * 2. From file:// browsers refuse to start a worker from a file, and material's
 *    offline plugin would fetch a shim (iframe-worker) from a CDN. Instead,
 *    worker.js and lunr are loaded into the page from the site's own folder
 *    and answer the same messages: nothing comes from another host.
 * 3. The worker is kept in window.handbookSearch so facets.js can read the
 *    facet counts that come with each result, and ask for more results.
 * 4. Nothing of the search's data is loaded before the reader starts a search: the
 *    worker (its code and lunr's stemmer, 50 kB) opens the index when the reader
 *    goes to the search box, and reads only the files each query needs (worker.js).
 * 5. The worker lists the best results first, not all (worker.js): material's line
 *    above the list says how many are listed, facets.js how many there are.
 */
(function () {
  "use strict"

  var OPEN = "handbook-open"  /* worker.js: load the index's meta.js */
  var here = document.currentScript.src
  var workerUrl = new URL("worker.js", here).href
  var config = document.getElementById("__config")
  if (config) {
    var data = JSON.parse(config.textContent)
    data.search = workerUrl
    /* material resolves its base against the page's address: the 404 page, shown at any
       address, resolves it against its <base> (theme/main.html) */
    data.base = new URL(data.base, document.baseURI).href
    data.translations = data.translations || {}
    data.translations["search.result.one"] = "1 result listed"
    data.translations["search.result.other"] = "# results listed"
    config.textContent = JSON.stringify(data)
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = src
      script.onload = resolve
      script.onerror = function () { reject(new Error("cannot load " + src)) }
      document.head.appendChild(script)
    })
  }

  /* The worker's messages, answered in the page, one after the other (its code, not
     its data, loaded with the page: worker.js reads the index when asked) */
  function PageWorker() {
    var target = new EventTarget()
    var queue = load(new URL("lunr.min.js", here).href).then(function () {
      return load(workerUrl)
    })
    target.postMessage = function (data) {
      queue = queue.then(function () {
        return window.handbookSearchWorker.handle(data)
      }).then(function (reply) {
        if (reply) target.dispatchEvent(new MessageEvent("message", { data: reply }))
      })
    }
    target.terminate = function () {}
    return target
  }

  var Native = window.Worker
  function Worker(url, options) {
    if (new URL(url, location.href).href !== workerUrl)
      return new Native(url, options)
    var worker = location.protocol === "file:" ? PageWorker() : new Native(url, options)
    window.handbookSearch = { worker: worker }
    /* The reader starts a search by going to the box: the worker opens the index then
       (meta.js), not when the page loads, and the first query finds it open */
    document.addEventListener("focusin", function opened(ev) {
      if (ev.target.matches && ev.target.matches("input.md-search__input")) {
        document.removeEventListener("focusin", opened)
        worker.postMessage({ type: OPEN })
      }
    })
    return worker
  }
  Worker.prototype = Native.prototype
  window.Worker = Worker
})()
