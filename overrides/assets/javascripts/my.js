/* «Мой муниципалитет» (/my/): everything that applies to one municipality.
 *
 * The profile (region, municipality type, population, optional name) lives in
 * localStorage under "catalogue.my" and never leaves the device; it can also
 * come from the address (/my/?region=…&mtype=…&pop=…&name=…). The lists are
 * computed here, at reading time, from my/shared.json and my/regions/<id>.json
 * (hooks/catalogue/finder.py, my.py); statuses follow schedule.py / status.js.
 * Everything is built from DOM nodes and text: editors' text is never markup.
 *
 * Selection rules (tests/browser/test_my.py computes them again in Python):
 * - a measure applies when its regions are "all" or include the region, its
 *   municipality types include the type, and the population is within its
 *   population_min / population_max;
 * - «now»: a window open today or opening within 90 days, or rolling; by the
 *   deadline (the window's last day), soonest first, rolling last;
 *   «annual»: no open or coming window, and a usual month among the months from
 *   today to today + 90 days; the rest: everything else that applies;
 * - practices: same type and population band; then the same federal district;
 * - courses: a session starting or with an enrolment deadline within
 *   [today, today + 90 days]; then on-demand courses;
 * - problems: reported from the region, with what answers them (related);
 * - legal documents and Q&A: cited by the measures and solutions shown, most
 *   cited first (ten of each).
 */
(function () {
  "use strict"
  var S = window.catalogueStatus
  /* my-export.js (deferred: wanted only for a download) */
  function X() { return window.catalogueExport }
  var P = window.cataloguePrint   /* print.js: addresses written as a reader reads them */
  var KEY = "catalogue.my", HORIZON = 90, TOP = 10
  var INVALID = "Профиль не сохранён: укажите регион, тип муниципального образования и число " +
    "жителей — целое число больше нуля, цифрами: например 4500 или 4 500."
  var FIRST = 50   /* items drawn at once per list; the rest on «Показать все» or printing */
  var D = window.catalogueDom, el = D.el, has = D.has   /* dom.js */
  var days = {}   /* addDays is asked the same day thousands of times per page */
  function addDays(day, n) {
    var key = day + "+" + n
    return days[key] || (days[key] = shiftDay(day, n))
  }
  function shiftDay(day, n) {
    var d = S.parseDay ? S.parseDay(day) : new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10))
    d.setDate(d.getDate() + n)
    var m = d.getMonth() + 1, dd = d.getDate()
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (dd < 10 ? "0" : "") + dd
  }
  var collator = new Intl.Collator("ru")
  function byTitle(a, b) { return collator.compare(a.t, b.t) }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : "" }

  /* --- the profile --------------------------------------------------------------- */
  function valid(p, facets) {
    if (!p) return null
    var region = facets.regionById[p.region], mtype = facets.mtypes[p.mtype]
    var digits = String(p.pop).replace(/[\s\u00a0\u202f]/g, "")   /* «4 500» as typed */
    var pop = /^\d{1,9}$/.test(digits) ? +digits : 0
    if (!region || !mtype || !(pop >= 1)) return null
    return { region: p.region, mtype: p.mtype, pop: pop, name: String(p.name || "").slice(0, 200) }
  }
  function fromAddress() {
    var q = new URLSearchParams(location.search)
    if (!q.has("region") && !q.has("mtype") && !q.has("pop")) return null
    return { region: q.get("region") || "", mtype: q.get("mtype") || "", pop: q.get("pop") || "",
             name: q.get("name") || "" }
  }
  function stored() {
    try { return JSON.parse(localStorage.getItem(KEY) || "null") } catch (e) { return null }
  }
  function store(p) { try { localStorage.setItem(KEY, JSON.stringify(p)) } catch (e) { /* private mode */ } }
  function forget() { try { localStorage.removeItem(KEY) } catch (e) { /* private mode */ } }
  function address(p) {
    var q = new URLSearchParams({ region: p.region, mtype: p.mtype, pop: String(p.pop) })
    if (p.name) q.set("name", p.name)
    return "?" + q
  }

  /* --- the selection -------------------------------------------------------------- */
  function band(pop, bands) {
    for (var i = 0; i < bands.length; i++) if (bands[i][0] === null || pop < bands[i][0]) return i
    return null
  }
  function applies(m, p) {
    if (m.r !== "all" && !has(m.r, p.region)) return false
    if (!has(m.m, p.mtype)) return false
    if (m.pn && p.pop < m.pn) return false
    if (m.px && p.pop > m.px) return false
    return true
  }
  /* {group: "now"|"annual"|"rest", deadline, label, code, wait} as of today */
  function classify(m, today) {
    var horizon = addDays(today, HORIZON)
    if (m.na) return { group: "rest", code: "allocated", label: "Заявок от муниципалитетов нет" }
    if (m.rl) return { group: "now", code: "rolling", label: "Приём постоянно", deadline: null }
    var ws = (m.w || []).slice().sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0 })
    var i
    for (i = 0; i < ws.length; i++) if (ws[i][0] <= today && today <= ws[i][1])
      return { group: "now", code: "open", deadline: ws[i][1], window: ws[i],
               label: "Приём до " + S.ruDate(ws[i][1]) }
    for (i = 0; i < ws.length; i++) if (ws[i][0] > today) {
      var coming = { code: "upcoming", deadline: ws[i][1], window: ws[i],
                     label: "Приём с " + S.ruDate(ws[i][0]) + " до " + S.ruDate(ws[i][1]) }
      if (ws[i][0] <= horizon) { coming.group = "now"; return coming }
      coming.group = "rest"
      if (!m.mo) return coming
      break
    }
    if (m.mo && !(coming)) {
      var month = +today.slice(5, 7), last = +horizon.slice(5, 7), span = (last - month + 12) % 12
      var wait = null
      for (var k = 0; k <= span; k++) if (has(m.mo, (month - 1 + k) % 12 + 1)) { wait = k; break }
      var label = "Ежегодно, обычно: " + m.mo.map(S.monthName).join(", ")
      return { group: wait === null ? "rest" : "annual", code: "annual", wait: wait, label: label }
    }
    if (coming) return coming
    if (!ws.length) return { group: "rest", code: "unknown", label: "Сроки не указаны" }
    var end = ws.reduce(function (a, b) { return a[1] > b[1] ? a : b })
    return { group: "rest", code: "closed", label: "Приём закрыт " + S.ruDate(end[1]) }
  }
  function courseDate(c, sessions, today) {
    var horizon = addDays(today, HORIZON), best = null
    ;(sessions || []).forEach(function (s) {
      var ok = (s[0] >= today && s[0] <= horizon) || (s[1] && s[1] >= today && s[1] <= horizon)
      if (ok && (best === null || s[0] < best[0])) best = s
    })
    return best
  }

  function compute(p, idx, today) {
    var facets = idx.facets, extra = idx.extra
    var region = facets.regionById[p.region], district = region[2]
    var pb = band(p.pop, extra.bands)
    var out = { profile: p, region: region, band: pb, now: [], annual: [], rest: [] }
    idx.measures.forEach(function (m) {
      if (!applies(m, p)) return
      var st = classify(m, today)
      out[st.group].push({ item: m, st: st })
    })
    out.now.sort(function (a, b) {
      var x = a.st.deadline || "9999", y = b.st.deadline || "9999"
      return x < y ? -1 : x > y ? 1 : byTitle(a.item, b.item)
    })
    out.annual.sort(function (a, b) { return a.st.wait - b.st.wait || byTitle(a.item, b.item) })
    var order = { open: 0, upcoming: 1, rolling: 2, annual: 3, closed: 4, allocated: 5, unknown: 6 }
    out.rest.sort(function (a, b) { return order[a.st.code] - order[b.st.code] || byTitle(a.item, b.item) })

    var practiceOrder = function (a, b) {
      return (b.y1 || b.y0 || 0) - (a.y1 || a.y0 || 0) || byTitle(a, b)
    }
    out.similar = idx.practices.filter(function (x) { return x.m === p.mtype && x.pb === pb })
      .sort(practiceOrder)
    out.nearby = idx.practices.filter(function (x) {
      /* a region placed in no federal district (content/reference/regions.yml) has no
         «same district»: nothing is near it by that rule */
      return district && x.d === district && !(x.m === p.mtype && x.pb === pb)
    }).sort(practiceOrder)

    out.courses = []
    out.onDemand = []
    idx.courses.forEach(function (c) {
      var s = courseDate(c, extra.cs[c.id], today)
      if (s) out.courses.push({ item: c, session: s })
      else if (c.od) out.onDemand.push({ item: c })
    })
    out.courses.sort(function (a, b) {
      return a.session[0] < b.session[0] ? -1 : a.session[0] > b.session[0] ? 1 : byTitle(a.item, b.item)
    })
    out.onDemand.sort(function (a, b) { return byTitle(a.item, b.item) })

    out.problems = idx.problems.filter(function (x) { return has(x.r, p.region) })
      .sort(function (a, b) { return (b.n || 0) - (a.n || 0) || byTitle(a, b) })

    /* the documents cited by the measures and solutions shown */
    var counts = {}, sources = {}
    out.now.concat(out.annual, out.rest).forEach(function (x) { sources[x.item.id] = 1 })
    out.problems.forEach(function (x) {
      (extra.pr[x.id] || []).forEach(function (id) {
        if (extra.t[id] && extra.t[id][2] === "solution") sources[id] = 1
      })
    })
    Object.keys(sources).forEach(function (id) {
      (extra.c[id] || []).forEach(function (target) { counts[target] = (counts[target] || 0) + 1 })
    })
    function top(type) {
      var all = Object.keys(counts).filter(function (id) { return extra.t[id] && extra.t[id][2] === type })
        .map(function (id) { return { id: id, t: extra.t[id][0], u: extra.t[id][1], n: counts[id] } })
        .sort(function (a, b) { return b.n - a.n })
      /* titles are compared only among those that can make the first TOP (thousands of
         documents share a count of one or two: comparing them all by title is the costliest
         step of the whole selection) */
      var least = all.length > TOP ? all[TOP - 1].n : 0
      return all.filter(function (x) { return x.n >= least })
        .sort(function (a, b) { return b.n - a.n || byTitle(a, b) }).slice(0, TOP)
    }
    out.legal = top("legal")
    out.questions = top("question")
    return out
  }

  /* Material's search index waits while /my/ loads (catalogue/my-head.html); let it
     go once the lists are in the page, or at once when there is nothing to load */
  function releaseSearch() {
    if (window.catalogueSearchIndex) window.catalogueSearchIndex()
  }

  /* --- the page ---------------------------------------------------------------- */
  function setup(root) {
    if (window.performance && performance.mark) performance.mark("my:start")
    var base = root.getAttribute("data-base") || ""
    var form = root.querySelector("form[data-my-form]")
    var results = root.querySelector("[data-my-results]")
    var note = root.querySelector("[data-my-status]")
    var staticPart = document.querySelector("[data-my-static]")
    var idx = null, current = null

    function abs(u) { return new URL(base + u, location.href).href }
    function link(text, url, external) {
      var a = el("a", null, text)
      a.href = external ? url : abs(url)
      a.setAttribute("data-href", P ? P.written(a) : a.href)
      return a
    }
    function section(id, title, items, forms, empty) {
      var wrap = el("section", "cat-my__section")
      wrap.setAttribute("aria-labelledby", "my-" + id)
      var h = el("h2", null, title + " ")
      h.id = "my-" + id
      h.appendChild(el("span", "cat-muted", "(" + items.length + ")"))
      wrap.appendChild(h)
      if (!items.length) { wrap.appendChild(el("p", "cat-muted", empty)); return { wrap: wrap, list: null } }
      var list = el("ul", "cat-list")
      list.setAttribute("data-my-list", id)
      wrap.appendChild(list)
      return { wrap: wrap, list: list }
    }
    function whoApplies(m) {
      var names = m.m.map(function (t) { return idx.facets.mtypes[t] || t })
        .concat((m.o || []).map(function (o) { return idx.extra.other[o] || o }))
      return names.join(", ")
    }
    /* the first FIRST rows now, the rest when asked for (or before printing) */
    var pending = []
    function fill(list, items, row) {
      if (!list) return
      var fragment = document.createDocumentFragment()
      items.slice(0, FIRST).forEach(function (x) { fragment.appendChild(row(x)) })
      list.appendChild(fragment)
      if (items.length <= FIRST) return
      var button = el("button", "md-button cat-my__more", "Показать все: " + items.length)
      button.type = "button"
      var rest = function () {
        if (!button.parentNode) return
        var more = document.createDocumentFragment()
        items.slice(FIRST).forEach(function (x) { more.appendChild(row(x)) })
        list.appendChild(more)
        button.remove()
      }
      button.addEventListener("click", function () {
        rest()
        var next = list.children[FIRST]
        if (next) { next.querySelector("a").focus() }
      })
      pending.push(rest)
      list.parentNode.appendChild(button)
    }
    window.addEventListener("beforeprint", function () { while (pending.length) pending.shift()() })

    function measureRow(x) {
      var m = x.item, li = el("li", "cat-item")
      li.setAttribute("data-id", m.id)
      li.appendChild(link(m.t, m.u))
      li.appendChild(document.createTextNode(" "))
      var badge = el("span", "cat-status cat-status--" + x.st.code, x.st.label)
      badge.setAttribute("data-status", x.st.code)
      li.appendChild(badge)
      var facts = el("p", "cat-item__summary")
      var parts = []
      if (m.a) parts.push("Сумма: " + m.a)
      parts.push("Кто подаёт: " + whoApplies(m))
      facts.textContent = parts.join(" · ")
      var apply = safeUrl(idx.extra.ap[m.id])
      if (apply) {
        facts.appendChild(document.createTextNode(" · "))
        facts.appendChild(link("Подать заявку", apply, true))
      }
      li.appendChild(facts)
      return li
    }
    function plainRow(item, summary) {
      var li = el("li", "cat-item")
      li.setAttribute("data-id", item.id)
      li.appendChild(link(item.t, item.u))
      if (summary) li.appendChild(el("p", "cat-item__summary", summary))
      return li
    }
    function years(x) { return x.y0 + (x.y1 && x.y1 !== x.y0 ? "–" + x.y1 : "") }
    function regionName(id) { return (idx.facets.regionById[id] || [id, id])[1] }
    function courseLabel(x) {
      if (!x.session) return "В любое время"
      var s = x.session
      return (s[1] ? "Запись до " + S.ruDate(s[1]) + ", начало " : "Начало ") + S.ruDate(s[0])
    }
    function problemRow(x) {
      var li = plainRow(x, x.sl + " · обращений: " + x.n)
      var answers = idx.extra.pr[x.id] || []
      if (answers.length) {
        var p = el("p", "cat-item__summary", "Что помогает: ")
        answers.forEach(function (id, i) {
          var t = idx.extra.t[id] || idx.measureById[id] && [idx.measureById[id].t, idx.measureById[id].u]
          if (!t) return
          if (i) p.appendChild(document.createTextNode("; "))
          var a = link(t[0], t[1])
          a.setAttribute("data-answer", id)
          p.appendChild(a)
        })
        li.appendChild(p)
      }
      return li
    }

    function render(out) {
      current = out
      pending = []
      results.textContent = ""
      var p = out.profile
      var head = el("div", "cat-my__head")
      var h = el("p", "cat-my__who")
      /* scripts/bench.py: when this line, drawn with the lists, is painted (Element Timing) */
      h.setAttribute("elementtiming", "my-results")
      h.textContent = (p.name ? p.name + ": " : "") + idx.facets.mtypes[p.mtype] + ", " +
        out.region[1] + ", население " + p.pop.toLocaleString("ru") + " чел. (" +
        idx.extra.bands[out.band][1] + ")"
      head.appendChild(h)
      var share = el("p", "cat-my__share", "Ссылка на эту страницу для другого устройства или коллег: ")
      share.appendChild(link(P ? P.readable(abs("my/" + address(p))) : abs("my/" + address(p)),
                             "my/" + address(p)))
      head.appendChild(share)
      var tools = el("p", "cat-my__tools")
      var csv = el("button", "md-button", "Скачать список (CSV для Excel)")
      csv.type = "button"; csv.setAttribute("data-my-csv", "")
      csv.addEventListener("click", function () {
        X().download(X().csv(rows(out)), "moy-municipalitet.csv", "text/csv;charset=utf-8")
      })
      tools.appendChild(csv)
      var events = icsEvents(out)
      if (events.length) {   /* an empty calendar is never offered */
        var ics = el("button", "md-button", "Скачать сроки в календарь (.ics)")
        ics.type = "button"; ics.setAttribute("data-my-ics", "")
        ics.addEventListener("click", function () {
          X().download(X().ics(events, "Мой муниципалитет: сроки приёма"), "moy-municipalitet.ics",
                     "text/calendar;charset=utf-8")
        })
        tools.appendChild(ics)
      }
      var printer = el("button", "md-button", "Распечатать")
      printer.type = "button"
      printer.addEventListener("click", function () { window.print() })
      tools.appendChild(printer)
      head.appendChild(tools)
      if (has(idx.extra.rc, p.region)) {
        var sub = el("p", "cat-calendar", "Сроки приёма мер региона «" + out.region[1] +
          "» и федеральных мер: ")
        var a = link("подписаться на календарь (.ics)", "calendar/regions/" + p.region + ".ics")
        a.setAttribute("data-my-subscribe", "")
        sub.appendChild(a)
        head.appendChild(sub)
      }
      results.appendChild(head)

      var mf = ["мера", "меры", "мер"]
      var groups = [
        ["now", "Приём открыт или откроется в ближайшие 90 дней", out.now,
         "Сейчас и в ближайшие 90 дней приём по подходящим мерам не открыт."],
        ["annual", "Ежегодные отборы в ближайшие месяцы", out.annual,
         "Ежегодных отборов в ближайшие месяцы не ожидается."],
        ["rest", "Остальные подходящие меры", out.rest, "Других подходящих мер нет."]]
      groups.forEach(function (g) {
        var s = section(g[0], g[1], g[2], mf, g[3])
        fill(s.list, g[2], measureRow)
        results.appendChild(s.wrap)
      })
      var s1 = section("similar", "Практики похожих муниципалитетов (тот же тип и численность)",
                       out.similar, null, "Практик муниципалитетов того же типа и численности пока нет.")
      var practiceRow = function (x) {
        return plainRow(x, [x.mu, regionName(x.r), years(x)].filter(Boolean).join(" · "))
      }
      fill(s1.list, out.similar, practiceRow)
      results.appendChild(s1.wrap)
      /* district names are nominative («Сибирский»): «… федеральный округ», never «в … округе» */
      var districtName = idx.facets.districts[out.region[2]]
      var s2 = section("nearby", districtName
                         ? "Практики из того же округа: " + districtName + " федеральный округ"
                         : "Практики из того же федерального округа",
                       out.nearby, null, districtName
                         ? "Других практик из этого федерального округа пока нет."
                         : "Регион не отнесён ни к одному федеральному округу в справочнике регионов.")
      fill(s2.list, out.nearby, practiceRow)
      results.appendChild(s2.wrap)
      var s3 = section("courses", "Курсы: набор или начало в ближайшие 90 дней", out.courses, null,
                       "В ближайшие 90 дней потоков нет.")
      fill(s3.list, out.courses, function (x) {
        return plainRow(x.item, [x.item.p, x.item.free ? "бесплатно" : "", courseLabel(x)]
          .filter(Boolean).join(" · "))
      })
      results.appendChild(s3.wrap)
      var s4 = section("on-demand", "Курсы в любое время", out.onDemand, null, "Таких курсов нет.")
      fill(s4.list, out.onDemand, function (x) {
        return plainRow(x.item, [x.item.p, x.item.free ? "бесплатно" : "", "В любое время"]
          .filter(Boolean).join(" · "))
      })
      results.appendChild(s4.wrap)
      var s5 = section("problems", "Проблемы, о которых сообщали из региона", out.problems, null,
                       "Из региона о проблемах пока не сообщали.")
      fill(s5.list, out.problems, problemRow)
      results.appendChild(s5.wrap)
      var s6 = section("legal", "Чаще всего упоминаемые документы", out.legal, null,
                       "Документов, на которые ссылаются эти меры и решения, нет.")
      fill(s6.list, out.legal, function (x) { return plainRow(x, "упоминаний: " + x.n) })
      results.appendChild(s6.wrap)
      var s7 = section("questions", "Вопросы и ответы, на которые ссылаются", out.questions, null,
                       "Вопросов и ответов, на которые ссылаются эти меры и решения, нет.")
      fill(s7.list, out.questions, function (x) { return plainRow(x, "упоминаний: " + x.n) })
      results.appendChild(s7.wrap)
      results.hidden = false
      results.setAttribute("data-ready", "true")
      /* scripts/bench.py reads this mark: from opening the page to the lists shown */
      if (window.performance && performance.mark) performance.mark("my:shown")
      releaseSearch()
    }

    function rows(out) {
      var table = [["Раздел", "Название", "Сроки или статус", "Сумма", "Кто подаёт", "Подать заявку", "Страница"]]
      function measures(list, part) {
        list.forEach(function (x) {
          var m = x.item
          table.push([part, m.t, x.st.label, m.a || "", whoApplies(m), safeUrl(idx.extra.ap[m.id]), abs(m.u)])
        })
      }
      measures(out.now, "Приём открыт или скоро"); measures(out.annual, "Ежегодные отборы")
      measures(out.rest, "Остальные меры")
      out.similar.forEach(function (x) { table.push(["Практики похожих", x.t, years(x), "", "", "", abs(x.u)]) })
      out.nearby.forEach(function (x) { table.push(["Практики округа", x.t, years(x), "", "", "", abs(x.u)]) })
      out.courses.forEach(function (x) { table.push(["Курсы", x.item.t, courseLabel(x), "", "", "", abs(x.item.u)]) })
      out.onDemand.forEach(function (x) { table.push(["Курсы в любое время", x.item.t, "В любое время", "", "", "", abs(x.item.u)]) })
      out.problems.forEach(function (x) { table.push(["Проблемы региона", x.t, x.sl, "", "", "", abs(x.u)]) })
      out.legal.forEach(function (x) { table.push(["Документы", x.t, "", "", "", "", abs(x.u)]) })
      out.questions.forEach(function (x) { table.push(["Вопросы и ответы", x.t, "", "", "", "", abs(x.u)]) })
      return table
    }
    function icsEvents(out) {
      var events = []
      out.now.concat(out.annual, out.rest).forEach(function (x) {
        (x.item.w || []).forEach(function (w) {
          events.push({ uid: x.item.id + "-" + w[0] + "@municipal-catalogue", opens: w[0], closes: w[1],
                        summary: "Приём заявок: " + x.item.t, url: abs(x.item.u) })
        })
      })
      return events
    }

    function fillForm(p) {
      form.elements.region.value = p ? p.region : ""
      form.elements.mtype.value = p ? p.mtype : ""
      form.elements.pop.value = p ? p.pop : ""
      form.elements.name.value = p ? p.name : ""
    }
    function show(p, message) {
      var out = compute(p, idx, S.today())
      if (window.performance && performance.mark) performance.mark("my:computed")
      render(out)
      note.textContent = message || ""
    }
    function clear() {
      forget(); fillForm(null); current = null
      results.textContent = ""; results.hidden = true
      results.removeAttribute("data-ready")
      if (location.search) history.replaceState(null, "", location.pathname + location.hash)
      note.textContent = "Профиль удалён с этого устройства."
    }

    var shared = root.getAttribute("data-shared"), regionsAt = root.getAttribute("data-regions")
    var sharedData = null, regionData = {}, loadedRegion = null
    function getJSON(url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status)
        return r.json()
      })
    }
    /* Two files for a profile (hooks/catalogue/my.py, page_files): my/shared.json
       (federal measures, practices, courses, titles) and its region's
       my/regions/<id>.json. The inline script in the page's head (catalogue/my-head.html)
       starts both while the page is still being read (window.catalogueMyData); a region that is not in the
       catalogue has no file, and the profile is then refused (valid). */
    function load(region) {
      var early = window.catalogueMyData
      window.catalogueMyData = null
      if (early) {
        sharedData = sharedData || early.shared
        regionData[early.region] = regionData[early.region] || early.own
      }
      if (!sharedData) sharedData = getJSON(shared)
      if (!regionData[region])
        regionData[region] = /^[a-z0-9_-]+$/i.test(region)
          ? getJSON(regionsAt + region + ".json") : Promise.reject(new Error("region"))
      var loading = Promise.all([sharedData, regionData[region].then(null, function (e) { return e })])
        .then(function (files) {
          if (window.performance && performance.mark) performance.mark("my:data")
          var common = files[0], own = files[1]
          if (!idx) {
            var facets = common.f
            facets.regionById = {}
            facets.regions.forEach(function (r) { facets.regionById[r[0]] = r })
            idx = { facets: facets, practices: common.p, courses: common.k }
          }
          if (own instanceof Error) {
            regionData[region] = null
            if (idx.facets.regionById[region]) throw own   /* a region of the catalogue: a network fault */
            own = {}
          }
          if (loadedRegion === region) return
          var measures = common.m.concat(own.m || [])
          measures.sort(function (a, b) { return a.i - b.i })   /* the measures finder's order */
          function merged(key) { return Object.assign({}, common[key], own[key]) }
          idx.measures = measures
          idx.problems = own.pb || []
          idx.extra = { bands: common.bands, other: common.other, cs: common.cs, rc: common.rc,
                        ap: merged("ap"), c: merged("c"), t: merged("t"), pr: own.pr || {} }
          idx.measureById = {}
          measures.forEach(function (m) { idx.measureById[m.id] = m })
          loadedRegion = region
        })
      loading.catch(function () {
        releaseSearch()
        sharedData = null
        note.textContent = "Не удалось загрузить данные каталога. Обновите страницу."
      })
      return loading
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault()
      var given = { region: form.elements.region.value, mtype: form.elements.mtype.value,
                    pop: form.elements.pop.value, name: form.elements.name.value.trim() }
      /* the lists on the page are the previous profile's until the new ones are drawn */
      results.removeAttribute("data-ready")
      load(given.region).then(function () {
        var p = valid(given, idx.facets)
        if (!p) {   /* refused: the lists shown stay those of the stored profile */
          note.textContent = INVALID
          if (current) results.setAttribute("data-ready", "true")
          return
        }
        store(p)
        if (location.search) history.replaceState(null, "", location.pathname + location.hash)
        show(p, "Профиль сохранён на этом устройстве. Ниже — что ему подходит.")
      })
    })
    /* the browser's own check (required, pattern) stops the submission: say so in the
       status too, or it keeps an earlier «Профиль сохранён» */
    form.addEventListener("invalid", function () { note.textContent = INVALID }, true)
    form.querySelector("[data-my-clear]").addEventListener("click", clear)

    if (staticPart) staticPart.hidden = true
    form.hidden = false
    var given = fromAddress(), saved = stored()
    if (!given && !saved) { root.setAttribute("data-ready", "true"); releaseSearch() }
    else load((given || saved || {}).region || "").then(function () {
      var facets = idx.facets, p = null, message = ""
      if (given) {
        p = valid(given, facets)
        if (p) { store(p); message = "Профиль из ссылки сохранён на этом устройстве." }
        else {
          message = "В ссылке не хватает данных профиля или они неверны: выберите регион, тип и число жителей."
          fillForm(null)
          if (facets.regionById[given.region]) form.elements.region.value = given.region
          if (facets.mtypes[given.mtype]) form.elements.mtype.value = given.mtype
          form.elements.pop.value = given.pop      /* as given: the reader sees what to correct */
          form.elements.name.value = given.name
        }
      } else p = valid(saved, facets)
      if (p) { fillForm(p); show(p, message) } else { note.textContent = message; releaseSearch() }
      root.setAttribute("data-ready", "true")
    })

    window.catalogueMy = { compute: function (p, today) { return compute(p, idx, today) },
                           rows: function () { return current ? rows(current) : [] },
                           events: function () { return current ? icsEvents(current) : [] } }
  }

  function run() {
    var root = document.querySelector("[data-my]")
    if (root && !root.hasAttribute("data-setup")) { root.setAttribute("data-setup", ""); setup(root) }
  }
  /* catalogue/my.html runs this right after the page's form and lists: no need to wait
     for the rest of the page, Material's bundle or DOMContentLoaded (elsewhere, then) */
  run()
  document.addEventListener("DOMContentLoaded", run)
})()
