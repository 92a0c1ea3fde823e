// SinkControl: what the screen may ask of the sinks: push now, store a server's password (off the GUI
// thread).
#pragma once

#include "config/SecretStore.h"
#include "sinks/CursorSink.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QtQml/qqmlregistration.h>

namespace fs {

class SinkControl : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SinkControl is provided by the application")
    /// A password is being written (the keychain can take its time); the dialog waits.
    Q_PROPERTY(bool storing READ storing NOTIFY storingChanged)

public:
    /// `secrets` is the store the sinks read their passwords from (Station::sinkSecrets()).
    explicit SinkControl(SecretStore secrets, QObject* parent = nullptr);
    ~SinkControl() override;

    /// The sink behind rows of `kind` ("push" | "influx"); it may come later (the demo's far ends).
    void attach(const QString& kind, CursorSink* sink);

    /// The secret a password of `kind`/`server` is stored as: the very names `fieldstation push
    /// --set-password SERVER` and `fieldstation influx --set-password` use. Empty for an unknown kind.
    static QString secretName(const QString& kind, const QString& server);

    /// Asks the sink for a pass to `server` now; false when no such sink or server runs. Never blocks.
    Q_INVOKABLE bool pushNow(const QString& kind, const QString& server);
    /// Stores `text` as `server`'s password on a worker thread, then emits passwordStored and asks
    /// for a pass. The text is kept nowhere else and never logged.
    Q_INVOKABLE void setPassword(const QString& kind, const QString& server, const QString& text);

    bool storing() const { return m_storing > 0; }

Q_SIGNALS:
    /// `where`: the keychain or the file it went to; on failure the reason (never the password).
    void passwordStored(bool ok, const QString& where);
    void storingChanged();
    /// pushNow() was called; `accepted` false when no running sink has that server.
    void passRequested(const QString& kind, const QString& server, bool accepted);

private:
    void stored(const QString& kind, const QString& server, bool ok, const QString& where);

    SecretStore m_secrets;
    QMap<QString, QPointer<CursorSink>> m_sinks;
    QThread m_worker;             // the keychain's calls wait on D-Bus: never on the GUI thread
    QObject* m_context = nullptr; // lives in m_worker: queued jobs run there
    int m_storing = 0;
};

} // namespace fs
