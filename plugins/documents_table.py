"""Datasette plugin: the documents table as a researcher reads it.

- `extra_template_vars`: `documents_default_columns` for templates/_table.html: with no
  `_col`/`_nocol`, the documents table shows title (linked to the document page, wide),
  发文字号, issuer, signed date, province, 文种 and topic; `_all=1` (one click) shows every column.
- `extra_body_script`: a signed-date range (成文日期 from/to) above the documents table,
  which sets Datasette's own filters `signed_date__gte` / `signed_date__lte`, keeping the
  search and the other filters.
"""
from __future__ import annotations

from datasette import hookimpl

DEFAULT_COLUMNS = ("title", "doc_number", "issuer", "signed_date", "province", "doc_type", "topic")


@hookimpl
def extra_template_vars(view_name, table):
    if view_name == "table" and table == "documents":
        return {"documents_default_columns": DEFAULT_COLUMNS}
    return None


DATE_RANGE = """
(function () {
  var form = document.querySelector('form.filters, form[action]');
  if (!form) { return; }
  var params = new URLSearchParams(location.search);
  var box = document.createElement('form');
  box.className = 'date-range';
  box.method = 'get';
  box.innerHTML = '<label>成文日期 Signed from <input type="date" name="signed_date__gte"></label> ' +
    '<label>to <input type="date" name="signed_date__lte"></label> <input type="submit" value="筛选 Filter">';
  ['signed_date__gte', 'signed_date__lte'].forEach(function (name) {
    if (params.get(name)) { box.querySelector('[name=' + name + ']').setAttribute('value', params.get(name)); }
  });
  params.forEach(function (value, key) {
    if (key === 'signed_date__gte' || key === 'signed_date__lte' || key === '_next') { return; }
    var keep = document.createElement('input');
    keep.type = 'hidden'; keep.name = key; keep.value = value;
    box.appendChild(keep);
  });
  box.addEventListener('submit', function () {
    box.querySelectorAll('input[type=date]').forEach(function (i) { if (!i.value) { i.disabled = true; } });
  });
  form.parentNode.insertBefore(box, form.nextSibling);
})();
var wide = document.createElement('style');
wide.textContent = '.table-documents td.col-title { min-width: 26em; max-width: 40em; } ' +
  '.date-range { margin: 0.5em 0 1em; } .date-range label { margin-right: 0.6em; }';
document.head.appendChild(wide);
"""


@hookimpl
def extra_body_script(view_name, table):
    return DATE_RANGE if view_name == "table" and table == "documents" else None
