/* iCalendar made in the browser (RFC 5545): the finders' download of their results
 * (finder.js) and «Мой муниципалитет»'s (my-export.js) share this one writer.
 * The calendars built at build time come from hooks/catalogue/ical.py (icalendar).
 *
 * window.catalogueIcs.calendar(events, name, product, now) -> the file's text;
 *   events: [{uid, opens, closes (YYYY-MM-DD, the last day of the window), summary,
 *             url, description (optional)}], all-day events, DTEND the day after.
 * window.catalogueIcs.fold(line): section 3.1, lines of at most 75 octets of UTF-8;
 *   a continuation line starts with a space; folded between code points, never inside
 *   one: a surrogate pair (an emoji) or a multi-octet UTF-8 sequence stays whole.
 */
(function () {
  "use strict"

  function text(value) {   /* section 3.3.11: TEXT escapes */
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n")
  }
  function octets(cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  function fold(line) {
    var out = [], current = "", bytes = 0
    for (var i = 0; i < line.length;) {
      var cp = line.codePointAt(i), ch = String.fromCodePoint(cp), size = octets(cp)
      if (bytes + size > 75) { out.push(current); current = " "; bytes = 1 }
      current += ch; bytes += size; i += ch.length
    }
    out.push(current)
    return out.join("\r\n")
  }
  function date(day, add) {   /* YYYY-MM-DD (+ days) -> YYYYMMDD */
    var d = new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + (add || 0))
    var m = d.getMonth() + 1, dd = d.getDate()
    return "" + d.getFullYear() + (m < 10 ? "0" : "") + m + (dd < 10 ? "0" : "") + dd
  }
  function calendar(events, name, product, now) {
    var stamp = (now || new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
                 "PRODID:-//Municipal Catalogue//" + product + "//RU",
                 "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + text(name)]
    events.forEach(function (e) {
      lines.push("BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + date(e.opens), "DTEND;VALUE=DATE:" + date(e.closes, 1),
        "SUMMARY:" + text(e.summary))
      if (e.description) lines.push("DESCRIPTION:" + text(e.description))
      lines.push("URL:" + e.url, "END:VEVENT")
    })
    lines.push("END:VCALENDAR")
    return lines.map(fold).join("\r\n") + "\r\n"
  }

  window.catalogueIcs = { calendar: calendar, fold: fold, text: text }
})()
