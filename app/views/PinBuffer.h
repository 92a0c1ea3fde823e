// PinBuffer: a PIN being typed on the screen: digits only, bounded, never handed to QML as a property.
#pragma once

#include <QString>

namespace fs {

class PinBuffer
{
public:
    explicit PinBuffer(int maxLength = 8) : m_max(maxLength) {}

    /// Adds `digit` (a single 0-9) while there is room; anything else is refused.
    bool append(const QString& digit)
    {
        if (digit.size() != 1 || !digit.front().isDigit() || digit.front().unicode() > '9' ||
            m_pin.size() >= m_max)
            return false;
        m_pin += digit;
        return true;
    }
    bool backspace()
    {
        if (m_pin.isEmpty())
            return false;
        m_pin.chop(1);
        return true;
    }
    void clear()
    {
        m_pin.fill(QLatin1Char('0')); // the digits do not linger in the freed buffer
        m_pin.clear();
    }
    int length() const { return int(m_pin.size()); }
    /// What the screen shows: a dot a digit while masked.
    QString shown(bool masked) const { return masked ? QString(m_pin.size(), QChar(0x25CF)) : m_pin; }
    const QString& pin() const { return m_pin; }

private:
    QString m_pin;
    int m_max;
};

} // namespace fs
