// CommandHelp: the one table of subcommand usages, answering --help / -h for every command.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace fs {

/// One form of a subcommand, as the user types it.
struct CommandUsage
{
    QStringList words; ///< the command words, e.g. {"import", "cogent"}
    QString arguments; ///< what follows them, e.g. "synchronise.conf"
    QString summary;   ///< one line for the list in `fieldstation --help`
    QString details;   ///< the rest of the command's own help: options, what it writes, where
};

namespace commandhelp {

/// Every subcommand form, in the order `fieldstation --help` lists them.
const QList<CommandUsage>& table();

/// The "Commands:" block of the top-level help, built from table().
QString commandList();

/// The help for `command` (the command words and their arguments) when it asks for help with
/// --help or -h; nullopt when it does not, or names no command in the table.
std::optional<QString> answer(const QStringList& command);

} // namespace commandhelp

} // namespace fs
