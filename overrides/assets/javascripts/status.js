/* Statuses that stay true: a page built yesterday recomputes, at view time,
 * the status of every measure from its application windows.
 * The rules are those of hooks/catalogue/schedule.py; keep the two in step.
 */
(function () {
  "use strict"
  /* /my/ loads it before its lists (catalogue/my.html) and again with every page */
  if (window.catalogueStatus) return
  var DATE = new Intl.DateTimeFormat("ru", { day: "numeric", month: "long", year: "numeric" })

  function iso(date) {
    var m = date.getMonth() + 1, d = date.getDate()
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d
  }
  function parse(text) {
    var p = text.split("-")
    return new Date(+p[0], +p[1] - 1, +p[2])
  }
  /* Babel (the server) puts a narrow no-break space before «г.»; so do we */
  var written = {}   /* a list asks for the same days again and again */
  function ruDate(text) {
    return written[text] || (written[text] = DATE.format(parse(text)).replace(/\s(г\.)$/, "\u202f$1"))
  }

  /* windows: [[opens, closes], ...] as YYYY-MM-DD; today: YYYY-MM-DD */
  function status(windows, today) {
    var sorted = windows.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : 1 })
    var i
    for (i = 0; i < sorted.length; i++)
      if (sorted[i][0] <= today && today <= sorted[i][1])
        return { code: "open", date: sorted[i][1], label: "Приём до " + ruDate(sorted[i][1]) }
    for (i = 0; i < sorted.length; i++)
      if (sorted[i][0] > today)
        return { code: "upcoming", date: sorted[i][0], label: "Приём с " + ruDate(sorted[i][0]) }
    if (!sorted.length) return null
    var last = sorted.reduce(function (a, b) { return a[1] > b[1] ? a : b })
    return { code: "closed", date: last[1], label: "Приём закрыт " + ruDate(last[1]) }
  }

  function daysBetween(a, b) { return Math.round((parse(b) - parse(a)) / 86400000) }

  function refresh(root, today) {
    var badges = (root || document).querySelectorAll("[data-windows]")
    for (var i = 0; i < badges.length; i++) {
      var el = badges[i], windows
      try { windows = JSON.parse(el.getAttribute("data-windows")) } catch (e) { continue }
      var s = status(windows, today)
      var annual = el.getAttribute("data-annual")
      /* no open or coming window: an annual programme is expected in its usual months */
      if (annual && (!s || s.code === "closed")) s = { code: "annual", label: annual }
      if (!s) continue
      el.textContent = s.label
      el.className = el.className.replace(/cat-status--\w+/, "cat-status--" + s.code)
      el.setAttribute("data-status", s.code)
    }
  }

  window.catalogueStatus = {
    today: function () { return iso(new Date()) },
    status: status, ruDate: ruDate, daysBetween: daysBetween, refresh: refresh
  }
  var run = function () { refresh(document, window.catalogueStatus.today()) }
  /* Material's instant navigation swaps pages without a reload */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run)
  else if (document.readyState !== "loading") run()
  else document.addEventListener("DOMContentLoaded", run)
})()
