// RegistrationFlow: the steps, and the failure of a registration told in the words a person in the field
// can act on.
#include "RegistrationFlow.h"

#include "sinks/gascloud/Registration.h"
#include "util/Logging.h"

#include <QDir>
#include <QRegularExpression>

namespace fs {

RegistrationFlow::RegistrationFlow(Setup setup, QObject* parent) : QObject(parent), m_setup(std::move(setup))
{
    // The id may be generated and written once: a file write, so not in the GUI thread.
    DeviceIdFiles files;
    files.generated = QDir::cleanPath(QDir(m_setup.secrets.folder()).filePath(QStringLiteral("device_id")));
    m_idJob.start(
        this, [files] { return stationDeviceId(files); },
        [this](const QString& id) {
            m_deviceId = id;
            Q_EMIT deviceIdChanged();
        });
}

RegistrationFlow::~RegistrationFlow()
{
    m_pin.clear();
}

void RegistrationFlow::setMasked(bool masked)
{
    if (masked == m_masked)
        return;
    m_masked = masked;
    Q_EMIT pinChanged();
}

bool RegistrationFlow::canSubmit() const
{
    return m_step == Pin && !m_job.busy() && m_pin.length() >= minLength() && m_pin.length() <= maxLength();
}

void RegistrationFlow::setStep(Step s)
{
    if (s == m_step)
        return;
    m_step = s;
    Q_EMIT stepChanged();
    Q_EMIT pinChanged(); // canSubmit follows the step
}

void RegistrationFlow::start()
{
    if (m_step == Intro || m_step == Done)
        clear();
    if (m_step != Working)
        setStep(Pin);
}

void RegistrationFlow::appendDigit(const QString& digit)
{
    if (m_step == Pin && m_pin.append(digit))
        Q_EMIT pinChanged();
}

void RegistrationFlow::backspace()
{
    if (m_step == Pin && m_pin.backspace())
        Q_EMIT pinChanged();
}

void RegistrationFlow::clear()
{
    if (m_step == Working)
        return;
    m_pin.clear();
    Q_EMIT pinChanged();
}

void RegistrationFlow::submit()
{
    if (!canSubmit())
        return;
    const Setup s = m_setup;
    const QString pin = m_pin.pin();
    const bool started = m_job.start(
        this,
        [s, pin] {
            Result<QString> where =
                registerGateway(s.api, s.timeoutS, pin, s.stationName, s.secrets, s.allowInsecureHttp);
            return where ? std::pair(where.value(), QString()) : std::pair(QString(), where.error());
        },
        [this](const std::pair<QString, QString>& r) { finish(r.first, r.second); });
    if (started) {
        m_resultText.clear();
        m_detail.clear();
        setStep(Working);
    }
}

void RegistrationFlow::finish(const QString& storedWhere, const QString& error)
{
    if (error.isEmpty()) {
        m_pin.clear(); // used: it is worth nothing now, and need not stay in memory
        m_storedWhere = storedWhere;
        m_resultText = tr("This station is registered with gascloud.");
        m_detail = tr("The gateway key is stored in %1.").arg(storedWhere);
        m_uploadText = tr("Starting uploads…");
        Q_EMIT uploadTextChanged();
        setStep(Done);
        Q_EMIT registered();
        return;
    }
    m_resultText = explain(error);
    m_detail = error;
    setStep(Failed);
}

void RegistrationFlow::back()
{
    switch (m_step) {
    case Pin:
        clear();
        setStep(Intro);
        break;
    case Failed:
        setStep(Pin);
        break;
    case Done:
        setStep(Intro);
        break;
    case Intro:
    case Working:
        break;
    }
}

void RegistrationFlow::setStationName(const QString& name)
{
    if (name == m_setup.stationName)
        return;
    m_setup.stationName = name;
    Q_EMIT stationNameChanged();
}

void RegistrationFlow::setUploaderState(bool running, const QString& problem)
{
    m_uploadText = running ? tr("Uploads run now; the queue is on the Uploads page.")
                           : tr("Uploads are not running: %1").arg(problem);
    Q_EMIT uploadTextChanged();
}

QString RegistrationFlow::explain(const QString& error)
{
    static const QRegularExpression refused(QStringLiteral("registration refused \\(HTTP (\\d+)\\)"));
    const QRegularExpressionMatch m = refused.match(error);
    if (m.hasMatch()) {
        const int status = m.captured(1).toInt();
        if (status == 401 || status == 403)
            return tr("The PIN was not accepted. Check it and try again.");
        if (status >= 500)
            return tr("The gascloud server has a problem (HTTP %1). Try again later.").arg(status);
        return tr("The gascloud server refused the registration (HTTP %1).").arg(status);
    }
    if (error.startsWith(QLatin1String("registration failed:")))
        return tr("The gascloud server could not be reached. Is the network connected?");
    if (error.startsWith(QLatin1String("registration answer")))
        return tr("The gascloud server gave an answer this station does not understand.");
    if (error.startsWith(QLatin1String("registered, but")))
        return tr("Registered, but the key could not be stored on this station.");
    return tr("The registration could not be sent.");
}

} // namespace fs
