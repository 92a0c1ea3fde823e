// PowerCutVfs: an SQLite VFS over the default one that loses what a power cut loses (every write
// and truncate not followed by xSync) at a simulated cut, and that can fail writes on demand
// (SQLITE_FULL, SQLITE_IOERR). For the store's power-cut and disk-full tests.
#pragma once

#include <QtGlobal>
#include <map>
#include <mutex>
#include <string>
#include <vector>

struct sqlite3_file;
struct sqlite3_vfs;

namespace fs::test {

class PowerCutVfs
{
public:
    static constexpr const char* kName = "powercut";
    enum class Fault { None, DiskFull, IoError };

    /// The one instance, registered with SQLite (not as the default VFS) on first use.
    static PowerCutVfs& instance();

    /// Every later write, truncate (and, for IoError, sync) fails with this fault until cleared.
    void setFault(Fault fault);
    /// The power goes off just before the `ops`-th write, truncate or sync from now (0: never).
    void armCut(qint64 ops);
    /// Undoes every unsynced write now; from then on every write, sync, truncate and delete fails.
    void cutNow();
    bool cutDone() const;
    /// Power back: the files are as the cut left them; writes go through again, nothing is armed.
    void restore();
    /// Writes, truncates and syncs seen so far.
    qint64 operations() const;
    /// Whether the last cut undid writes to a database file itself (not its WAL or journal): it
    /// fell inside a checkpoint, or while the store was being created.
    bool lastCutHitTheDatabase() const;

    // Called by the VFS's methods (file-private); not for tests.
    struct File;
    int write(File* f, const void* data, int amount, qint64 offset);
    int truncate(File* f, qint64 size);
    int sync(File* f, int flags);
    int remove(sqlite3_vfs* real, const char* path, int syncDir);

private:
    PowerCutVfs();
    /// What the file looked like at its last sync: its size, and the bytes overwritten since.
    struct Unsynced
    {
        qint64 syncedSize = -1; ///< -1: nothing unsynced
        std::vector<std::pair<qint64, std::string>> undo;
    };
    /// Counts the op; cuts when it is the armed one. True when the op must fail (after a cut).
    bool beforeOp();
    void cutLocked();
    Unsynced& unsyncedOf(File* f, qint64& size);

    mutable std::mutex m_mutex;
    std::map<std::string, Unsynced> m_files;
    Fault m_fault = Fault::None;
    qint64 m_ops = 0;
    qint64 m_cutAt = 0;
    bool m_cut = false;
    bool m_cutHitDatabase = false;
};

} // namespace fs::test
