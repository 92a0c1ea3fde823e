// SignalWatcher: turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe).
#pragma once

#include <QObject>
#include <QSocketNotifier>

namespace fs {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace fs
