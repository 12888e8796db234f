/*
 * Narrow search results by the facets the index names as shown (config.facets:
 * type, country and ecosystem in the real handbook).
 *
 * Each result the worker sends carries, besides material's list, how many of
 * the results have each value of those facets. They are shown above the
 * list as links; following one adds "country:IT" (or removes it) to the query
 * in the search box, which material then sends to the worker again. The
 * filters stay visible and editable in the query, and the links also work as
 * plain links (?q=…), which material opens with the query filled in.
 */
(function () {
  "use strict"

  var search = window.handbookSearch
  var input = document.querySelector("[data-md-component=search-query]")
  var result = document.querySelector("[data-md-component=search-result]")
  if (!search || !input || !result)
    return

  var panel = document.createElement("div")
  panel.className = "hb-search-facets"
  panel.setAttribute("role", "group")
  panel.setAttribute("aria-label", "Narrow the results")
  panel.hidden = true
  result.insertBefore(panel, result.lastElementChild)

  var footer = document.createElement("p")
  footer.className = "hb-search-more"
  footer.hidden = true
  var count = document.createElement("span")
  var more = document.createElement("button")
  more.type = "button"
  more.className = "md-button"
  footer.append(count, " ", more)
  result.append(footer)
  var listed = 0, focusFrom = -1

  function withFilter(query, key, value, on) {
    var pattern = new RegExp("^" + key + ":(\\S+)$", "i")
    var chosen = []
    var rest = query.split(/\s+/).filter(function (part) {
      var match = pattern.exec(part)
      if (match)
        chosen = chosen.concat(match[1].split(",").filter(Boolean))
      return part && !match
    })
    chosen = chosen.filter(function (v) { return v.toLowerCase() !== value.toLowerCase() })
    if (on)
      chosen.push(value)
    if (chosen.length)
      rest.push(key + ":" + chosen.join(","))
    return rest.join(" ")
  }

  function link(query, text, count, active, facetLabel) {
    var a = document.createElement("a")
    var url = new URL(location.href)
    url.searchParams.set("q", query)
    a.href = url.href
    a.className = "hb-facet" + (active ? " hb-facet--active" : "")
    a.dataset.query = query
    a.textContent = text
    if (active) {
      a.setAttribute("aria-current", "true")
      a.setAttribute("aria-label", "Remove filter " + facetLabel + ": " + text)
    } else {
      var number = document.createElement("span")
      number.className = "hb-facet__count"
      number.textContent = count
      a.append(" ", number)
      a.setAttribute("aria-label", facetLabel + ": " + text + ", " + count +
                     (count === 1 ? " result" : " results"))
    }
    return a
  }

  function render(data) {
    panel.textContent = ""
    var groups = (data.facets || []).filter(function (group) { return group.values.length })
    panel.hidden = !groups.length
    groups.forEach(function (group) {
      var row = document.createElement("div")
      row.className = "hb-search-facets__group"
      var name = document.createElement("span")
      name.className = "hb-search-facets__name"
      name.textContent = group.label
      row.append(name)
      group.values.forEach(function (option) {
        var query = withFilter(data.query, group.key, option.value, !option.active)
        row.append(link(query, option.label, option.count, option.active, group.label))
      })
      panel.append(row)
    })
  }

  function number(n) { return n.toLocaleString("en") }

  function showCount(data) {
    listed = data.items.length
    var left = data.total - listed
    footer.hidden = !data.total
    count.textContent = left > 0
      ? "The best " + number(listed) + " of " + number(data.total) + " results are listed."
      : ""
    more.hidden = left <= 0
    more.textContent = "Show " + number(Math.min(10, left)) + " more"
    if (focusFrom >= 0) {                 /* keyboard users read on where the new ones start */
      var from = focusFrom
      focusFrom = -1
      setTimeout(function () {
        var links = result.querySelectorAll(".md-search-result__list > li > a")
        if (links[from]) links[from].focus()
      }, 50)
    }
  }

  search.worker.addEventListener("message", function (ev) {
    if (ev.data && ev.data.type === 3 && ev.data.data.query === input.value) {
      render(ev.data.data)
      showCount(ev.data.data)
    }
  })

  more.addEventListener("click", function (ev) {
    ev.stopPropagation()
    focusFrom = listed
    search.worker.postMessage({ type: 2, data: input.value, count: listed + 10 })
  })

  panel.addEventListener("click", function (ev) {
    var a = ev.target.closest("a.hb-facet")
    if (!a)
      return
    ev.preventDefault()
    ev.stopPropagation()          /* material closes the search on any link click */
    input.value = a.dataset.query
    input.focus()
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  })
})()
