/* Printing: links written out after their text (print.css shows data-href) and
 * the day the page was printed. Addresses are written as a reader can read them:
 * Cyrillic and emoji rather than %D0%… escapes, a Cyrillic domain as its editor
 * wrote it rather than xn--… (decodeURI keeps reserved characters escaped, so
 * the text is still the same address). */
(function () {
  "use strict"
  /* /my/ loads it before its lists (catalogue/my.html) and again with every page */
  if (window.cataloguePrint) return
  function readable(url) { try { return decodeURI(url) } catch (e) { return url } }
  function written(a) {
    var raw = a.getAttribute("href") || ""
    return readable(/^https?:\/\//i.test(raw) ? raw : a.href)
  }
  function stamp() {
    var S = window.catalogueStatus
    var day = S ? S.ruDate(S.today()) : new Date().toLocaleDateString("ru")
    var note = document.querySelector(".cat-print-date")
    var article = document.querySelector(".md-content__inner")
    if (!note && article) {
      note = document.createElement("p")
      note.className = "cat-print-date"
      article.insertBefore(note, article.firstChild)
    }
    if (note) note.textContent = "Напечатано " + day + " · " + readable(location.href.split("#")[0])
  }
  function links(root) {
    var found = (root || document).querySelectorAll(".md-content a[href]")
    for (var i = 0; i < found.length; i++) {
      var a = found[i], href = a.getAttribute("href")
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink")) continue
      a.setAttribute("data-href", written(a))
    }
  }
  function run() { stamp(); links() }
  window.cataloguePrint = { links: links, stamp: stamp, readable: readable, written: written }
  /* links only when printing: a long list page has thousands of them */
  window.addEventListener("beforeprint", run)
  var media = window.matchMedia && window.matchMedia("print")
  if (media) {
    var changed = function (e) { if (e.matches) run() }
    if (media.addEventListener) media.addEventListener("change", changed)
    else if (media.addListener) media.addListener(changed)
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(stamp)
  else if (document.readyState !== "loading") stamp()
  else document.addEventListener("DOMContentLoaded", stamp)
})()
