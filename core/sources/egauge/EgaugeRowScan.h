// EgaugeRowScan: the fast path of the egauge-show parser for the bulk of an answer, the run of
// <r><c>…</c></r> rows, which expat alone cannot get through fast enough (issue 9 item 10).
#pragma once

#include "sources/egauge/EgaugeXml.h"

namespace fs::egauge {

/// Scans whole rows from `p` while they have exactly the shape the meter writes: `<r>`, `columns`
/// × `<c>` optional whitespace, an S64 decimal, optional whitespace `</c>`, then `</r>`, with
/// whitespace between tags. Appends each row to `block` (made absolute when block.wasDelta) and
/// returns the end of the last whole row taken; `p` itself when the first row does not fit.
/// Anything else (a comment, an attribute, an entity, a wrong cell count, a bad number) ends the
/// scan before that row, and the caller hands the rest to the full XML parser, which decides.
const char* scanRows(const char* p, const char* end, int columns, Block& block);

} // namespace fs::egauge
