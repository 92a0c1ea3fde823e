// BatchCsv: the canonical OPC-N3 CSV of a gascloud batch (protocol note, part C): columns, rows.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace fs::batchcsv {

/// The header line, with its newline.
QByteArray header();
/// Number of value columns (those between gadget_id and checksum_ok).
int valueColumns();
/// The value column an OPC-N3 channel fills, or -1 when the CSV has no place for it.
int columnOfChannel(const QString& channelKey);
/// Column index of PM1: a row without it is not a histogram reading.
int pm1Column();

/// One reading: the values of one histogram, by value column.
struct Row
{
    qint64 timeMs = 0;
    std::vector<std::optional<double>> values = std::vector<std::optional<double>>(size_t(valueColumns()));
};

/// One CSV line (UTC timestamp to the second with Z, '.' decimals, empty for missing), with newline.
QByteArray format(const Row& row, const QString& gadgetId);

} // namespace fs::batchcsv
