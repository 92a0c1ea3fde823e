// The store's versioned schema: each migration moves the database up one version.
#pragma once

#include <QStringList>

namespace fs::schema {

/// Statements of migration N (index N-1) take a database from version N-1 to N.
const QList<QStringList>& migrations();

/// The version a fully migrated store has.
int currentVersion();

} // namespace fs::schema
