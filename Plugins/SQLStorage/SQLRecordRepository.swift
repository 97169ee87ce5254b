import PortalKernel

/// A repository over one ``SQLAccess``: what every record type shares comes from the kernel's
/// ``CatalogueRepository`` over the access; a repository holds only the queries it answers its own way.
protocol SQLRecordRepository: CatalogueRepository {
    var access: SQLAccess { get }
}

extension SQLRecordRepository {
    var recordStore: any RecordStore { access }
}
