/* Files a reader takes away from «Мой муниципалитет»: CSV for Excel and
 * iCalendar, made in the browser from what the page shows.
 *
 * CSV: as the open data's CSV (hooks/catalogue/export.py, «CSV»): for Excel in
 * the Russian locale, «;» as the separator (its list separator; «,» is the
 * decimal comma there), RFC 4180 otherwise (CRLF line ends, fields with a «;»,
 * comma, quote or line break in double quotes, quotes doubled), UTF-8 with a
 * byte order mark so that Excel reads Cyrillic; a cell that starts with =, +,
 * -, @, a tab or a carriage return gets a leading apostrophe, so that Excel
 * never runs it as a formula. iCalendar: the site's one writer in the browser, ics.js.
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

  /* events: [{uid, opens, closes (YYYY-MM-DD, last day), summary, url, description}] */
  function ics(events, name, now) {
    return window.catalogueIcs.calendar(events, name, "My page", now)
  }

  function download(text, filename, type) {
    var link = document.createElement("a")
    link.href = URL.createObjectURL(new Blob([text], { type: type }))
    link.download = filename
    document.body.appendChild(link); link.click(); link.remove()
    setTimeout(function () { URL.revokeObjectURL(link.href) }, 1000)
  }

  window.catalogueExport = { csv: csv, ics: ics, fold: window.catalogueIcs.fold,
                            download: download }
})()
