/* Russian word forms in search, and a faster index build.
 *
 * Material's search worker appends a wildcard to every query word ("поддержки*"),
 * and lunr does not stem wildcard words, so a stemmed index ("поддержк") never
 * meets them. This worker wraps Material's own: it stems each query word with
 * the Russian (or English) stemmer that Material already loads, then hands the
 * query on. "поддержки" -> "поддержк" -> "поддержк*" matches "поддержка".
 *
 * Material builds the lunr index in the browser when a page opens: at 10,000
 * entries that kept the first result ~2 s away. addDocument below builds the
 * very same index in less than half the time (see "Index build").
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
  var deferred = loading && typeof loading.then === "function"
  if (deferred)
    loading.then(function () { self.addEventListener = add; patchBuilder() })
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

  /* ---- Index build ------------------------------------------------------
   *
   * lunr's Builder#add runs every word of every document through the whole
   * pipeline (trimmer, two stop-word filters, the Snowball Russian and Porter
   * stemmers) and updates the inverted index word by word; Material's tokenizer
   * makes a lunr.Token per word first. Words repeat heavily (10,000 synthetic
   * entries: ~480,000 words, ~2,500 terms), so addDocument below runs the
   * pipeline once per distinct word, counts a field's terms before touching the
   * inverted index, and tokenizes without Token objects. The result is the same
   * index (inverted index, term order, positions, field vectors) and the same
   * position tables Material highlights from: tests/browser/test_search_build.py
   * compares the results of every word of the index with lunr's own build.
   *
   * The tokenizer is a copy of Material's (search/internal/tokenize, extract
   * and _/split in the worker's source map), so it is used with that build of
   * the worker only; any other build keeps lunr's own Builder#add.
   */
  var TOKENIZER_OF = "search.a7633da7.min.js"
  /* Pipeline functions of lunr and lunr-languages that look at the word only */
  var PER_WORD = /^(lunr-multi-)?(trimmer|stopWordFilter|stemmer)(-[a-z-]+)?$/
  /* ?build=lunr keeps lunr's own build: the test compares the two */
  var LUNR_BUILD = new URL(here).searchParams.get("build") === "lunr"
  var builds = new WeakMap()
  var original = {}
  var stamp = 0

  function patchBuilder() {
    var lunr = self.lunr
    if (!lunr || LUNR_BUILD || !material || material.indexOf(TOKENIZER_OF) < 0 ||
        original.add) return
    original.add = lunr.Builder.prototype.add
    original.createFieldVectors = lunr.Builder.prototype.createFieldVectors
    lunr.Builder.prototype.add = addDocument
    lunr.Builder.prototype.createFieldVectors = createFieldVectors
  }

  /* What one index build keeps between documents; null: lunr's own code builds. */
  function buildState(builder) {
    if (builds.has(builder)) return builds.get(builder)
    var lunr = self.lunr, stack = builder.pipeline._stack, whitelist = builder.metadataWhitelist
    var ours = lunr.segmenter === undefined &&
      whitelist.length === 1 && whitelist[0] === "position" &&
      stack.every(function (fn) { return PER_WORD.test(fn.label || "") })
    var state = ours ? { words: new Map(), terms: new Map(), fields: [] } : null
    builds.set(builder, state)
    return state
  }

  /* The term of a word (null: dropped by the pipeline), with its posting. */
  function termOf(builder, state, fields, word) {
    var term = state.words.get(word)
    if (term !== undefined) return term
    var out = builder.pipeline.run([new self.lunr.Token(word, {})])
    term = null
    if (out.length) {
      var str = out[0].str
      term = state.terms.get(str)
      if (term === undefined) {
        /* A posting is made where lunr makes it (first use), so term indexes match. */
        var posting = Object.create(null)
        posting._index = builder.termIndex++
        for (var k = 0; k < fields.length; k++) posting[fields[k]] = Object.create(null)
        builder.invertedIndex[str] = posting
        term = { str: str, posting: posting, stamp: 0, slot: 0 }
        state.terms.set(str, term)
      }
    }
    state.words.set(word, term)
    return term
  }

  function addDocument(doc, attributes) {
    var state = buildState(this)
    if (!state) return original.add.call(this, doc, attributes)
    var lunr = self.lunr, builder = this
    var docRef = doc[this._ref], fields = Object.keys(this._fields)
    var again = this._documents[docRef] !== undefined  /* lunr adds the positions up */
    this._documents[docRef] = attributes || {}
    this.documentCount += 1
    for (var i = 0; i < fields.length; i++) {
      var fieldName = fields[i], extractor = this._fields[fieldName].extractor
      var field = extractor ? extractor(doc) : doc[fieldName]
      var found = [], counts = [], positions = [], length = 0
      var now = ++stamp
      var inputs = field === undefined ? [] : Array.isArray(field) ? field : [field]
      for (var n = 0; n < inputs.length; n++) {
        var input = inputs[n], table = lunr.tokenizer.table, total = table.length
        extract(input, function (block, type, start, end) {
          var rows = table[block += total] || (table[block] = [])
          if (type !== 1) {
            rows.push(start << 12 | end - start << 2 | type)
            return
          }
          var section = input.slice(start, end)
          var separator = new RegExp(lunr.tokenizer.separator, "g"), match, index = 0
          do {
            match = separator.exec(section)
            var until = match ? match.index : section.length
            if (index < until) {
              rows.push(start + index << 12 | until - index << 2 | type)
              var term = termOf(builder, state, fields,
                section.slice(index, until).toLowerCase())
              if (term !== null) {
                length++
                if (term.stamp !== now) {
                  term.stamp = now
                  term.slot = found.length
                  found.push(term)
                  counts.push(0)
                  positions.push([])
                }
                counts[term.slot]++
                positions[term.slot].push(block << 20 | rows.length - 1)
              }
            }
            if (match) {
              index = match.index + match[0].length
              if (match[0].length === 0) separator.lastIndex = match.index + 1
            }
          } while (match)
        })
      }
      for (var f = 0; f < found.length; f++) {
        var docs = found[f].posting[fieldName], entry = again && docs[docRef]
        if (entry) entry.position.push.apply(entry.position, positions[f])
        else docs[docRef] = { position: positions[f] }
      }
      var fieldRef = new lunr.FieldRef(docRef, fieldName).toString()
      this.fieldLengths[fieldRef] = length
      state.fields.push({ ref: fieldRef, name: fieldName, doc: docRef, length: length,
                          terms: found, counts: counts })
    }
  }

  /* Material's extract (search/internal/extract): markup and text sections. */
  function extract(input, fn) {
    var block = 0, start = 0, end = 0
    for (var stack = 0; end < input.length; end++) {
      if (input.charAt(end) === "<" && end > start) {
        fn(block, 1, start, start = end)
      } else if (input.charAt(end) === ">") {
        if (input.charAt(start + 1) === "/") {
          if (--stack === 0) fn(block++, 2, start, end + 1)
        } else if (input.charAt(end - 1) !== "/") {
          if (stack++ === 0) fn(block, 0, start, end + 1)
        }
        start = end + 1
      }
    }
    if (end > start) fn(block, 1, start, end)
  }

  /* lunr's Builder#createFieldVectors (same scores, elements sorted by term
     index) from the counts addDocument kept, without a lookup per term; so
     fieldTermFrequencies, which only it reads, stays empty. */
  function createFieldVectors() {
    var state = buildState(this)
    if (!state) return original.createFieldVectors.call(this)
    var lunr = self.lunr, vectors = {}, k1 = this._k1, b = this._b
    var idfs = []
    for (var i = 0; i < state.fields.length; i++) {
      var one = state.fields[i], terms = one.terms, counts = one.counts
      var fieldBoost = this._fields[one.name].boost || 1
      var docBoost = this._documents[one.doc].boost || 1
      var norm = k1 * (1 - b + b * (one.length / this.averageFieldLength[one.name]))
      var elements = []
      for (var j = 0; j < terms.length; j++) {
        var posting = terms[j].posting, tf = counts[j], at = posting._index
        var idf = idfs[at]
        if (idf === undefined) idf = idfs[at] = lunr.idf(posting, this.documentCount)
        var score = idf * ((k1 + 1) * tf) / (norm + tf)
        score *= fieldBoost
        score *= docBoost
        var p = elements.length
        elements.push(0.5, 0.5)  /* a double array from the start: no transition */
        while (p > 0 && elements[p - 2] > at) {
          elements[p] = elements[p - 2]
          elements[p + 1] = elements[p - 1]
          p -= 2
        }
        elements[p] = at
        elements[p + 1] = Math.round(score * 1000) / 1000
      }
      vectors[one.ref] = new lunr.Vector(elements)
    }
    this.fieldVectors = vectors
  }

  /* Once Material's script (lunr with it) has run, before any message. */
  if (!deferred) patchBuilder()
})()
