#include "AdminLock.h"

namespace fs {

AdminLock::AdminLock(QObject* parent) : QObject(parent) {}

} // namespace fs
