/*
 * Runs just before mkdocs-material's page script (site_builder/theme/main.html).
 *
 * 1. Material reads the URL of its search worker from the page's #__config and
 *    lets a site provide its own there: point it at the handbook's worker.js,
 *    which loads the index built at build time instead of building one.
 * 2. From file:// browsers refuse to start a worker from a file, and material's
 *    offline plugin would fetch a shim (iframe-worker) from a CDN. Instead,
 *    worker.js and lunr are loaded into the page from the site's own folder
 *    and answer the same messages: nothing comes from another host.
 * 3. The worker is kept in window.handbookSearch so facets.js can read the
 *    facet counts that come with each result.
 */
(function () {
  "use strict"

  var here = document.currentScript.src
  var workerUrl = new URL("worker.js", here).href
  var config = document.getElementById("__config")
  if (config) {
    var data = JSON.parse(config.textContent)
    data.search = workerUrl
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

  /* The worker's messages, answered in the page, one after the other */
  function PageWorker() {
    var target = new EventTarget()
    var queue = load(new URL("lunr.min.js", here).href).then(function () {
      return load(workerUrl)
    })
    target.postMessage = function (data) {
      queue = queue.then(function () {
        return new Promise(function (resolve) { setTimeout(resolve, 0) })
      }).then(function () {
        return window.handbookSearchWorker.handle(data)
      }).then(function (reply) {
        target.dispatchEvent(new MessageEvent("message", { data: reply }))
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
    return worker
  }
  Worker.prototype = Native.prototype
  window.Worker = Worker
})()
