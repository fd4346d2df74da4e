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

  var SETUP = 0, QUERY = 2, RESULT = 3  /* SearchMessageType in Material's worker */
  var CYRILLIC = /[а-яё]/i
  var PLAIN = /^[a-zа-яё0-9]+$/i
  /* ?query=legacy: the query handling before issue 16 (the benchmark's baseline) */
  var LEGACY = new URL(here).searchParams.get("query") === "legacy"

  /* ---- Query handling -----------------------------------------------------
   *
   * The one place where a reader's words become index terms, for the served
   * site and the offline edition alike (both run this worker):
   *
   *  - ё is folded to е on both sides (fold(), also the first step of the index
   *    pipeline, see fixPipeline), before stemming: «отчет» finds «отчёт».
   *  - Prepositions, conjunctions and particles (FUNCTION_WORDS) match nothing:
   *    they are dropped from queries and from the index. Only true function
   *    words: lunr's Russian stop list also drops words such as «время», «мой»,
   *    «сами», which name things in titles («Время героев»).
   *  - Every other word goes through the index's own pipeline (trimmer and the
   *    Russian/English stemmers), so the query term is what the index holds.
   *    Words of four letters or more match as prefixes of index terms (word
   *    forms the stemmer leaves apart, a word being typed; the word itself when
   *    its stem is shorter than four letters: прием -> при) and, from five
   *    letters of stem, within one edit (деревня/деревень, a typo) at a lower
   *    weight; shorter words (ТОС, МО, 44, ФЗ) match whole terms only.
   *  - Synonyms (content/reference/synonyms.yml, shipped in the search index
   *    as config.synonyms): a query word or phrase of a synonym set matches any
   *    phrase of the set (ТОС = территориальное общественное самоуправление).
   *  - Ranking: a document that matches more of the query's words comes first;
   *    among equals, lunr's score (title boost 1000, document boosts: entries 1,
   *    generated and hand-written pages less) decides.
   */
  var FUNCTION_WORDS = new Set((
    /* prepositions */
    "в во на по о об обо от ото до для за из изо к ко с со у под подо над надо при " +
    "про без безо через между перед передо пред после около вокруг против ради " +
    "сквозь среди вдоль возле мимо вместо кроме внутри вне насчет благодаря согласно " +
    "вследствие ввиду посредством путем " +
    /* conjunctions */
    "и а но или либо да же зато однако что чтобы если то тоже также хотя как будто " +
    "словно ибо пока когда раз притом причем поэтому потому так " +
    /* particles */
    "не ни нет ли бы ль б ж вот вон даже лишь только уже еще ведь разве неужели пусть " +
    "ка таки де мол " +
    /* English function words */
    "a an the of and or in on at to for by with from as is are be"
  ).split(/\s+/))

  function fold(word) {
    return word.toLowerCase().replace(/ё/g, "е")
  }

  /* The index pipeline as the index was built (set by fixPipeline), without
     the function-word filter: a query word -> its index term, or null. */
  var termPipeline = []
  function indexTerm(word) {
    var token = new self.lunr.Token(fold(word), {})
    for (var i = 0; i < termPipeline.length; i++) {
      var out = termPipeline[i](token, 0, [token])
      if (out === undefined || out === null) return null
      token = Array.isArray(out) ? out[0] : out
      if (!token) return null
    }
    var str = token.toString()
    return str ? str : null
  }

  /* A reader's text -> words: the index's separator (config.separator),
     letters and digits only. */
  var separator = /[\s\-]+/
  function words(text) {
    return String(text).split(separator).map(function (part) {
      return fold(part).replace(/^[^a-zа-я0-9]+|[^a-zа-я0-9]+$/g, "")
    }).filter(function (w) { return w && !FUNCTION_WORDS.has(w) })
  }

  /* One query word -> {word, term, modes}: how it may match an index term. */
  function analyseWord(word) {
    var term = indexTerm(word)
    if (!term) return null
    var modes = [{ mode: "exact", term: term, weight: 1 }]
    if (!/^\d+$/.test(word) && word.length >= 4) {
      /* a stem shorter than four letters (прием -> при) is no prefix: the word is */
      modes.push({ mode: "prefix", term: term.length >= 4 ? term : word, weight: 0.8 })
      if (term.length >= 5) modes.push({ mode: "fuzzy", term: term, weight: 0.4 })
    }
    return { word: word, term: term, modes: modes }
  }

  /* Synonym sets: [[phrase, phrase, ...], ...] with each phrase a list of
     analysed words; built from the index's "synonyms" at setup. */
  var synonymSets = null, synonymSource = []
  function setSynonyms(sets) {
    synonymSource = sets || []
    synonymSets = null
  }
  /* Analysed once the index exists (its pipeline makes the terms). */
  function synonyms() {
    if (synonymSets) return synonymSets
    synonymSets = []
    synonymSource.forEach(function (set) {
      var phrases = []
      set.forEach(function (phrase) {
        var analysed = words(phrase).map(analyseWord).filter(Boolean)
        if (analysed.length) phrases.push(analysed)
      })
      if (phrases.length > 1) synonymSets.push(phrases)
    })
    return synonymSets
  }

  /* A reader's query -> groups of alternatives; a group is matched by a
     document when every word of one of its alternatives is. */
  function analyse(query) {
    var list = words(query).map(analyseWord).filter(Boolean)
    var groups = []
    for (var i = 0; i < list.length;) {
      var best = null, length = 0
      synonyms().forEach(function (set) {
        set.forEach(function (phrase) {
          if (phrase.length <= length || i + phrase.length > list.length) return
          for (var k = 0; k < phrase.length; k++)
            if (phrase[k].term !== list[i + k].term) return
          best = set
          length = phrase.length
        })
      })
      if (best) {
        groups.push({ words: list.slice(i, i + length), alternatives: best })
        i += length
      } else {
        groups.push({ words: [list[i]], alternatives: [[list[i]]] })
        i += 1
      }
    }
    return groups
  }

  /* Run analysed groups on a lunr index: [{ref, score, matchData, groups,
     terms}] best first. */
  function run(index, groups) {
    var lunr = self.lunr, cache = new Map()
    function hits(term, mode) {
      var key = mode + ":" + term
      if (cache.has(key)) return cache.get(key)
      var found = new Map()
      index.query(function (q) {
        q.term(term, {
          usePipeline: false,
          wildcard: mode === "prefix" ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          editDistance: mode === "fuzzy" ? 1 : 0
        })
      }).forEach(function (r) { found.set(r.ref, r) })
      cache.set(key, found)
      return found
    }
    /* One analysed word: ref -> {score, matchData} (best mode per document) */
    function wordHits(word) {
      var out = new Map()
      word.modes.forEach(function (m) {
        hits(m.term, m.mode).forEach(function (r, ref) {
          var score = r.score * m.weight, had = out.get(ref)
          if (!had) out.set(ref, had = { score: score, matchData: r.matchData, keys: new Set() })
          else {
            if (score > had.score) had.score = score
            if (had.matchData !== r.matchData) had.matchData.combine(r.matchData)
          }
          Object.keys(r.matchData.metadata).forEach(function (k) { had.keys.add(k) })
        })
      })
      /* what the page highlights (?h=): the word's term when it is a prefix of
         every term it met, else those terms (деревн met деревен) */
      out.forEach(function (h) {
        var keys = Array.from(h.keys)
        h.highlight = keys.every(function (k) { return k.indexOf(word.term) === 0 })
          ? [word.term] : keys
      })
      return out
    }
    var docs = new Map()
    groups.forEach(function (group) {
      var matched = new Map()
      group.alternatives.forEach(function (alternative) {
        var all = alternative.map(wordHits)
        all[0].forEach(function (first, ref) {
          var score = 0, parts = [], highlight = []
          for (var k = 0; k < all.length; k++) {
            var h = all[k].get(ref)
            if (!h) return
            score += h.score
            parts.push(h.matchData)
            highlight.push.apply(highlight, h.highlight)
          }
          var had = matched.get(ref)
          if (!had || score > had.score)
            matched.set(ref, { score: score, parts: parts, highlight: highlight })
        })
      })
      matched.forEach(function (m, ref) {
        var doc = docs.get(ref)
        if (!doc) docs.set(ref, doc = { ref: ref, score: 0, groups: 0,
                                        matchData: new lunr.MatchData(), matched: new Set(),
                                        highlight: [] })
        doc.groups += 1
        doc.score += m.score
        doc.matched.add(group)
        m.highlight.forEach(function (t) {
          if (doc.highlight.indexOf(t) < 0) doc.highlight.push(t)
        })
        m.parts.forEach(function (md) { doc.matchData.combine(md) })
      })
    })
    var results = []
    docs.forEach(function (doc) {
      /* a term met by two modes (prefix and fuzzy) has its positions twice */
      var metadata = doc.matchData.metadata
      Object.keys(metadata).forEach(function (t) {
        Object.keys(metadata[t]).forEach(function (f) {
          var position = metadata[t][f].position
          if (!position) return
          var seen = new Set()
          metadata[t][f].position = position.filter(function (p) {
            var key = String(p)
            if (seen.has(key)) return false
            seen.add(key)
            return true
          })
        })
      })
      doc.rank = doc.groups * 1e7 + doc.score
      results.push(doc)
    })
    results.sort(function (a, b) { return b.rank - a.rank })
    return results
  }

  /* What the query is, between the QUERY message and Material's call of
     lunr.Index#search (synchronous in between), and the ranks it gave. */
  var pending = null, ranks = null

  function patchIndex() {
    var lunr = self.lunr
    if (!lunr || LEGACY || lunr.Index.prototype.__catalogue) return
    var search = lunr.Index.prototype.search
    lunr.Index.prototype.__catalogue = true
    lunr.Index.prototype.search = function (queryString) {
      if (!pending) return search.call(this, queryString)
      var groups = pending
      pending = null
      var results = run(this, groups)
      ranks = { groups: groups, byRef: new Map() }
      results.forEach(function (r) { ranks.byRef.set(r.ref, r) })
      return results
    }
  }

  /* Material's result, re-ordered by our ranks; `terms` name the index terms
     matched (the ?h= highlight of the page) and the reader's missing words. */
  function reorder(data) {
    if (!ranks || !data || !Array.isArray(data.items)) return data
    var byRef = ranks.byRef, groups = ranks.groups
    function rankOf(item) { var r = byRef.get(item.location); return r ? r.rank : 0 }
    data.items.forEach(function (list) {
      var best = null
      list.forEach(function (item) {
        var r = byRef.get(item.location)
        if (r && (!best || r.rank > best.rank)) best = r
      })
      list.forEach(function (item) {
        var r = byRef.get(item.location) || best
        if (!r) return
        var terms = {}
        r.highlight.forEach(function (t) { terms[t] = true })
        groups.forEach(function (group) {
          if (!r.matched.has(group)) group.words.forEach(function (w) { terms[w.word] = false })
        })
        item.terms = terms
        item.score = byRef.get(item.location) ? rankOf(item) : 0
      })
      list.__rank = best ? best.rank : 0
    })
    data.items.sort(function (a, b) { return b.__rank - a.__rank })
    data.items.forEach(function (list) { delete list.__rank })
    ranks = null
    return data
  }

  /* Legacy (before issue 16): stem plain words of four letters or more. */
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
  function legacyTransform(query) {
    return query.split(/(\s+)/).map(function (part) {
      if (!PLAIN.test(part) || part.length < 4) return part
      return stem(part)
    }).join("")
  }

  /* The query Material's worker sees: our terms (its suggestions and the
     `terms` it computes are replaced in reorder). */
  function transform(query) {
    if (LEGACY) return legacyTransform(query)
    patchIndex()
    var groups = analyse(query)
    if (!groups.length) { pending = null; return "" }
    pending = groups
    var seen = new Set()
    return groups.map(function (g) { return g.words.map(function (w) { return w.term }).join(" ") })
      .join(" ").split(" ").filter(function (t) {
        if (seen.has(t)) return false
        seen.add(t)
        return true
      }).join(" ")
  }
  self.__catalogueQuery = { fold: fold, words: words, analyse: analyse, transform: transform }

  function toMaterial(message) {
    if (message && message.type === QUERY && typeof message.data === "string")
      message = { type: message.type, data: transform(message.data) }
    var event = { data: message }
    handlers.forEach(function (fn) { fn(event) })
  }

  add("message", function (ev) {
    var message = ev.data
    if (message && message.type === SETUP && message.data) {
      if (message.data.config && message.data.config.separator)
        separator = new RegExp(message.data.config.separator)
      setSynonyms(message.data.config && message.data.config.synonyms)
      setupOptions = message.data.options
      /* the page handed over the config only, but this worker runs lunr (?query=legacy) */
      if (engine !== "pagefind" && LUNR_INDEX && !falling) { fallBack(); return }
    }
    if (message && message.type === QUERY && typeof message.data === "string" &&
        engine === "pagefind") {
      pagefindQuery(message)
      return
    }
    toMaterial(message)
  })

  /* ---- Pagefind (the served site) -----------------------------------------
   *
   * On the served site (?pagefind=<pagefind.js>) the page hands Material's worker
   * the lunr index's config and one empty document only (its pipeline makes the
   * query terms above); a query is answered from Pagefind's index
   * (hooks/pagefind_index.py), fetched in fragments. The same query handling
   * (analyse) runs first; each analysed word is one pagefind.search, and the
   * documents are ranked as run() ranks them: more of the query's groups first,
   * then the sum of the words' scores (prefix 0.8, near stem 0.4). When Pagefind
   * cannot run, the worker fetches the whole lunr index (?lunr=) and Material
   * answers as offline. */
  var PAGEFIND = LEGACY ? null : new URL(here).searchParams.get("pagefind")
  var LUNR_INDEX = new URL(here).searchParams.get("lunr")
  var engine = PAGEFIND ? "pagefind" : "lunr"
  /* The best MOST documents are answered (each result's title and summary is a
     fragment fetched from Pagefind's index): Material lists 10 and then more as
     the reader scrolls, and its count says MOST at most. The first FIRST are
     answered as soon as their fragments are in (one request each: a browser
     opens at most six connections to an HTTP/1.1 host, so six come in one round
     trip, a phone's first screen and more); the list is then answered again
     with the rest. */
  var MOST = 20, FIRST = 6
  /* Pagefind's ranking (pagefind.options): a near word form counts more
     (termSimilarity), repeated words saturate less, so a title word (weight 10)
     outweighs a few mentions in the text; length normalisation as Pagefind's
     default. Chosen on tests/search_relevance.yml (success@3 0.968 on the real
     catalogue; with pageLength 0: 0.96). */
  var RANKING = { termSimilarity: 2, termSaturation: 2 }
  var pagefind = null, asked = 0

  function loadPagefind() {
    if (!pagefind)
      pagefind = import(PAGEFIND).then(function (pf) {
        /* short documents (title, summary, facts): their length says little */
        return Promise.resolve(pf.options({ ranking: RANKING }))
          .then(function () { return pf.init() }).then(function () { return pf })
      })
    return pagefind
  }

  /* Pagefind failed: the whole lunr index, then Material answers (as offline). */
  var falling = null, setupOptions
  function fallBack() {
    if (!falling) falling = fetch(LUNR_INDEX).then(function (r) { return r.json() })
      .then(function (index) {
        engine = "lunr"
        index.options = setupOptions  /* what the page added to the index (suggest) */
        toMaterial({ type: SETUP, data: index })
      })
    return falling
  }

  /* One analysed word's mode -> what Pagefind is asked: the word itself (Pagefind
     stems it and matches index words that begin with the stem) or, for words that
     match whole terms only (short words, numbers, stems under four letters), the
     word quoted; a near stem: the stem less its last letter. */
  function pagefindText(word, mode) {
    if (mode.mode === "fuzzy") return mode.term.slice(0, -1)
    if (mode.mode === "prefix") {
      if (mode.term === word.term) return mode.term.length >= 4 ? word.word : null
      return stemmingTo(mode.term)
    }
    if (word.modes.length > 1 && word.term.length >= 4) return null
    return "\"" + word.word + "\""
  }

  /* Pagefind stems what it is asked and matches index words that begin with the
     stem. A word whose stem is shorter than four letters (прием -> при) is a
     prefix itself in the lunr path (прием*: приема, приемная); Pagefind would stem
     it back to при* (причина, приказ, ...). So it is asked a form of the word that
     the same stemmer (Snowball Russian, the index pipeline's) stems to the word
     itself (приема -> прием), or nothing. */
  var ENDINGS = ["а", "у", "ом", "ы", "и", "е", "ой", "ям", "ах"]
  function stemmingTo(prefix) {
    for (var i = 0; i < ENDINGS.length; i++)
      if (indexTerm(prefix + ENDINGS[i]) === prefix) return prefix + ENDINGS[i]
    return null
  }

  function pagefindRun(pf, groups) {
    var cache = new Map()
    function hits(text) {
      if (!cache.has(text))
        cache.set(text, pf.search(text).then(function (found) {
          var out = new Map()
          /* Pagefind also searches the metadata (the title and summary as written,
             with ё and function words: «при» in «прием» would meet them there);
             only what the indexed text holds counts (the record's heading is
             its "title" metadata too) */
          ;((found && found.results) || []).forEach(function (r) {
            if (r.words && r.words.length) out.set(r.id, r)
          })
          return out
        }))
      return cache.get(text)
    }
    /* Pagefind's own answer to a word that meets nothing is the words that begin
       with ever shorter parts of it (самооблажение -> сами): only documents that
       also have a word beginning with the stem's first four letters count. A quoted
       word (whole terms only) is ranked by Pagefind's score of the word unquoted. */
    function found(word, text) {
      var quoted = text.charAt(0) === "\""
      var base = quoted ? text.slice(1, -1) : text
      var parts = [hits(text)]
      if (quoted) parts.push(hits(base))
      if (word.term.length >= 4 && !/^\d+$/.test(word.word)) parts.push(hits(word.term.slice(0, 4)))
      return Promise.all(parts).then(function (maps) {
        var out = new Map(), scored = quoted ? maps[1] : maps[0]
        var within = word.term.length >= 4 && !/^\d+$/.test(word.word) ? maps[maps.length - 1] : null
        maps[0].forEach(function (r, id) {
          if (within && !within.has(id)) return
          out.set(id, scored.get(id) || r)
        })
        return out
      })
    }
    /* word -> Promise(Map id -> {score, result, highlight}) */
    function wordHits(word) {
      return Promise.all(word.modes.map(function (m) {
        var text = pagefindText(word, m)
        return text ? found(word, text).then(function (f) { return { m: m, found: f } })
          : { m: m, found: new Map() }
      })).then(function (all) {
        /* a word that meets nothing (a typo inside it: фельшер, самооблажение):
           the longest beginning of its stem, down to four letters, that does */
        var none = all.every(function (one) { return !one.found.size })
        if (!none || word.term.length < 5 || /^\d+$/.test(word.word)) return all
        var near = word.modes[word.modes.length - 1]
        function shorter(k) {
          if (k < 4) return all
          return found(word, word.term.slice(0, k)).then(function (f) {
            if (!f.size) return shorter(k - 1)
            return [{ m: { mode: "fuzzy", term: word.term.slice(0, k + 1), weight: near.weight },
                      found: f }]
          })
        }
        return shorter(word.term.length - 2)
      }).then(function (all) {
        var out = new Map()
        all.forEach(function (one) {
          var highlight = one.m.mode === "fuzzy" ? one.m.term.slice(0, -1) : word.term
          one.found.forEach(function (r, id) {
            var score = r.score * one.m.weight, had = out.get(id)
            var title = (r.matchedMetaFields || []).indexOf("title") >= 0
            if (!had || score > had.score)
              out.set(id, { score: score, result: r, highlight: highlight, title: title || (had && had.title) })
            else if (title) had.title = true
          })
        })
        return out
      })
    }
    return Promise.all(groups.map(function (group) {
      return Promise.all(group.alternatives.map(function (alternative) {
        return Promise.all(alternative.map(wordHits))
      }))
    })).then(function (perGroup) {
      var docs = new Map()
      perGroup.forEach(function (alternatives, g) {
        var group = groups[g], matched = new Map()
        alternatives.forEach(function (all) {
          all[0].forEach(function (first, id) {
            var score = 0, highlight = [], title = true
            for (var k = 0; k < all.length; k++) {
              var h = all[k].get(id)
              if (!h) return
              score += h.score  /* as run() sums a phrase's words */
              highlight.push(h.highlight)
              title = title && h.title
            }
            var had = matched.get(id)
            if (!had || score > had.score)
              matched.set(id, { score: score, result: first.result, highlight: highlight,
                                title: title || (had && had.title) })
            else if (title) had.title = true
          })
        })
        matched.forEach(function (m, id) {
          var doc = docs.get(id)
          if (!doc) docs.set(id, doc = { id: id, result: m.result, score: 0, groups: 0,
                                         titles: 0, matched: new Set(), highlight: [] })
          doc.groups += 1
          if (m.title) doc.titles += 1
          doc.score += m.score
          doc.matched.add(group)
          m.highlight.forEach(function (t) {
            if (doc.highlight.indexOf(t) < 0) doc.highlight.push(t)
          })
        })
      })
      var results = Array.from(docs.values())
      /* more of the query's groups first; then more of them in the title (the
         lunr path's title boost); then Pagefind's scores */
      results.forEach(function (doc) { doc.rank = doc.groups * 1e7 + doc.titles * 1e5 + doc.score })
      results.sort(function (a, b) { return b.rank - a.rank })
      return results
    })
  }

  function escapeHTML(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  }
  /* Text with the words that begin with a highlighted term marked. */
  function mark(text, terms) {
    return escapeHTML(text).replace(/[0-9A-Za-zА-Яа-яЁё]+/g, function (w) {
      var f = fold(w)
      return terms.some(function (t) { return f.indexOf(t) === 0 }) ? "<mark>" + w + "</mark>" : w
    })
  }

  /* Ranked documents -> Material's result items (one per document). */
  function items(docs, groups) {
    return Promise.all(docs.map(function (doc) {
      return doc.result.data().then(function (data) {
        var meta = data.meta || {}, terms = {}
        doc.highlight.forEach(function (t) { terms[t] = true })
        groups.forEach(function (group) {
          if (!doc.matched.has(group)) group.words.forEach(function (w) { terms[w.word] = false })
        })
        return [{ location: meta.location || data.raw_url || data.url, title: mark(meta.heading || meta.title || "", doc.highlight),
                  text: mark(meta.summary || "", doc.highlight), score: doc.rank, terms: terms }]
      })
    }))
  }

  /* self.__catalogueAnswering: an answer still to come (the rest of a list):
     scripts/search_bench.py waits for none before typing the next query, so that
     the rest of one query's list is not read as the next query's answer. */
  self.__catalogueAnswering = 0
  function pagefindQuery(message) {
    var id = ++asked, query = message.data
    function current() { return id === asked && engine === "pagefind" }
    self.__catalogueAnswering += 1
    loadPagefind().then(function (pf) {
      var groups = analyse(query)
      if (!groups.length) {
        if (current()) post.call(self, { type: RESULT, data: { items: [] } })
        return
      }
      return pagefindRun(pf, groups).then(function (docs) {
        if (!current()) return
        return items(docs.slice(0, FIRST), groups).then(function (list) {
          if (!current()) return
          post.call(self, { type: RESULT, data: { items: list } })
          if (docs.length > FIRST)
            return items(docs.slice(FIRST, MOST), groups).then(function (more) {
              if (current()) post.call(self, { type: RESULT, data: { items: list.concat(more) } })
            })
        })
      })
    }).catch(function (error) {
      if (engine !== "pagefind") return
      console.warn("search: Pagefind failed, using the lunr index", error)
      return fallBack().then(function () { if (id === asked) toMaterial(message) })
    }).then(function () { self.__catalogueAnswering -= 1 },
            function () { self.__catalogueAnswering -= 1 })
  }

  /* Pagefind's script, its entry, metadata and WebAssembly are fetched as the
     worker starts (the page creates it when it loads), not when the first query
     comes: a query then waits only for its index chunks and result fragments. */
  if (engine === "pagefind") loadPagefind().catch(function () {})

  var post = self.postMessage
  self.postMessage = function (message) {
    if (message && message.type === RESULT && !LEGACY) message.data = reorder(message.data)
    return post.apply(self, arguments)
  }

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
  var PER_WORD = /^(lunr-multi-)?(trimmer|stopWordFilter|stemmer|fold)(-[a-z-]+)?$/
  /* ?build=lunr keeps lunr's own build: the test compares the two */
  var LUNR_BUILD = new URL(here).searchParams.get("build") === "lunr"
  var builds = new WeakMap()
  var original = {}
  var stamp = 0

  function patchBuilder() {
    var lunr = self.lunr
    if (!lunr || original.add) return
    original.add = lunr.Builder.prototype.add
    original.createFieldVectors = lunr.Builder.prototype.createFieldVectors
    var ours = !LUNR_BUILD && material && material.indexOf(TOKENIZER_OF) >= 0
    lunr.Builder.prototype.add = function (doc, attributes) {
      fixPipeline(this)
      return (ours ? addDocument : original.add).call(this, doc, attributes)
    }
    if (ours) lunr.Builder.prototype.createFieldVectors = createFieldVectors
    patchIndex()
  }

  /* The index pipeline of our query handling (see "Query handling"): ё folded
     to е after the trimmer, lunr's stop lists replaced by FUNCTION_WORDS. */
  function foldToken(token) {
    return token.update(function (s) { return fold(s) })
  }
  foldToken.label = "fold"
  function functionWordFilter(token) {
    return FUNCTION_WORDS.has(token.toString()) ? undefined : token
  }
  functionWordFilter.label = "stopWordFilter-function-words"
  var fixed = new WeakSet()
  function fixPipeline(builder) {
    if (LEGACY || fixed.has(builder)) return
    fixed.add(builder)
    var stack = builder.pipeline._stack.filter(function (fn) {
      return !/stopWordFilter/.test(fn.label || "")
    })
    var at = 0
    stack.forEach(function (fn, i) { if (/trimmer/.test(fn.label || "")) at = i + 1 })
    stack.splice(at, 0, foldToken, functionWordFilter)
    builder.pipeline._stack = stack
    termPipeline = stack.filter(function (fn) { return fn !== functionWordFilter })
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
