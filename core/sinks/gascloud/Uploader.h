// Uploader: works the gascloud queue: quarantine request, rename to the batch id, SCP, status,
// uploaded/rejected folder. Every step is recorded before the next, so a crash at any point resumes
// without losing a batch or sending one twice. Lives in the uploader thread.
#pragma once

#include "BatchBuilder.h"
#include "GascloudApi.h"
#include "PendingFolder.h"
#include "UploadBatch.h"
#include "UploadTransport.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace fs {

class Recorder;

class Uploader : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString api;
        bool allowInsecureHttp = false; ///< an http:// api is refused without it
        int requestTimeoutS = 30;
        QString pendingDir, uploadedDir, rejectedDir;
        QString destinationSuffix = QStringLiteral("{key}/inbox/");
        bool deleteBatchOnUpload = false;
        int uploadIntervalS = 300; ///< how often a batch is cut
        int tickS = 10;            ///< how often due work (retries, status checks) is looked at
        int retryMinS = 30, retryMaxS = 3600;
        BatchBuilder::Options builder;
    };

    Uploader(Recorder& recorder, QString storePath, Options options,
             std::unique_ptr<UploadTransport> transport, QObject* parent = nullptr);
    ~Uploader() override;

    /// Takes the queue (one uploader per pending folder, across processes), cleans up after a crash,
    /// and adopts what the old uploader left: batches it sent (<batchid>.zip) and pairs it built and
    /// never sent (<ref>.zip + <ref>.yaml, MD5 recomputed). Call before runCycle().
    Status recover();
    /// One pass: cut a batch when `build`, then every open batch whose time has come.
    /// Returns the problems met (each is also recorded on its batch). A call made while a pass is
    /// running (the timer firing inside a network wait's event loop) returns at once, doing nothing.
    QStringList runCycle(qint64 nowMs, bool build);
    /// The batches for a view: every open one and the newest finished ones.
    QList<UploadBatch> snapshot();

public Q_SLOTS:
    void start();
    /// Any thread. Ends the HTTP request or SCP under way and the pass: runCycle returns within 2 s
    /// whatever the far end does. A batch cut short keeps its place and counts no attempt.
    void stop();
    /// Emits queueChanged with the current queue (for a view that connects late).
    void refresh() { publish(); }
    /// An open batch waiting out its back-off is attempted now (a pass runs at once). Asked during a
    /// pass (from a network wait's event loop), it runs right after that pass.
    void uploadNow(qint64 id);
    /// A rejected batch goes back in the queue as if new: its pair moves from the rejected folder
    /// into the pending folder under its source ref, state pending, no ticket, no attempts; then a
    /// pass runs. Anything but a rejected batch is left alone.
    void retry(qint64 id);

Q_SIGNALS:
    /// Every open batch and the newest finished ones, after each change (the CLI and older views).
    void queueChanged(const QList<fs::UploadBatch>& batches);
    /// The one batch a change touched, as recorded (or as cut, for a new one).
    void batchChanged(const fs::UploadBatch& batch);
    void progress(qint64 batch, qint64 bytesSent, qint64 bytesTotal);

private:
    void tick();
    QStringList cycle(qint64 nowMs, bool build);
    QString process(UploadBatch& b, qint64 nowMs);
    QString requestTicket(UploadBatch& b, qint64 nowMs);
    QString upload(UploadBatch& b, qint64 nowMs);
    QString checkStatus(UploadBatch& b, qint64 nowMs);
    void backOff(UploadBatch& b, qint64 nowMs, const QString& error);
    /// After a step ended by stop: the batch waits, as it was before this pass, for the next start.
    QString interrupted(UploadBatch& b, qint64 nowMs);
    Status save(UploadBatch& b, qint64 nowMs);
    void publish();
    enum class Ask { UploadNow, Retry };
    /// Runs the requests that came in during a pass.
    void runAsked();
    void ask(Ask what, qint64 id);
    std::optional<UploadBatch> load(qint64 id);
    void passNow();

    Recorder& m_recorder;
    QString m_storePath;
    Options m_opt;
    PendingFolder m_pending;
    std::unique_ptr<UploadTransport> m_transport;
    std::unique_ptr<GascloudApi> m_api;
    std::unique_ptr<BatchBuilder> m_builder;
    QTimer* m_timer = nullptr;
    qint64 m_lastBuildMs = 0;
    bool m_ready = false;
    bool m_inCycle = false;
    SinkStop m_stop;
    int m_attemptsBefore = 0;              // of the batch being processed, restored when stop cuts it short
    QList<std::pair<Ask, qint64>> m_asked; // uploadNow/retry met during a pass
};

} // namespace fs

Q_DECLARE_METATYPE(fs::UploadBatch)
