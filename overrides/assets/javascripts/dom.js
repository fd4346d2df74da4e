/* Small helpers the finders (finder.js) and «Мой муниципалитет» (my.js) share:
 * elements built from text (editors' text is never markup), Russian plural forms,
 * membership in an optional list. Loaded on every page before finder.js; /my/
 * loads it earlier too (catalogue/my.html), so the second load does nothing. */
(function () {
  "use strict"
  if (window.catalogueDom) return
  var plural = null   /* built on first use: ICU's data costs a page that counts nothing */

  /* a new element: tag, class (optional), text content (optional; never parsed as markup) */
  function el(tag, cls, text) {
    var node = document.createElement(tag)
    if (cls) node.className = cls
    if (text !== undefined && text !== null) node.textContent = text
    return node
  }
  /* n and the noun's form for it: forms = [one, few, many], e.g. ["мера", "меры", "мер"] */
  function count(n, forms) {
    var f = (plural = plural || new Intl.PluralRules("ru")).select(n)
    return n + " " + (f === "one" ? forms[0] : f === "few" ? forms[1] : forms[2])
  }
  /* value is in list (a missing list holds nothing) */
  function has(list, value) { return !!list && list.indexOf(value) !== -1 }

  window.catalogueDom = { el: el, count: count, has: has }
})()
