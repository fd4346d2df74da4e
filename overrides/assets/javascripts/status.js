/* Statuses that stay true: a page built yesterday recomputes, at view time,
 * the status of every measure from its application windows.
 * The rules are those of hooks/catalogue/schedule.py; keep the two in step.
 */
(function () {
  "use strict"
  /* /my/ loads it before its lists (catalogue/my.html) and again with every page */
  if (window.catalogueStatus) return
  /* CLDR's Russian month names as Babel writes them on the server (present.py:
     ru_date, «d MMMM y г.», and the stand-alone names; tests/test_status_js.py compares
     the two): written out, not asked of Intl.DateTimeFormat, whose first use builds
     ICU's date data, 20–45 ms of every page on a slow machine */
  var OF_MONTH = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря"]
  var MONTH = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
               "сентябрь", "октябрь", "ноябрь", "декабрь"]

  function iso(date) {
    var m = date.getMonth() + 1, d = date.getDate()
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d
  }
  function parse(text) {
    var p = text.split("-")
    return new Date(+p[0], +p[1] - 1, +p[2])
  }
  /* YYYY-MM-DD -> «5 марта 2026 г.»: Babel (the server) puts a narrow no-break
     space before «г.»; so do we */
  function ruDate(text) {
    var p = text.split("-")
    return +p[2] + " " + OF_MONTH[+p[1] - 1] + " " + +p[0] + "\u202fг."
  }
  /* 1..12 -> «январь» … «декабрь» */
  function monthName(m) { return MONTH[m - 1] }

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
    status: status, ruDate: ruDate, monthName: monthName, daysBetween: daysBetween,
    refresh: refresh
  }
  var run = function () { refresh(document, window.catalogueStatus.today()) }
  /* Material's instant navigation swaps pages without a reload */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run)
  else if (document.readyState !== "loading") run()
  else document.addEventListener("DOMContentLoaded", run)
})()
