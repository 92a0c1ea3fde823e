// SettingsSections: the settings file's text cut into its top-level sections, line for line, so one
// section can be edited and written back with every comment and blank line where it was.
#pragma once

#include <QList>
#include <QString>

namespace fs {

struct SettingsSection
{
    QString name; ///< the top-level key; "" for the lines before the first key
    QString text; ///< every line of the section, each ending in '\n'
};

namespace settingssections {

/// Cuts `yaml` at every top-level key. The comment lines directly above a key (no blank line
/// between) belong to that key's section; anything before them to the unnamed first section.
/// join(split(t)) == t for any text that ends in a newline (a missing last newline is added).
QList<SettingsSection> split(const QString& yaml);
/// The file's text again.
QString join(const QList<SettingsSection>& sections);
/// The number of lines `text` spans (its newlines).
int lineCount(const QString& text);
/// `text` with a closing newline, so the next section's key starts on its own line.
QString closed(QString text);
/// `yaml` with the section `name` replaced by `text` (appended when there is none).
QString replace(const QString& yaml, const QString& name, const QString& text);
/// The section's text without comments and blank lines: what the settings reader sees of it.
QString meaningful(const QString& text);

} // namespace settingssections

} // namespace fs
