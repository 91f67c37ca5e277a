// lockkit-agent: a child process the tests start and kill (SIGKILL) mid-transaction, so crash
// recovery is tested against a process that really dies. Subcommands are added with the
// transaction patterns.
import Foundation

FileHandle.standardError.write(Data("usage: lockkit-agent <scenario> ...\n".utf8))
exit(2)
