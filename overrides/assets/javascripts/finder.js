/* Finders on the measures, practices and courses pages.
 *
 * The page itself lists every entry (it works without JavaScript). With
 * JavaScript, a form appears; its choices filter the JSON index written at
 * build time (hooks/catalogue/finder.py) and live in the URL query, so a link
 * can be shared and Back works. Results are built from DOM nodes and text:
 * editors' titles are never inserted as markup.
 */
(function () {
  "use strict"
  var S = window.catalogueStatus
  var PAGE = 50
  var D = window.catalogueDom, el = D.el, count = D.count, has = D.has   /* dom.js */

  /* --- measures ------------------------------------------------------------ */
  function measureState(item, today) {
    if (item.rl) return { code: "rolling", label: "Приём постоянно", key: [2, ""] }
    /* municipalities file no application: never «open» (schedule.py, ALLOCATED_LABEL) */
    if (item.na) return { code: "allocated", label: "Заявок от муниципалитетов нет", key: [5, ""] }
    var dated = item.w ? S.status(item.w, today) : null
    if (item.mo && !(dated && dated.code !== "closed")) {
      var month = +today.slice(5, 7), next = month % 12 + 1
      var soon = has(item.mo, month) || has(item.mo, next)
      return { code: "annual", label: "Ежегодно, обычно: " + item.monthsLabel, soon: soon,
               key: [3, ""] }
    }
    var s = dated
    if (!s) return { code: "unknown", label: "Сроки не указаны", key: [6, ""] }
    var order = { open: 0, upcoming: 1, closed: 4 }[s.code]
    var key = s.code === "closed" ? [4, String(99999999 - +s.date.replace(/-/g, ""))] : [order, s.date]
    s.key = key
    if (s.code === "open") s.soon = S.daysBetween(today, s.date) <= 30
    if (s.code === "upcoming") s.soon = S.daysBetween(today, s.date) <= 60
    return s
  }

  function monthsLabel(months) { return months.map(S.monthName).join(", ") }

  var TYPES = {
    measure: {
      forms: ["мера", "меры", "мер"],
      fields: ["region", "mtype", "topic", "kind", "when", "pop"],
      prepare: function (item) { if (item.mo) item.monthsLabel = monthsLabel(item.mo) },
      match: function (item, q, today) {
        if (q.region && item.r !== "all" && !has(item.r, q.region)) return false
        if (q.mtype && !has(item.m, q.mtype)) return false
        if (q.topic && !has(item.tp, q.topic)) return false
        if (q.kind && item.k !== q.kind) return false
        /* eligibility by size: recipients.population_min / _max (finder.py: pn, px) */
        var pop = q.pop ? +String(q.pop).replace(/[\s\u00a0\u202f]/g, "") : 0
        if (pop > 0 && ((item.pn && pop < item.pn) || (item.px && pop > item.px))) return false
        var st = item.state = measureState(item, today)
        if (q.when === "now") return st.code === "open" || st.code === "rolling"
        if (q.when === "soon") return (st.code === "open" && st.soon) || st.code === "upcoming" ||
          (st.code === "annual" && st.soon)
        return true
      },
      sort: function (a, b) {
        var x = a.state.key, y = b.state.key
        return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) ||
          a.t.localeCompare(b.t, "ru")
      },
      render: function (item) {
        var li = el("li", "cat-item")
        var a = el("a", null, item.t); a.href = base + item.u
        li.appendChild(a)
        li.appendChild(document.createTextNode(" "))
        li.appendChild(el("span", "cat-status cat-status--" + item.state.code, item.state.label))
        var facts = [item.p, item.a].filter(Boolean).join(" · ")
        if (facts) li.appendChild(el("p", "cat-item__summary", facts))
        return li
      }
    },
    practice: {
      forms: ["практика", "практики", "практик"],
      fields: ["region", "district", "topic", "mtype", "band", "year"],
      match: function (item, q) {
        if (q.region && item.r !== q.region) return false
        if (q.district && item.d !== q.district) return false
        if (q.topic && !has(item.tp, q.topic)) return false
        if (q.mtype && item.m !== q.mtype) return false
        if (q.band !== "" && q.band !== undefined && String(item.pb) !== q.band) return false
        if (q.year) {
          var y = +q.year, end = item.y1 || 9999
          if (!(item.y0 <= y && y <= end)) return false
        }
        return true
      },
      sort: function (a, b) { return (b.y1 || b.y0 || 0) - (a.y1 || a.y0 || 0) || a.t.localeCompare(b.t, "ru") },
      render: function (item) {
        var li = el("li", "cat-item")
        var a = el("a", null, item.t); a.href = base + item.u
        li.appendChild(a)
        var years = item.y0 + (item.y1 && item.y1 !== item.y0 ? "–" + item.y1 : "")
        li.appendChild(el("p", "cat-item__summary", [item.mu, years].filter(Boolean).join(" · ")))
        return li
      }
    },
    problem: {
      forms: ["проблема", "проблемы", "проблем"],
      fields: ["region", "district", "topic", "status"],
      match: function (item, q) {
        if (q.region && !has(item.r, q.region)) return false
        if (q.district && !has(item.d, q.district)) return false
        if (q.topic && !has(item.tp, q.topic)) return false
        if (q.status && item.s !== q.status) return false
        return true
      },
      sort: function (a, b) { return (b.n || 0) - (a.n || 0) || a.t.localeCompare(b.t, "ru") },
      render: function (item) {
        var li = el("li", "cat-item")
        var a = el("a", null, item.t); a.href = base + item.u
        li.appendChild(a)
        li.appendChild(el("p", "cat-item__summary", item.sl + " · обращений: " + item.n))
        return li
      }
    },
    course: {
      forms: ["курс", "курса", "курсов"],
      fields: ["topic", "format", "free", "soon"],
      match: function (item, q, today) {
        if (q.topic && !has(item.tp, q.topic)) return false
        if (q.format && item.f !== q.format) return false
        if (q.free === "1" && !item.free) return false
        if (q.soon === "1") {
          var day = item.e || item.s
          if (!day || day < today || S.daysBetween(today, item.s) > 60) return false
        }
        return true
      },
      sort: function (a, b) {
        var x = a.s || (a.od ? "9998" : "9999"), y = b.s || (b.od ? "9998" : "9999")
        return x < y ? -1 : x > y ? 1 : a.t.localeCompare(b.t, "ru")
      },
      render: function (item) {
        var li = el("li", "cat-item")
        var a = el("a", null, item.t); a.href = base + item.u
        li.appendChild(a)
        li.appendChild(el("p", "cat-item__summary",
          [item.p, item.free ? "бесплатно" : "", item.st].filter(Boolean).join(" · ")))
        return li
      }
    }
  }

  var base = ""

  /* --- iCalendar in the browser: the current results' windows (ics.js) --------- */
  function calendar(items) {
    var events = []
    items.forEach(function (item) {
      (item.w || []).forEach(function (w) {
        events.push({ uid: item.id + "-" + w[0] + "@municipal-catalogue", opens: w[0],
                      closes: w[1], summary: "Приём заявок: " + item.t,
                      url: new URL(base + item.u, location.href).href })
      })
    })
    return window.catalogueIcs.calendar(events, "Подобранные меры поддержки", "Finder")
  }

  /* --- the form ------------------------------------------------------------------ */
  function setup(form) {
    var kind = form.getAttribute("data-finder"), type = TYPES[kind]
    var results = document.querySelector("[data-finder-results=" + kind + "]")
    var fallback = document.querySelector("[data-finder-static=" + kind + "]")
    var status = form.querySelector("[data-finder-count]")
    var more = document.querySelector("[data-finder-more=" + kind + "]")
    var icsButton = form.querySelector("[data-finder-ics]")
    var items = [], shown = PAGE, matched = []
    base = form.getAttribute("data-base") || ""

    function read() {
      var q = {}
      type.fields.forEach(function (name) {
        var field = form.elements[name]
        if (!field) return
        if (field.type === "checkbox") q[name] = field.checked ? "1" : ""
        else q[name] = field.value
      })
      return q
    }
    function write(q) {
      type.fields.forEach(function (name) {
        var field = form.elements[name]
        if (!field) return
        var value = q[name] || ""
        if (field.type === "checkbox") field.checked = value === "1"
        else if (field.length !== undefined && field.tagName !== "SELECT") {
          for (var i = 0; i < field.length; i++) field[i].checked = field[i].value === (value || field[0].value)
        } else field.value = value
      })
    }
    function fromUrl() {
      var params = new URLSearchParams(location.search), q = {}
      type.fields.forEach(function (name) { q[name] = params.get(name) || "" })
      return q
    }
    function toUrl(q, push) {
      var params = new URLSearchParams()
      type.fields.forEach(function (name) { if (q[name]) params.set(name, q[name]) })
      var url = location.pathname + (params.toString() ? "?" + params : "") + location.hash
      if (url !== location.pathname + location.search + location.hash)
        history[push ? "pushState" : "replaceState"](q, "", url)
    }
    function render() {
      results.textContent = ""
      var fragment = document.createDocumentFragment()
      matched.slice(0, shown).forEach(function (item) { fragment.appendChild(type.render(item)) })
      results.appendChild(fragment)
      status.textContent = matched.length ? "Найдено: " + count(matched.length, type.forms)
        : "Ничего не найдено. Попробуйте убрать часть условий."
      if (more) more.hidden = matched.length <= shown
      /* a calendar without events is never offered (RFC 5545 needs one component) */
      if (icsButton) icsButton.disabled = !matched.some(function (i) { return i.w && i.w.length })
    }
    function apply() {
      var q = read(), today = S.today()
      matched = items.filter(function (item) { return type.match(item, q, today) })
      if (kind === "measure") matched.forEach(function (item) {
        if (!item.state) item.state = measureState(item, today)
      })
      matched.sort(type.sort)
      shown = PAGE
      render()
    }

    form.addEventListener("change", function () { toUrl(read(), true); apply() })
    form.addEventListener("submit", function (ev) { ev.preventDefault() })
    window.addEventListener("popstate", function () { write(fromUrl()); apply() })
    /* the reader goes on at the first result just shown: the button may now be
       hidden, and focus must not fall back to the top of the page */
    if (more) more.addEventListener("click", function () {
      var first = shown
      shown += PAGE; render()
      var next = results.children[first], link = next && next.querySelector("a[href]")
      if (link) link.focus()
    })
    if (icsButton) icsButton.addEventListener("click", function () {
      var blob = new Blob([calendar(matched)], { type: "text/calendar;charset=utf-8" })
      var link = el("a"); link.href = URL.createObjectURL(blob); link.download = "mery-podderzhki.ics"
      document.body.appendChild(link); link.click(); link.remove()
    })

    fetch(form.getAttribute("data-index")).then(function (r) { return r.json() }).then(function (data) {
      items = data.items
      if (type.prepare) items.forEach(type.prepare)
      write(fromUrl())
      form.hidden = false
      results.hidden = false
      if (fallback) fallback.hidden = true
      apply()
      form.setAttribute("data-ready", "true")
    })
  }

  function run() {
    var forms = document.querySelectorAll("form[data-finder]")
    for (var i = 0; i < forms.length; i++) if (!forms[i].hasAttribute("data-setup")) {
      forms[i].setAttribute("data-setup", "")
      setup(forms[i])
    }
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run)
  else if (document.readyState !== "loading") run()
  else document.addEventListener("DOMContentLoaded", run)
})()
