// RegistrationFlow: the gascloud registration wizard's state: PIN entry kept in C++, the call on a worker,
// the result.
#pragma once

#include "BackgroundJob.h"
#include "PinBuffer.h"
#include "config/SecretStore.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <utility>

namespace fs {

class RegistrationFlow : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RegistrationFlow is provided by the application")

    Q_PROPERTY(Step step READ step NOTIFY stepChanged)
    Q_PROPERTY(int pinLength READ pinLength NOTIFY pinChanged)
    Q_PROPERTY(bool masked READ masked WRITE setMasked NOTIFY pinChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY pinChanged)
    Q_PROPERTY(int minLength READ minLength CONSTANT)
    Q_PROPERTY(int maxLength READ maxLength CONSTANT)
    Q_PROPERTY(QString stationName READ stationName NOTIFY stationNameChanged)
    Q_PROPERTY(QString deviceId READ deviceId NOTIFY deviceIdChanged)
    Q_PROPERTY(QString server READ server CONSTANT)
    /// After Done or Failed: what happened, in words; `detail` is the service's own message.
    Q_PROPERTY(QString resultText READ resultText NOTIFY stepChanged)
    Q_PROPERTY(QString detail READ detail NOTIFY stepChanged)
    /// Where the gateway key went (the keychain or a file), after Done.
    Q_PROPERTY(QString storedWhere READ storedWhere NOTIFY stepChanged)
    /// Whether uploads run now, in words (set by the station after Done).
    Q_PROPERTY(QString uploadText READ uploadText NOTIFY uploadTextChanged)

public:
    enum Step { Intro, Pin, Working, Done, Failed };
    Q_ENUM(Step)

    /// What a registration needs; the station's gascloud settings and its secret store.
    struct Setup
    {
        QString api;
        int timeoutS = 30;
        bool allowInsecureHttp = false;
        QString stationName;
        SecretStore secrets{QString(), StationSettings::Secrets::File, false};
    };

    explicit RegistrationFlow(Setup setup, QObject* parent = nullptr);
    ~RegistrationFlow() override;

    Step step() const { return m_step; }
    int pinLength() const { return m_pin.length(); }
    bool masked() const { return m_masked; }
    void setMasked(bool masked);
    bool canSubmit() const;
    static constexpr int minLength() { return 4; }
    static constexpr int maxLength() { return 8; }
    QString stationName() const { return m_setup.stationName; }
    QString deviceId() const { return m_deviceId; }
    QString server() const { return m_setup.api; }
    QString resultText() const { return m_resultText; }
    QString detail() const { return m_detail; }
    QString storedWhere() const { return m_storedWhere; }
    QString uploadText() const { return m_uploadText; }

    /// The PIN as the screen shows it: dots while masked, the digits when not.
    Q_INVOKABLE QString shownPin() const { return m_pin.shown(m_masked); }
    /// The wizard's failure text for a registration error (public for the tests' sake).
    static QString explain(const QString& error);

public Q_SLOTS:
    void start();
    void appendDigit(const QString& digit);
    void backspace();
    void clear();
    /// Sends the PIN on a worker thread; ignored unless canSubmit (so never twice at once).
    void submit();
    /// One step back: Pin → Intro, Failed → Pin (the PIN kept for a retry), Done → Intro.
    void back();
    /// The name sent with the next registration (the settings page renamed the station).
    void setStationName(const QString& name);
    /// The station's word on the uploader after a registration.
    void setUploaderState(bool running, const QString& problem);

Q_SIGNALS:
    void stepChanged();
    void pinChanged();
    void deviceIdChanged();
    void stationNameChanged();
    void uploadTextChanged();
    /// The key is stored: the station may start its uploader now.
    void registered();

private:
    void setStep(Step s);
    void finish(const QString& storedWhere, const QString& error);

    Setup m_setup;
    Step m_step = Intro;
    PinBuffer m_pin{maxLength()};
    bool m_masked = true;
    QString m_deviceId;
    QString m_resultText, m_detail, m_storedWhere, m_uploadText;
    BackgroundJob m_job;
    BackgroundJob m_idJob;
};

} // namespace fs
