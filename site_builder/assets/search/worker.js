/*
 * The handbook's search worker, in place of mkdocs-material's.
 *
 * Material's page script loads search/search_index.json (search_index.js from
 * file://) and sends it here; this worker answers its messages (SETUP 0 ->
 * READY 1, QUERY 2 -> RESULT 3) in the shape its result list renders. What
 * differs: material's worker builds a lunr index in the browser on every page
 * load; this one loads the index `mkdocs build` made with lunr.py
 * (site_builder/search/build.py). Material's file only names where it is
 * (config.data): the worker fetches and parses it itself, off the page's main
 * thread, instead of the page parsing it and copying it into the worker
 * (at 5,000 practices that copy alone took half a second).
 *
 * Words become terms and queries are ranked exactly as site_builder/search/
 * text.py and query.py do for `handbook search`; tests/test_search_site.py
 * checks that both give the same terms and the same first results.
 *
 * In a worker, self is the worker scope and this file answers messages; on a
 * page opened from file:// (where browsers refuse workers), setup.js loads it
 * into the page and calls handbookSearchWorker.handle() instead, and the data
 * comes as a script (search/handbook_index.js), the one thing file:// allows.
 */
(function (scope) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var inPage = typeof document !== "undefined"
  var here = inPage ? document.currentScript.src : scope.location.href
  var base = new URL("../../../", here)   /* this file is <site>/assets/handbook/search/ */
  if (typeof scope.lunr === "undefined")
    scope.importScripts("lunr.min.js")
  var lunr = scope.lunr

  /* -- words to terms: site_builder/search/text.py ------------------------ */
  var SEPARATOR = /[\s\-]+/
  var TRIM = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu
  var POSSESSIVE = /['\u2019]s$/
  var APOSTROPHES = /['\u2019]/g
  var IZE = /^([a-z]{3,})iz(e|es|ed|ing|ation|ations|er|ers|able)$/
  var YZE = /^([a-z]{2,})yz(e|es|ed|ing|er|ers)$/
  var SHIP = /^([a-z]{4,})ships?$/
  var ACCENTS = /[\u0300-\u036f]/g
  var MIN_PREFIX = 3, PREFIX_BOOST = 0.5
  /* The facets a query filters by ("country:IT") and those shown above the results
     come with the index (config.facets, written by site_builder/search/build.py from
     the handbook's vocabularies): nothing here names one. */
  /* Material shows ten results, then more as the reader scrolls; marking the words
     in all of 3,000 results of a common word took 200 ms of the first search */
  var HIGHLIGHTED = 100

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(ACCENTS, "")
  }

  function clean(word) {
    word = word.replace(TRIM, "").replace(POSSESSIVE, "").replace(APOSTROPHES, "")
    return word.replace(IZE, "$1is$2").replace(YZE, "$1ys$2").replace(SHIP, "$1")
  }

  function words(text) {
    return fold(text).split(SEPARATOR).map(clean).filter(Boolean)
  }

  function isStopWord(word) {
    return lunr.stopWordFilter(new lunr.Token(word)) === undefined
  }

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word)).toString()
  }

  var known = new Map()

  function term(word) {
    var found = known.get(word)
    if (found === undefined) {
      var cleaned = clean(fold(word))
      found = !cleaned || isStopWord(cleaned) ? null : stem(cleaned)
      known.set(word, found)
    }
    return found
  }

  /* The search pipeline's one function, as lunr.py serialised it */
  function handbookTerm(token) {
    var value = term(token.toString())
    return value === null ? undefined : token.update(function () { return value })
  }
  lunr.Pipeline.registerFunction(handbookTerm, "handbookTerm")

  /* -- queries: site_builder/search/query.py ------------------------------ */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  function FilterSyntax(facets) {
    this.upper = {}
    var upper = this.upper
    facets.forEach(function (facet) { upper[facet.key] = facet.upper })
    this.pattern = new RegExp("^(" + facets.map(function (facet) {
      return escapeRegExp(facet.key)
    }).join("|") + "):(\\S+)$", "i")
  }

  function parse(query, syntax) {
    var found = [], filters = {}
    query.split(/\s+/).filter(Boolean).forEach(function (part) {
      var match = syntax.pattern.exec(part)
      if (match) {
        var key = match[1].toLowerCase()
        filters[key] = filters[key] || []
        match[2].split(",").filter(Boolean).forEach(function (value) {
          value = syntax.upper[key] ? value.toUpperCase() : value.toLowerCase()
          if (filters[key].indexOf(value) < 0)
            filters[key].push(value)
        })
        return
      }
      words(part).forEach(function (word) {
        if (!isStopWord(word) && found.indexOf(word) < 0)
          found.push(word)
      })
    })
    return { words: found, filters: filters }
  }

  function values(doc, key) {
    return key === "type" ? [doc.type] : doc[key] || []
  }

  function passes(doc, filters, except) {
    return Object.keys(filters).every(function (key) {
      return key === except || values(doc, key).some(function (value) {
        return filters[key].indexOf(value) >= 0
      })
    })
  }

  function round(score) {
    return Math.round(score * 1e6) / 1e6
  }

  function Search(data) {
    this.index = lunr.Index.load(data.config.index)
    this.docs = data.docs
    this.labels = data.config.labels
    this.facetList = data.config.facets
    this.syntax = new FilterSyntax(data.config.facets)
  }

  Search.prototype.ranked = function (found) {
    var stems = found.map(stem)
    var results = this.index.query(function (query) {
      found.forEach(function (word, i) {
        query.term(word, { usePipeline: true, boost: 1 })
        if (stems[i].length >= MIN_PREFIX)
          query.term(stems[i], {
            usePipeline: false, boost: PREFIX_BOOST,
            wildcard: lunr.Query.wildcard.TRAILING
          })
      })
    })
    var docs = this.docs
    return results.map(function (result) {
      var terms = Object.keys(result.matchData.metadata)
      var matched = found.filter(function (word, i) {
        return terms.indexOf(stems[i]) >= 0 || (stems[i].length >= MIN_PREFIX &&
          terms.some(function (t) { return t.indexOf(stems[i]) === 0 }))
      })
      var ref = +result.ref
      return {
        ref: ref, doc: docs[ref], matched: matched,
        score: round(result.score * matched.length / found.length)
      }
    }).sort(function (a, b) { return b.score - a.score || a.ref - b.ref })
  }

  Search.prototype.search = function (query) {
    var parsed = parse(query, this.syntax)
    var hits
    if (parsed.words.length) {
      hits = this.ranked(parsed.words)
    } else if (Object.keys(parsed.filters).length) {
      hits = this.docs.map(function (doc, ref) {
        return { ref: ref, doc: doc, matched: [], score: 0 }
      }).sort(function (a, b) {
        var x = a.doc.title.toLowerCase(), y = b.doc.title.toLowerCase()
        return x < y ? -1 : x > y ? 1 : a.doc.location < b.doc.location ? -1 : 1
      })
    } else {
      hits = []
    }
    return { parsed: parsed, all: hits, hits: hits.filter(function (hit) {
      return passes(hit.doc, parsed.filters)
    }) }
  }

  Search.prototype.label = function (key, value) {
    return (this.labels[key] || {})[value] || value
  }

  /* Per shown facet, its values among the hits that pass the other facets' filters */
  Search.prototype.facets = function (all, filters) {
    var self = this
    return this.facetList.filter(function (facet) { return facet.shown }).map(function (facet) {
      var key = facet.key
      var counts = {}
      all.forEach(function (hit) {
        if (passes(hit.doc, filters, key))
          values(hit.doc, key).forEach(function (value) {
            counts[value] = (counts[value] || 0) + 1
          })
      })
      var active = filters[key] || []
      return {
        key: key, label: facet.singular,
        values: Object.keys(counts).concat(active.filter(function (value) {
          return !(value in counts)
        })).map(function (value) {
          return {
            value: value, label: self.label(key, value), count: counts[value] || 0,
            active: active.indexOf(value) >= 0
          }
        }).sort(function (a, b) {
          return b.count - a.count || (a.label < b.label ? -1 : 1)
        })
      }
    })
  }

  /* -- results as material renders them (its templates insert HTML) ------- */
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ESCAPES[c] })
  }

  function highlight(text, stems) {
    if (!stems.length)
      return escape(text)
    var out = "", last = 0
    text.replace(/[^\s\-]+/g, function (word, at) {
      var t = term(word)
      if (t !== null && stems.some(function (s) {
        return t === s || (s.length >= MIN_PREFIX && t.indexOf(s) === 0)
      })) {
        out += escape(text.slice(last, at)) + "<mark>" + escape(word) + "</mark>"
        last = at + word.length
      }
      return word
    })
    return out + escape(text.slice(last))
  }

  Search.prototype.item = function (hit, found, marked) {
    var doc = hit.doc, stems = marked ? found.map(stem) : [], self = this
    var where = [doc.organisation, doc.region].filter(Boolean).join(", ")
    var terms = {}
    found.forEach(function (word) { terms[word] = hit.matched.indexOf(word) >= 0 })
    return {
      location: doc.location,
      title: highlight(doc.title, stems),
      text: (where ? "<p class=\"hb-search-where\">" + highlight(where, stems) + "</p>" : "") +
        "<p>" + highlight(doc.teaser, stems) + "</p>",
      tags: [].concat.apply([], this.facetList.filter(function (facet) {
        return facet.shown
      }).map(function (facet) {
        return values(doc, facet.key).map(function (v) { return self.label(facet.key, v) })
      })).map(escape),
      score: hit.score,
      terms: terms
    }
  }

  Search.prototype.result = function (query) {
    var found = this.search(query), self = this
    return {
      items: found.hits.map(function (hit, rank) {
        return [self.item(hit, found.parsed.words, rank < HIGHLIGHTED)]
      }),
      facets: found.all.length ? this.facets(found.all, found.parsed.filters) : [],
      query: query
    }
  }

  /* -- the message protocol ------------------------------------------------ */
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = src
      script.onload = function () { resolve(scope.__handbookIndex) }
      script.onerror = function () { reject(new Error("cannot load " + src)) }
      document.head.appendChild(script)
    })
  }

  function loadData(data) {
    if (data.config.index)                        /* the whole payload already */
      return Promise.resolve(data)
    var name = new URL(data.config.data, base).href
    if (inPage)
      return loadScript(name + ".js")
    return fetch(name + ".json").then(function (response) {
      if (!response.ok)
        throw new Error(name + ".json: " + response.status)
      return response.json()
    })
  }

  var search

  function handle(message) {
    switch (message.type) {
      case SETUP:
        return loadData(message.data).then(function (data) {
          search = new Search(data)
          return { type: READY }
        })
      case QUERY:
        return { type: RESULT, data: search.result(message.data) }
      default:
        throw new TypeError("Invalid message type")
    }
  }

  var api = { handle: handle, parse: parse, words: words, term: term, Search: Search }
  if (typeof WorkerGlobalScope !== "undefined" && scope instanceof WorkerGlobalScope) {
    var queue = Promise.resolve()
    scope.addEventListener("message", function (ev) {
      queue = queue.then(function () { return handle(ev.data) }).then(function (reply) {
        scope.postMessage(reply)
      })
    })
  } else {
    scope.handbookSearchWorker = api
  }
})(self)
