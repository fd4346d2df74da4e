/* Files a reader takes away from «Мой муниципалитет»: CSV for Excel and
 * iCalendar, made in the browser from what the page shows.
 *
 * CSV: as the open data's CSV (hooks/catalogue/export.py, «CSV»): for Excel in
 * the Russian locale, «;» as the separator (its list separator; «,» is the
 * decimal comma there), RFC 4180 otherwise (CRLF line ends, fields with a «;»,
 * comma, quote or line break in double quotes, quotes doubled), UTF-8 with a
 * byte order mark so that Excel reads Cyrillic; a cell that starts with =, +,
 * -, @, a tab or a carriage return gets a leading apostrophe, so that Excel
 * never runs it as a formula. iCalendar: RFC 5545, lines folded at 75 octets without
 * splitting a character (a continuation line starts with a space).
 */
(function () {
  "use strict"

  function csvField(value) {
    var text = value === null || value === undefined ? "" : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text
    return /[";,\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text
  }
  /* rows: [[cell, ...], ...] -> the file's text, BOM first */
  function csv(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(csvField).join(";") })
      .join("\r\n") + "\r\n"
  }

  var encoder = new TextEncoder()
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n")
  }
  function fold(line) {
    var out = [], current = "", bytes = 0
    for (var ch of line) {   /* code points: a surrogate pair stays whole */
      var size = encoder.encode(ch).length
      if (bytes + size > 75) { out.push(current); current = " "; bytes = 1 }
      current += ch; bytes += size
    }
    out.push(current)
    return out.join("\r\n")
  }
  function icsDate(day, add) {
    var d = new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + (add || 0))
    var m = d.getMonth() + 1, dd = d.getDate()
    return "" + d.getFullYear() + (m < 10 ? "0" : "") + m + (dd < 10 ? "0" : "") + dd
  }
  /* events: [{uid, opens, closes (YYYY-MM-DD, last day), summary, url, description}] */
  function ics(events, name, now) {
    var stamp = (now || new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Municipal Catalogue//My page//RU",
                 "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + icsText(name)]
    events.forEach(function (e) {
      lines.push("BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDate(e.opens), "DTEND;VALUE=DATE:" + icsDate(e.closes, 1),
        "SUMMARY:" + icsText(e.summary))
      if (e.description) lines.push("DESCRIPTION:" + icsText(e.description))
      lines.push("URL:" + e.url, "END:VEVENT")
    })
    lines.push("END:VCALENDAR")
    return lines.map(fold).join("\r\n") + "\r\n"
  }

  function download(text, filename, type) {
    var link = document.createElement("a")
    link.href = URL.createObjectURL(new Blob([text], { type: type }))
    link.download = filename
    document.body.appendChild(link); link.click(); link.remove()
    setTimeout(function () { URL.revokeObjectURL(link.href) }, 1000)
  }

  window.catalogueExport = { csv: csv, ics: ics, fold: fold, download: download }
})()
