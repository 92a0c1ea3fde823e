// PeperTagText: a tag value of Peper's YAML as its script wrote it into InfluxDB, so imported
// series keep their keys: PyYAML (YAML 1.1) typed plain scalars, and the tag was str() of the value.
#pragma once

#include <QString>

namespace fs::peper {

/// The text Peper's script wrote for a scalar whose YAML text is `text`: unchanged when the scalar
/// was quoted (`plain` false) or is plain text; otherwise Python's str() of what PyYAML read, e.g.
/// 48.85660 → "48.8566", 06000 (octal in YAML 1.1) → "3072", 1_000 → "1000", yes → "True".
QString tagText(const QString& text, bool plain);

} // namespace fs::peper
