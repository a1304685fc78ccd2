@_exported import SOSArchive
