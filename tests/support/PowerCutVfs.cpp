// PowerCutVfs: an undo log per file since its last sync, replayed backwards at a simulated cut.
#include "PowerCutVfs.h"

#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace fs::test {

struct PowerCutVfs::File
{
    sqlite3_file base; // must be first: SQLite hands us a pointer to it
    sqlite3_file* real;
    std::string path; // empty for SQLite's nameless temporary files
};

namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;

PowerCutVfs::File* asFile(sqlite3_file* f)
{
    return reinterpret_cast<PowerCutVfs::File*>(f);
}

sqlite3_file* real(sqlite3_file* f)
{
    return asFile(f)->real;
}

int xClose(sqlite3_file* f)
{
    const int rc = real(f)->pMethods->xClose(real(f));
    sqlite3_free(real(f));
    asFile(f)->path.~basic_string();
    return rc;
}
int xRead(sqlite3_file* f, void* data, int amount, sqlite3_int64 offset)
{
    return real(f)->pMethods->xRead(real(f), data, amount, offset);
}
int xWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset)
{
    return PowerCutVfs::instance().write(asFile(f), data, amount, offset);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    return PowerCutVfs::instance().truncate(asFile(f), size);
}
int xSync(sqlite3_file* f, int flags)
{
    return PowerCutVfs::instance().sync(asFile(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xLock(real(f), level);
}
int xUnlock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xUnlock(real(f), level);
}
int xCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f)
{
    // No atomic or sequential writes claimed: the cut may fall between any two of them.
    return real(f)->pMethods->xDeviceCharacteristics(real(f)) & SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}
// The WAL index (-shm) is shared memory, rebuilt from the WAL after a crash: passed through.
int xShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out)
{
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int xFetch(sqlite3_file*, sqlite3_int64, int, void** out)
{
    *out = nullptr; // no memory-mapped reads: every change goes through xWrite
    return SQLITE_OK;
}
int xUnfetch(sqlite3_file*, sqlite3_int64, void*)
{
    return SQLITE_OK;
}

const sqlite3_io_methods g_methods = {3,
                                      xClose,
                                      xRead,
                                      xWrite,
                                      xTruncate,
                                      xSync,
                                      xFileSize,
                                      xLock,
                                      xUnlock,
                                      xCheckReservedLock,
                                      xFileControl,
                                      xSectorSize,
                                      xDeviceCharacteristics,
                                      xShmMap,
                                      xShmLock,
                                      xShmBarrier,
                                      xShmUnmap,
                                      xFetch,
                                      xUnfetch};

int xOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags)
{
    auto* file = asFile(f);
    file->base.pMethods = nullptr;
    file->real = static_cast<sqlite3_file*>(sqlite3_malloc(g_real->szOsFile));
    if (!file->real)
        return SQLITE_NOMEM;
    std::memset(file->real, 0, size_t(g_real->szOsFile));
    const int rc = g_real->xOpen(g_real, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        sqlite3_free(file->real);
        return rc;
    }
    new (&file->path) std::string(name ? name : "");
    file->base.pMethods = &g_methods;
    return SQLITE_OK;
}

int xDelete(sqlite3_vfs*, const char* path, int syncDir)
{
    return PowerCutVfs::instance().remove(g_real, path, syncDir);
}

} // namespace

PowerCutVfs::PowerCutVfs()
{
    g_real = sqlite3_vfs_find(nullptr);
    // Everything but opening and deleting is the default VFS's own, with its own app data.
    g_vfs = *g_real;
    g_vfs.pNext = nullptr;
    g_vfs.zName = kName;
    g_vfs.szOsFile = int(sizeof(File));
    g_vfs.xOpen = xOpen;
    g_vfs.xDelete = xDelete;
    sqlite3_vfs_register(&g_vfs, 0);
}

PowerCutVfs& PowerCutVfs::instance()
{
    static PowerCutVfs vfs;
    return vfs;
}

void PowerCutVfs::setFault(Fault fault)
{
    std::lock_guard lock(m_mutex);
    m_fault = fault;
}

void PowerCutVfs::armCut(qint64 ops)
{
    std::lock_guard lock(m_mutex);
    m_cutAt = ops > 0 ? m_ops + ops : 0;
}

void PowerCutVfs::cutNow()
{
    std::lock_guard lock(m_mutex);
    cutLocked();
}

bool PowerCutVfs::cutDone() const
{
    std::lock_guard lock(m_mutex);
    return m_cut;
}

void PowerCutVfs::restore()
{
    std::lock_guard lock(m_mutex);
    m_cut = false;
    m_cutHitDatabase = false;
    m_cutAt = 0;
    m_fault = Fault::None;
    m_files.clear();
}

qint64 PowerCutVfs::operations() const
{
    std::lock_guard lock(m_mutex);
    return m_ops;
}

bool PowerCutVfs::lastCutHitTheDatabase() const
{
    std::lock_guard lock(m_mutex);
    return m_cutHitDatabase;
}

void PowerCutVfs::cutLocked()
{
    if (m_cut)
        return;
    m_cut = true;
    const auto endsWith = [](const std::string& s, const char* tail) {
        const size_t n = std::strlen(tail);
        return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
    };
    m_cutHitDatabase = false;
    for (const auto& [path, unsynced] : m_files)
        m_cutHitDatabase |= !path.empty() && !endsWith(path, "-wal") && !endsWith(path, "-journal");
    // Plain POSIX I/O: the file may already be closed, and other handles must see the result.
    for (auto& [path, unsynced] : m_files) {
        if (unsynced.syncedSize < 0 || path.empty())
            continue;
        const int fd = ::open(path.c_str(), O_RDWR);
        if (fd < 0)
            continue;
        for (auto it = unsynced.undo.rbegin(); it != unsynced.undo.rend(); ++it) {
            if (::pwrite(fd, it->second.data(), it->second.size(), off_t(it->first)) < 0)
                break;
        }
        if (::ftruncate(fd, off_t(unsynced.syncedSize)) != 0) {
            // nothing more to undo with; the check after the cut will show it
        }
        ::close(fd);
    }
    m_files.clear();
}

bool PowerCutVfs::beforeOp()
{
    ++m_ops;
    if (m_cutAt > 0 && m_ops >= m_cutAt)
        cutLocked();
    return m_cut;
}

PowerCutVfs::Unsynced& PowerCutVfs::unsyncedOf(File* f, qint64& size)
{
    sqlite3_int64 now = 0;
    if (f->real->pMethods->xFileSize(f->real, &now) != SQLITE_OK)
        now = 0;
    size = now;
    Unsynced& u = m_files[f->path];
    if (u.syncedSize < 0)
        u.syncedSize = size;
    return u;
}

int PowerCutVfs::write(File* f, const void* data, int amount, qint64 offset)
{
    std::lock_guard lock(m_mutex);
    if (beforeOp())
        return SQLITE_IOERR_WRITE;
    if (m_fault == Fault::DiskFull)
        return SQLITE_FULL;
    if (m_fault == Fault::IoError)
        return SQLITE_IOERR_WRITE;
    qint64 size = 0;
    Unsynced& u = unsyncedOf(f, size);
    if (offset < size) {
        std::string old(size_t(std::min<qint64>(amount, size - offset)), '\0');
        if (f->real->pMethods->xRead(f->real, old.data(), int(old.size()), offset) != SQLITE_OK)
            return SQLITE_IOERR_WRITE;
        u.undo.emplace_back(offset, std::move(old));
    }
    return f->real->pMethods->xWrite(f->real, data, amount, offset);
}

int PowerCutVfs::truncate(File* f, qint64 size)
{
    std::lock_guard lock(m_mutex);
    if (beforeOp() || m_fault == Fault::IoError)
        return SQLITE_IOERR_TRUNCATE;
    qint64 now = 0;
    Unsynced& u = unsyncedOf(f, now);
    if (size < now) {
        std::string old(size_t(now - size), '\0');
        if (f->real->pMethods->xRead(f->real, old.data(), int(old.size()), size) != SQLITE_OK)
            return SQLITE_IOERR_TRUNCATE;
        u.undo.emplace_back(size, std::move(old));
    }
    return f->real->pMethods->xTruncate(f->real, size);
}

int PowerCutVfs::sync(File* f, int)
{
    std::lock_guard lock(m_mutex);
    if (beforeOp() || m_fault == Fault::IoError)
        return SQLITE_IOERR_FSYNC;
    // The file's content is now what a cut leaves. The real fsync is left out: only this model of
    // the disk is ever cut, and the test stays fast.
    m_files.erase(f->path);
    return SQLITE_OK;
}

int PowerCutVfs::remove(sqlite3_vfs* realVfs, const char* path, int syncDir)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_cut)
            return SQLITE_IOERR_DELETE;
        m_files.erase(path);
    }
    return realVfs->xDelete(realVfs, path, syncDir);
}

} // namespace fs::test
