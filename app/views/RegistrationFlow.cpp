#include "RegistrationFlow.h"

namespace fs {

RegistrationFlow::RegistrationFlow(QObject* parent) : QObject(parent) {}

} // namespace fs
