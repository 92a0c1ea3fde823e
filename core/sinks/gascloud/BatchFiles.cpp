// BatchFiles: every file is opened by us and made private with fchmod before anything is written,
// so no umask lets another user read a key for even a moment.
#include "BatchFiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

namespace fs::batchfiles {

namespace {

Status openPrivate(QFile& f)
{
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{QStringLiteral("%1: %2").arg(f.fileName(), f.errorString())};
    if (::fchmod(f.handle(), 0600) != 0)
        return Error{QStringLiteral("%1: cannot make it private").arg(f.fileName())};
    return {};
}

} // namespace

Status writePrivate(const QString& path, const QByteArray& text)
{
    QFile f(path);
    if (Status s = openPrivate(f); !s)
        return s;
    if (f.write(text) != text.size() || !f.flush())
        return Error{QStringLiteral("%1: %2").arg(path, f.errorString())};
    return {};
}

Status zipPrivate(const QString& zipPath, const QList<QPair<QString, QString>>& entries)
{
    QFile file(zipPath);
    if (Status s = openPrivate(file); !s)
        return s;
    file.close(); // QuaZip reopens it; truncating an existing file keeps its mode
    QuaZip zip(zipPath);
    if (!zip.open(QuaZip::mdCreate))
        return Error{
            QStringLiteral("%1: cannot create the zip (error %2)").arg(zipPath).arg(zip.getZipError())};
    for (const auto& [name, source] : entries) {
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("%1: %2").arg(source, in.errorString())};
        QuaZipFile out(&zip);
        if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(name, source)))
            return Error{
                QStringLiteral("%1: cannot add %2 (error %3)").arg(zipPath, name).arg(out.getZipError())};
        QByteArray block;
        while (!(block = in.read(1 << 16)).isEmpty()) {
            if (out.write(block) != block.size())
                return Error{QStringLiteral("%1: writing %2 failed").arg(zipPath, name)};
        }
        out.close();
        if (out.getZipError() != 0)
            return Error{
                QStringLiteral("%1: closing %2 failed (error %3)").arg(zipPath, name).arg(out.getZipError())};
    }
    zip.close();
    if (zip.getZipError() != 0)
        return Error{
            QStringLiteral("%1: closing the zip failed (error %2)").arg(zipPath).arg(zip.getZipError())};
    return {};
}

Result<QString> md5Of(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: %2").arg(path, f.errorString())};
    QCryptographicHash h(QCryptographicHash::Md5);
    if (!h.addData(&f))
        return Error{QStringLiteral("%1: cannot read it to hash").arg(path)};
    return QString::fromLatin1(h.result().toHex());
}

QByteArray metaYaml(const Meta& m)
{
    const auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate).toStdString();
    };
    const auto text = [](const QString& s) { return s.toStdString(); };
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "source" << YAML::Value << "FieldStation";
    out << YAML::Key << "source_ref" << YAML::Value << text(m.sourceRef);
    out << YAML::Key << "version" << YAML::Value << FIELDSTATION_VERSION;
    out << YAML::Key << "filelist" << YAML::Value << YAML::BeginSeq
        << text(m.sourceRef + QStringLiteral(".csv")) << text(m.sourceRef + QStringLiteral(".yaml"))
        << YAML::EndSeq;
    out << YAML::Key << "batch_type" << YAML::Value << text(m.batchType);
    out << YAML::Key << "batch_mode" << YAML::Value << text(m.batchMode);
    out << YAML::Key << "device_id" << YAML::Value << text(m.key);
    out << YAML::Key << "timestamp" << YAML::Value << iso(m.builtMs);
    out << YAML::Key << "gadget_id" << YAML::Value << text(m.gadgetId);
    out << YAML::Key << "reading_from" << YAML::Value << iso(m.readingFromMs);
    out << YAML::Key << "reading_to" << YAML::Value << iso(m.readingToMs);
    out << YAML::Key << "rows" << YAML::Value << m.rows;
    out << YAML::Key << "same_second_dropped" << YAML::Value << m.sameSecondDropped << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

QByteArray payloadYaml(const FormFields& fields)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    for (const auto& [k, v] : fields)
        out << YAML::Key << k.toStdString() << YAML::Value << v.toStdString();
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

Result<FormFields> readPayload(const QString& path)
{
    FormFields out;
    try {
        const YAML::Node n = YAML::LoadFile(QFile::encodeName(path).toStdString());
        for (const char* k : {"key", "source_ref", "filelist", "batch_type", "batch_mode", "zip_size",
                              "zip_md5", "gadget_id"}) {
            if (!n[k])
                return Error{QStringLiteral("%1: no %2").arg(path, QLatin1String(k))};
            out.append({QString::fromLatin1(k), QString::fromStdString(n[k].as<std::string>())});
        }
    } catch (const YAML::Exception& e) {
        return Error{
            QStringLiteral("%1:%2: %3").arg(path).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg))};
    }
    return out;
}

} // namespace fs::batchfiles
