/// Why a command could not do its work once its arguments were accepted, in words that name the file, folder or
/// store and what to do (a store that already holds records, a file that is not a backup, an unknown account). The
/// command line prints it after `Error:` and exits with 1; an argument that is wrong in itself is an
/// `ArgumentParser.ValidationError` instead, caught before the command runs and answered with the usage and 64.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
