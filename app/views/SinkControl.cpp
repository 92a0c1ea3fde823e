#include "SinkControl.h"

namespace fs {

SinkControl::SinkControl(QObject* parent) : QObject(parent) {}

} // namespace fs
