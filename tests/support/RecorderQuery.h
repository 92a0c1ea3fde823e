// RecorderQuery: one number read from a store through its Recorder, as the writer thread sees it.
#pragma once

#include "store/Recorder.h"
#include "store/Store.h"

#include <QSqlQuery>
#include <QString>

namespace fs::test {

/// Runs `sql` (a query answering one number) as a Recorder job; -1 when it fails or answers no row.
inline qint64 scalar(Recorder& rec, const QString& sql)
{
    qint64 v = -1;
    rec.run([&](Store& st) {
        QSqlQuery q(st.db());
        if (q.exec(sql) && q.next())
            v = q.value(0).toLongLong();
        return Status();
    });
    return v;
}

} // namespace fs::test
