/* Russian word forms in search.
 *
 * Material's search worker appends a wildcard to every query word ("поддержки*"),
 * and lunr does not stem wildcard words, so a stemmed index ("поддержк") never
 * meets them. This worker wraps Material's own: it stems each query word with
 * the Russian (or English) stemmer that Material already loads, then hands the
 * query on. "поддержки" -> "поддержк" -> "поддержк*" matches "поддержка".
 */
(function () {
  /* From file:// (the offline edition) Material runs its worker in an iframe
     (iframe-worker), where location is the page's and importScripts loads
     asynchronously: there our address is our own script's, and Material's
     listener is caught until its script has run. */
  var here = self.document && self.document.currentScript
    ? self.document.currentScript.src : self.location.href
  var material = new URL(here).searchParams.get("material")
  var handlers = []
  var add = self.addEventListener.bind(self)
  self.addEventListener = function (type, fn) {
    if (type === "message") handlers.push(fn)
    else add.apply(self, arguments)
  }
  var loading = importScripts(material)
  if (loading && typeof loading.then === "function")
    loading.then(function () { self.addEventListener = add })
  else
    self.addEventListener = add

  var QUERY = 2  /* SearchMessageType.QUERY in Material's worker */
  var CYRILLIC = /[а-яё]/i
  var PLAIN = /^[a-zа-яё0-9]+$/i

  function stem(word) {
    var lunr = self.lunr
    var lower = word.toLowerCase()
    if (CYRILLIC.test(lower)) {
      if (!lunr || !lunr.ru || !lunr.ru.stemmer) return word
      return lunr.ru.stemmer(new lunr.Token(lower)).toString() || word
    }
    if (lunr && lunr.stemmer && lower.length > 3)
      return lunr.stemmer(new lunr.Token(lower)).toString() || word
    return word
  }

  /* Only plain words are stemmed: quoted phrases, +required, -excluded and
     field:term keep the reader's syntax. Short words are prefixes while typing. */
  function transform(query) {
    return query.split(/(\s+)/).map(function (part) {
      if (!PLAIN.test(part) || part.length < 4) return part
      return stem(part)
    }).join("")
  }
  self.__stemQuery = transform

  add("message", function (ev) {
    var message = ev.data
    if (message && message.type === QUERY && typeof message.data === "string")
      message = { type: message.type, data: transform(message.data) }
    var event = { data: message }
    handlers.forEach(function (fn) { fn(event) })
  })
})()
