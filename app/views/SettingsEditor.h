// SettingsEditor: the settings file by section: edit, validate with the command line's errors, save, apply.
#pragma once

#include "BackgroundJob.h"
#include "config/Settings.h"
#include "config/SettingsSections.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace fs {

/// The exit code that asks app/main.cpp to start the program again (after settings that need it).
inline constexpr int kRestartExitCode = 75;

class SettingsEditor : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SettingsEditor is provided by the application")

    Q_PROPERTY(QString path READ path CONSTANT)
    Q_PROPERTY(bool loaded READ loaded NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(bool dirty READ dirty NOTIFY stateChanged)
    /// Each exactly as `fieldstation --config <path>` prints it: "file:line: key: problem".
    Q_PROPERTY(QStringList errors READ errors NOTIFY stateChanged)
    Q_PROPERTY(QStringList warnings READ warnings NOTIFY stateChanged)
    /// The errors, then the warnings: the page's list.
    Q_PROPERTY(QStringList problems READ problems NOTIFY stateChanged)
    /// What the last action did, in words.
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    /// Saved changes the running station only takes up after a restart.
    Q_PROPERTY(bool restartNeeded READ restartNeeded NOTIFY stateChanged)

public:
    enum Roles { NameRole = Qt::UserRole + 1, TitleRole, TextRole, DirtyRole, FirstLineRole };
    Q_ENUM(Roles)

    /// Edits `path` (it may not exist yet); `running` is what the station runs with now.
    SettingsEditor(QString path, Settings running, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString path() const { return m_path; }
    bool loaded() const { return m_loaded; }
    bool busy() const { return m_job.busy(); }
    bool dirty() const;
    QStringList errors() const { return m_errors; }
    QStringList warnings() const { return m_warnings; }
    QStringList problems() const { return m_errors + m_warnings; }
    QString message() const { return m_message; }
    bool restartNeeded() const { return m_restartNeeded; }
    /// The whole file's text as edited.
    QString text() const { return settingssections::join(m_sections); }

    /// Replaces the text of section `name` ("" is the part before the first key).
    Q_INVOKABLE bool setSectionText(const QString& name, const QString& text);
    /// Where error `index` points: {row: section row, line: 1-based line in that section}; row -1 if
    /// the error names no line of the file.
    QVariantMap locate(int index) const;
    /// locate(index)'s row and line, for QML.
    Q_INVOKABLE int errorRow(int index) const { return locate(index).value(QStringLiteral("row")).toInt(); }
    Q_INVOKABLE int errorLine(int index) const { return locate(index).value(QStringLiteral("line")).toInt(); }

public Q_SLOTS:
    /// Reads the file again, dropping unsaved edits (on a worker, like everything that touches the disk).
    void reload();
    /// Checks the edited text with the settings reader the command line uses.
    void validate();
    /// Validates, and writes the file durably (temporary file, fsync, rename) only when it is valid.
    void save();
    /// Saves, then applies what can change while running (station name, log rules, language);
    /// anything else sets restartNeeded.
    void apply();
    /// Ends the program with kRestartExitCode; main starts it again.
    void restartNow();

Q_SIGNALS:
    void stateChanged();
    /// The station's name changed live (the window title follows it).
    void stationNameApplied(const QString& name);
    /// New settings took effect live: listeners take what they can use (the language, for one).
    void liveApplied(const fs::Settings& settings);

private:
    struct Outcome
    {
        bool read = false; ///< a reload: `text` is the file's
        QString text;
        QStringList errors, warnings;
        QString ioError; ///< reading or writing the file failed
        bool saved = false;
        std::optional<Settings> parsed;
    };
    enum class Then { Nothing, Save, Apply };
    void run(Then then);
    void finished(const Outcome& o, Then then);
    void setSections(const QList<SettingsSection>& sections);
    void applyParsed(const Settings& s);

    QString m_path;
    Settings m_running;
    QList<SettingsSection> m_runningSections; // the file as the station loaded it
    QList<SettingsSection> m_sections;        // as edited
    QStringList m_saved;                      // each section's text as on disk
    QStringList m_errors, m_warnings;
    QString m_message;
    bool m_loaded = false;
    bool m_restartNeeded = false;
    BackgroundJob m_job;
};

} // namespace fs
