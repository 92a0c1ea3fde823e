// LegacyBatches: the payload is the old client's own (same keys), only corrected; the zip is
// never touched, so what the receiver gets is what the old client built.
#include "LegacyBatches.h"

#include "BatchFiles.h"
#include "GascloudApi.h"
#include "UploadBatch.h"
#include "util/DurableFile.h"
#include "util/Logging.h"

#include <QDir>
#include <QFileInfo>

namespace fs::legacy {

namespace {

QString fieldOf(const FormFields& f, const QString& name)
{
    for (const auto& [k, v] : f) {
        if (k == name)
            return v;
    }
    return {};
}

void setField(FormFields& f, const QString& name, const QString& value)
{
    for (auto& [k, v] : f) {
        if (k == name) {
            v = value;
            return;
        }
    }
    f.append({name, value});
}

} // namespace

QList<SentBatch> sentBatches(const QString& pendingDir, const QSet<QString>& knownIds)
{
    QList<SentBatch> out;
    const QDir dir(pendingDir);
    for (const QString& zipName : dir.entryList({QStringLiteral("*.zip")}, QDir::Files, QDir::Name)) {
        const QString id = QFileInfo(zipName).completeBaseName();
        if (isBatchId(id) && !knownIds.contains(id))
            out << SentBatch{id, QFileInfo(dir.filePath(zipName)).size()};
    }
    return out;
}

Result<QList<UnsentBatch>> adoptUnsent(const QString& pendingDir, const QString& gadgetId,
                                       const QSet<QString>& knownRefs)
{
    QList<UnsentBatch> out;
    const QDir dir(pendingDir);
    for (const QString& zipName : dir.entryList({QStringLiteral("*.zip")}, QDir::Files, QDir::Name)) {
        const QString ref = QFileInfo(zipName).completeBaseName();
        if (isBatchId(ref) || knownRefs.contains(ref))
            continue;
        const QString payloadPath = dir.filePath(ref + QStringLiteral(".yaml"));
        if (!QFileInfo::exists(payloadPath)) {
            qCWarning(lcGascloud).noquote()
                << dir.filePath(zipName) << "has no payload beside it (" + payloadPath + "); left alone";
            continue;
        }
        // The readings-era client had no gadget_id in the payload: readPayload wants every key.
        auto payload = batchfiles::readPayload(payloadPath);
        if (!payload && payload.error().endsWith(QLatin1String(": no gadget_id"))) {
            const QString patched = dir.filePath(QStringLiteral(".tmp-adopt-%1.yaml").arg(ref));
            QFile in(payloadPath);
            in.open(QIODevice::ReadOnly);
            if (Status w = batchfiles::writePrivate(patched, in.readAll() + "\ngadget_id: \"\"\n"); !w)
                return Error{w.error()};
            payload = batchfiles::readPayload(patched);
            QFile::remove(patched);
        }
        if (!payload) {
            qCWarning(lcGascloud).noquote() << "not adopting" << zipName << ":" << payload.error();
            continue;
        }
        FormFields fields = payload.value();
        if (fieldOf(fields, QStringLiteral("source_ref")) != ref) {
            qCWarning(lcGascloud).noquote()
                << "not adopting" << zipName << ":" << payloadPath << "names another source_ref";
            continue;
        }
        auto md5 = batchfiles::md5Of(dir.filePath(zipName));
        if (!md5)
            return Error{md5.error()};
        UnsentBatch b{ref, QFileInfo(dir.filePath(zipName)).size(), md5.value(), false};
        const QString size = QString::number(b.zipSize);
        b.payloadFixed = fieldOf(fields, QStringLiteral("zip_md5")) != b.zipMd5 ||
                         fieldOf(fields, QStringLiteral("zip_size")) != size ||
                         fieldOf(fields, QStringLiteral("gadget_id")).isEmpty();
        if (b.payloadFixed) {
            if (fieldOf(fields, QStringLiteral("zip_md5")) == QLatin1String(batchfiles::kEmptyMd5))
                qCInfo(lcGascloud).noquote()
                    << payloadPath << ": zip_md5 was the MD5 of nothing; now" << b.zipMd5;
            setField(fields, QStringLiteral("zip_md5"), b.zipMd5);
            setField(fields, QStringLiteral("zip_size"), size);
            if (fieldOf(fields, QStringLiteral("gadget_id")).isEmpty())
                setField(fields, QStringLiteral("gadget_id"), gadgetId);
            const QString tmp = dir.filePath(QStringLiteral(".tmp-%1.yaml").arg(ref));
            if (Status w = batchfiles::writePrivate(tmp, batchfiles::payloadYaml(fields)); !w)
                return Error{w.error()};
            if (Status r = durable::commitRename(tmp, payloadPath); !r)
                return Error{r.error()};
        }
        out << b;
    }
    return out;
}

Status adoptInto(Store& store, const QString& pendingDir, const QString& gadgetId,
                 const QSet<QString>& knownIds, const QSet<QString>& knownRefs, qint64 nowMs)
{
    const auto record = [&](UploadBatch b) -> Status {
        auto id = batches::insertBuilding(store, 0, nowMs);
        if (!id)
            return Error{id.error()};
        b.id = id.value();
        b.createdMs = b.updatedMs = nowMs;
        return batches::save(store, b);
    };
    for (const legacy::SentBatch& sent : legacy::sentBatches(pendingDir, knownIds)) {
        UploadBatch b;
        b.sourceRef = b.batchId = sent.batchId;
        b.state = UploadBatch::State::AwaitingStatus;
        b.zipSize = sent.zipSize;
        qCInfo(lcGascloud).noquote() << "adopting" << shownBatchId(b.batchId)
                                     << "sent by an earlier uploader; checking its status";
        if (Status s = record(b); !s)
            return s;
    }
    auto unsent = legacy::adoptUnsent(pendingDir, gadgetId, knownRefs);
    if (!unsent)
        return Error{unsent.error()};
    for (const legacy::UnsentBatch& old : unsent.value()) {
        UploadBatch b;
        b.sourceRef = old.sourceRef;
        b.state = UploadBatch::State::Pending;
        b.zipSize = old.zipSize;
        b.zipMd5 = old.zipMd5;
        qCInfo(lcGascloud).noquote() << "adopting" << old.sourceRef
                                     << "built and never sent by the old uploader; it goes in the queue";
        if (Status s = record(b); !s)
            return s;
    }
    return {};
}

} // namespace fs::legacy
