// Station: wiring of sources, recorder and (later) sinks; the only owner of their threads.
#include "Station.h"

#include "sim/OpcN3Emulator.h"
#include "sources/opcn3/OpcN3Source.h"
#include "sources/opcn3/SpidevBus.h"
#include "store/Recorder.h"
#include "util/Logging.h"

#include <QDir>
#include <QStandardPaths>

namespace fs {

Station::Station(Settings settings, Options options, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_options(std::move(options))
{
    m_dataDir = !m_options.dataDir.isEmpty() ? m_options.dataDir
                : !m_settings.station.dataDir.isEmpty()
                    ? m_settings.station.dataDir
                    : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_acquisition.setObjectName(QStringLiteral("acquisition"));
}

Station::~Station()
{
    stop();
}

QString Station::storePath() const
{
    // Demo data never mixes with a station's real readings.
    return QDir(m_dataDir).filePath(m_options.demo ? QStringLiteral("fieldstation-demo.db")
                                                   : QStringLiteral("fieldstation.db"));
}

Status Station::start()
{
    RecorderOptions ro;
    ro.flushIntervalMs = m_settings.recorder.flushIntervalMs;
    ro.maxBatch = m_settings.recorder.maxBatch;
    m_recorder = std::make_unique<Recorder>(storePath(), ro);
    if (Status s = m_recorder->start(); !s)
        return Error{QStringLiteral("store: %1").arg(s.error())};
    m_acquisition.start();
    if (m_settings.opcn3.enabled) {
        if (Status s = startOpcN3(); !s)
            return s;
    }
    qCInfo(lcStation) << "station" << m_settings.station.name << "started, data in" << m_dataDir
                      << (m_options.demo ? "(demo)" : "");
    return {};
}

Status Station::startOpcN3()
{
    const OpcN3Settings& s = m_settings.opcn3;
    std::unique_ptr<SpiBus> bus;
    if (m_options.demo) {
        bus = std::make_unique<OpcN3Emulator>();
    } else {
        auto spidev = SpidevBus::open(
            {s.device, uint32_t(s.speedHz), 1, s.chipSelect == OpcN3Settings::ChipSelect::Byte});
        if (!spidev)
            return Error{QStringLiteral("opcn3: %1").arg(spidev.error())};
        bus = std::move(spidev).value();
    }
    m_opcn3 = new OpcN3Source(std::move(bus), OpcN3Source::Options::from(s), m_recorder.get());
    m_opcn3->moveToThread(&m_acquisition);
    connect(&m_acquisition, &QThread::finished, m_opcn3, &QObject::deleteLater);
    QMetaObject::invokeMethod(m_opcn3, &OpcN3Source::start, Qt::QueuedConnection);
    return {};
}

void Station::stop()
{
    if (m_opcn3 && m_acquisition.isRunning()) {
        QMetaObject::invokeMethod(m_opcn3, &OpcN3Source::stop, Qt::BlockingQueuedConnection);
    }
    if (m_acquisition.isRunning()) {
        m_acquisition.quit();
        m_acquisition.wait();
        m_opcn3 = nullptr;
    }
    if (m_recorder && m_recorder->isRunning()) {
        m_recorder->stop();
        qCInfo(lcStation) << "store closed at seq" << m_recorder->lastCommittedSeq();
    }
}

} // namespace fs
