/*
 * The handbook's search worker, in place of mkdocs-material's.
 *
 * Material's page script loads search/search_index.json (search_index.js from
 * file://) and sends it here; this worker answers its messages (SETUP 0 ->
 * READY 1, QUERY 2 -> RESULT 3) in the shape its result list renders. What
 * differs: material's worker builds a lunr index in the browser on every page
 * load; this one reads the index `mkdocs build` made (site_builder/search/
 * shards.py), and only the part of it a query needs: material's file only names
 * its folder (config.data). Nothing is read before the reader's first query; then
 * meta.js (as soon as the reader is in the search box), the term shards holding
 * the query's words, and the blocks of the results shown. Each file is a script
 * calling handbookSearch(data): a page (from file://) loads it with a script element,
 * a worker fetches it and reads the data.
 *
 * Words become terms and queries are ranked exactly as site_builder/search/
 * text.py and query.py do for `handbook search`; tests/test_search_site.py
 * checks that both give the same terms and the same results, scores included.
 *
 * In a worker, self is the worker scope and this file answers messages; on a
 * page opened from file:// (where browsers refuse workers), setup.js loads it
 * into the page and calls handbookSearchWorker.handle() instead.
 */
(function (scope) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var OPEN = "handbook-open"  /* setup.js: the reader started a search; load meta.js */
  var inPage = typeof document !== "undefined"
  var here = inPage ? document.currentScript.src : scope.location.href
  var base = new URL("../../../", here)   /* this file is <site>/assets/handbook/search/ */
  if (typeof scope.lunr === "undefined")  /* code, not data: lunr's stemmer */
    scope.importScripts("lunr.min.js")    /* (in a page, setup.js loads it first) */
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
  /* The best results are listed first, then ten more each time the reader asks (the
     facet panel's button, facets.js): each listed result costs the block of what it
     shows, and the first five cost no more than five small files. */
  var FIRST = 5
  var MAX_PREFIX_SHARDS = 3  /* shards.py: a prefix expands over at most this many */

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

  /* -- the index's files: site_builder/search/shards.py -------------------- */
  function Files(folder) {
    this.folder = folder
    this.loaded = {}
  }

  /* The named files (loaded once each), in one go: fetched in a worker, script elements
     in a page (from file://, the one way to read a file); each is a script calling
     handbookSearch(data) */
  Files.prototype.get = function (names) {
    var self = this
    var missing = names.filter(function (name, i) {
      return !(name in self.loaded) && names.indexOf(name) === i
    })
    var urls = missing.map(function (name) { return new URL(name, self.folder).href })
    var loading
    if (!missing.length) {
      loading = Promise.resolve()
    } else if (inPage) {
      loading = Promise.all(urls.map(function (url, i) {
        return loadScript(url).then(function (data) { self.loaded[missing[i]] = data })
      }))
    } else {
      /* over http, fetched side by side (importScripts fetches one after the other) */
      loading = Promise.all(urls.map(function (url, i) {
        return fetch(url).then(function (response) {
          if (!response.ok) throw new Error(url + ": " + response.status)
          return response.text()
        }).then(function (text) {
          self.loaded[missing[i]] = JSON.parse(text.slice(CALL.length, -2))
        })
      }))
    }
    return loading.then(function () {
      return names.map(function (name) { return self.loaded[name] })
    })
  }

  var CALL = "handbookSearch("            /* each file: CALL + JSON + ")\n" (shards.py) */
  var waiting = {}                      /* in a page: script URL -> its resolve */
  scope.handbookSearch = function (data) {
    waiting[document.currentScript.src](data)
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      waiting[script.src = src] = resolve
      script.onerror = function () { reject(new Error("cannot load " + src)) }
      document.head.appendChild(script)
    })
  }

  /* varints in base64 (shards.py's encode_postings) -> [documents, weights] */
  function postings(encoded) {
    var bytes = atob(encoded), docs = [], weights = []
    var n = 0, shift = 0, doc = -1, second = false
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes.charCodeAt(i)
      n += (byte & 0x7f) * Math.pow(2, shift)
      if (byte & 0x80) {
        shift += 7
        continue
      }
      if (second)
        weights.push(n)
      else
        docs.push(doc += n)
      second = !second
      n = 0
      shift = 0
    }
    return [docs, weights]
  }

  /* A facet's column (shards.py's Column) */
  function Column(column) {
    var bytes = atob(column.data)
    this.values = column.values
    this.single = column.single
    this.width = (column.values.length + 7) >> 3
    this.data = new Uint8Array(bytes.length)
    for (var i = 0; i < bytes.length; i++)
      this.data[i] = bytes.charCodeAt(i)
  }

  Column.prototype.at = function (ref) {
    if (this.single) {
      var code = this.data[ref]
      return code ? [this.values[code - 1]] : []
    }
    var found = []
    for (var i = 0; i < this.values.length; i++)
      if (this.data[ref * this.width + (i >> 3)] & (1 << (i & 7)))
        found.push(this.values[i])
    return found
  }

  /* Python's bisect.bisect_right(list, value) - 1 */
  function placeOf(list, value) {
    var lo = 0, hi = list.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (value < list[mid]) hi = mid
      else lo = mid + 1
    }
    return lo - 1
  }

  /* Python's bisect.bisect_left(list, value) */
  function lowerBound(list, value) {
    var lo = 0, hi = list.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (list[mid] < value) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  function startsWith(text, prefix) {
    return text.slice(0, prefix.length) === prefix
  }

  /* Python's round to six decimals as query.js_round does it: Math.round */
  function round(score) {
    return Math.round(score * 1e6) / 1e6
  }

  /* -- queries: site_builder/search/query.py (Searcher) -------------------- */
  function Search(files, meta) {
    this.files = files
    this.meta = meta
    this.labels = meta.labels
    this.facetList = meta.facets
    this.syntax = new FilterSyntax(meta.facets)
    this.columns = {}
    var columns = this.columns
    Object.keys(meta.columns).forEach(function (key) {
      columns[key] = new Column(meta.columns[key])
    })
  }

  Search.prototype.shardName = function (n) { return "t" + n + ".js" }

  /* The shards a word's clauses read: its term's, and those its stem's prefix spans */
  Search.prototype.shardsFor = function (term, stem) {
    var firsts = this.meta.shards, numbers = []
    if (term !== null) {
      var n = placeOf(firsts, term)
      if (n >= 0) numbers.push(n)
    }
    if (stem.length >= MIN_PREFIX) {
      var first = Math.max(placeOf(firsts, stem), 0)
      for (var k = first; k < Math.min(first + MAX_PREFIX_SHARDS, firsts.length); k++) {
        if (k > first && !startsWith(firsts[k], stem)) break
        numbers.push(k)
      }
    }
    return numbers.map(this.shardName)
  }

  Search.prototype.exact = function (term) {
    var n = placeOf(this.meta.shards, term), found = []
    if (n < 0) return found
    var shard = this.files.loaded[this.shardName(n)]
    var at = placeOf(shard.terms, term)
    if (at >= 0 && shard.terms[at] === term)
      found.push([term, shard.postings[at]])
    return found
  }

  Search.prototype.prefixed = function (prefix) {
    var firsts = this.meta.shards, found = []
    var first = Math.max(placeOf(firsts, prefix), 0)
    for (var n = first; n < Math.min(first + MAX_PREFIX_SHARDS, firsts.length); n++) {
      if (n > first && !startsWith(firsts[n], prefix)) break
      var shard = this.files.loaded[this.shardName(n)]
      for (var at = lowerBound(shard.terms, prefix); at < shard.terms.length; at++) {
        if (!startsWith(shard.terms[at], prefix)) break
        found.push([shard.terms[at], shard.postings[at]])
      }
    }
    return found
  }

  Search.prototype.ranked = function (words) {
    var self = this
    var stems = words.map(stem), exactTerms = words.map(term)
    var names = []
    words.forEach(function (word, i) {
      names = names.concat(self.shardsFor(exactTerms[i], stems[i]))
    })
    return this.files.get(names).then(function () {
      var boosts = {}, found = {}
      words.forEach(function (word, i) {
        var clauses = [[exactTerms[i] !== null ? self.exact(exactTerms[i]) : [], 1]]
        if (stems[i].length >= MIN_PREFIX)
          clauses.push([self.prefixed(stems[i]), PREFIX_BOOST])
        clauses.forEach(function (clause) {
          clause[0].forEach(function (pair) {
            boosts[pair[0]] = (boosts[pair[0]] || 0) + clause[1]
            found[pair[0]] = pair[1]
          })
        })
      })
      var terms = Object.keys(boosts).sort()
      if (!terms.length) return []
      var sum = 0
      terms.forEach(function (t) { sum += boosts[t] * boosts[t] })
      var length = Math.sqrt(sum)
      var perField = self.meta.fields.map(function () { return new Map() })
      var matched = new Map()
      terms.forEach(function (t) {
        var boost = boosts[t], bits = 0
        stems.forEach(function (s, i) {
          if (t === s || (s.length >= MIN_PREFIX && startsWith(t, s))) bits |= 1 << i
        })
        found[t].forEach(function (encoded, f) {
          if (!encoded) return
          var pairs = postings(encoded), docs = pairs[0], weights = pairs[1]
          var scores = perField[f]
          for (var k = 0; k < docs.length; k++) {
            var doc = docs[k]
            scores.set(doc, (scores.get(doc) || 0) + boost * (weights[k] / 1000))
            matched.set(doc, (matched.get(doc) || 0) | bits)
          }
        })
      })
      var hits = []
      matched.forEach(function (bits, doc) {
        var score = 0
        perField.forEach(function (scores) {
          if (scores.has(doc)) score += scores.get(doc) / length
        })
        var has = words.filter(function (w, i) { return bits & (1 << i) })
        hits.push({ ref: doc, score: round(score * has.length / words.length), matched: has })
      })
      return hits.sort(function (a, b) { return b.score - a.score || a.ref - b.ref })
    })
  }

  /* The columns of the facets `keys` (those not shown come from their own files) */
  Search.prototype.needColumns = function (keys) {
    var self = this
    var missing = keys.filter(function (key) {
      return !(key in self.columns) && self.facetList.some(function (f) { return f.key === key })
    })
    return this.files.get(missing.map(function (key) { return "f-" + key + ".js" }))
      .then(function (loaded) {
        loaded.forEach(function (data, i) { self.columns[missing[i]] = new Column(data.column) })
      })
  }

  Search.prototype.values = function (ref, key) {
    return this.columns[key] ? this.columns[key].at(ref) : []
  }

  Search.prototype.passes = function (ref, filters, except) {
    var self = this
    return Object.keys(filters).every(function (key) {
      return key === except || self.values(ref, key).some(function (value) {
        return filters[key].indexOf(value) >= 0
      })
    })
  }

  /* Every hit (`all`, before the filters) and those that pass them (`hits`) */
  Search.prototype.search = function (query) {
    var self = this, parsed = parse(query, this.syntax)
    var ranking
    if (parsed.words.length) {
      ranking = this.ranked(parsed.words)
    } else if (Object.keys(parsed.filters).length) {
      var every = []                      /* documents are numbered in title order */
      for (var ref = 0; ref < this.meta.documents; ref++)
        every.push({ ref: ref, score: 0, matched: [] })
      ranking = Promise.resolve(every)
    } else {
      ranking = Promise.resolve([])
    }
    return Promise.all([ranking, this.needColumns(Object.keys(parsed.filters))])
      .then(function (done) {
        var all = done[0]
        return { parsed: parsed, all: all, hits: all.filter(function (hit) {
          return self.passes(hit.ref, parsed.filters)
        }) }
      })
  }

  /* What the first `count` hits show (their blocks loaded) */
  Search.prototype.docs = function (hits) {
    var block = this.meta.block
    var names = hits.map(function (hit) { return "d" + Math.floor(hit.ref / block) + ".js" })
    return this.files.get(names).then(function (blocks) {
      return hits.map(function (hit, i) { return blocks[i].docs[hit.ref % block] })
    })
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
        if (self.passes(hit.ref, filters, key))
          self.values(hit.ref, key).forEach(function (value) {
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

  Search.prototype.item = function (hit, doc, found) {
    var stems = found.map(stem), self = this
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
        return (facet.key === "type" ? [doc.type] : doc[facet.key] || []).map(function (v) {
          return self.label(facet.key, v)
        })
      })).map(escape),
      score: hit.score,
      terms: terms
    }
  }

  /* The RESULT material renders: the first `count` hits, and for facets.js the facet
     counts and how many hits there are in all */
  Search.prototype.result = function (query, count) {
    var self = this
    return this.search(query).then(function (found) {
      var listed = found.hits.slice(0, count || FIRST)
      return self.docs(listed).then(function (docs) {
        return {
          items: listed.map(function (hit, i) {
            return [self.item(hit, docs[i], found.parsed.words)]
          }),
          facets: found.all.length ? self.facets(found.all, found.parsed.filters) : [],
          total: found.hits.length,
          query: query
        }
      })
    })
  }

  /* -- the message protocol ------------------------------------------------ */
  var search, folder

  /* The index is opened with the first query, not when the page loads */
  function open() {
    if (!search) {
      var files = new Files(folder)
      search = files.get(["meta.js"]).then(function (loaded) {
        return new Search(files, loaded[0])
      })
    }
    return search
  }

  function nothing(query) {
    return { items: [], facets: [], total: 0, query: query }
  }

  function handle(message) {
    switch (message.type) {
      case OPEN:                            /* the reader is in the search box */
        return folder ? open().then(function () { return null }) : Promise.resolve(null)
      case SETUP:
        folder = new URL(message.data.config.data.replace(/\/?$/, "/"), base)
        return Promise.resolve({ type: READY })
      case QUERY:
        if (!message.data.trim())           /* material asks at once, before any typing */
          return Promise.resolve({ type: RESULT, data: nothing(message.data) })
        return open().then(function (engine) {
          return engine.result(message.data, message.count)
        }).then(function (data) {
          return { type: RESULT, data: data }
        })
      default:
        throw new TypeError("Invalid message type")
    }
  }

  var api = { handle: handle, parse: parse, words: words, term: term, open: open }
  if (typeof WorkerGlobalScope !== "undefined" && scope instanceof WorkerGlobalScope) {
    var queue = Promise.resolve()
    scope.addEventListener("message", function (ev) {
      queue = queue.then(function () { return handle(ev.data) }).then(function (reply) {
        if (reply) scope.postMessage(reply)
      })
    })
  } else {
    scope.handbookSearchWorker = api
  }
})(self)
