// Result<T>: a value or an error message, so parsers and I/O report failures as values.
#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace fs {

struct Error
{
    QString message;
};

template <typename T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error e) : m_v(std::move(e)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(m_v); }
    T& value() & { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    const T* operator->() const { return &std::get<0>(m_v); }
    const T& operator*() const { return std::get<0>(m_v); }
    /// The error message; empty when the result holds a value.
    QString error() const { return ok() ? QString() : std::get<1>(m_v).message; }

private:
    std::variant<T, Error> m_v;
};

/// Result of an operation that yields nothing but may fail.
class Status
{
public:
    Status() = default;
    Status(Error e) : m_error(std::move(e.message)) {}
    static Status success() { return {}; }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    QString error() const { return m_error.value_or(QString()); }

private:
    std::optional<QString> m_error;
};

} // namespace fs
