import PressChannels

/// Brings the spool in line with the ledger before a run (re)starts — the recovery half of the delivery
/// protocol:
/// 1. temporary files of a killed writer are deleted;
/// 2. a pending delivery (intent recorded, not marked delivered) whose files are still staged is published
///    now; one whose files are gone from staging was published before the crash (perhaps already picked up) —
///    either way it is marked delivered, and archive documents missing from the archive log are logged;
/// 3. staged files without an intent were never promised to anyone: they are deleted.
/// Nothing is produced twice and nothing is lost.
struct ResumeReconciler {
    let runID: RunID
    let spool: Spool
    let ledger: any RunLedger
    let archiveLog: ArchiveLog

    struct Result: Sendable {
        var temporariesRemoved = 0
        var republished = 0
        var confirmed = 0
        var discarded = 0
        var archiveLinesAdded = 0
    }

    func reconcile() throws -> Result {
        var result = Result()
        result.temporariesRemoved = spool.removeTemporaries()
        let pending = try ledger.pending(runID)

        var keep = Set<String>()
        for d in pending.deliveries { for f in d.files { keep.insert(d.key.channel.rawValue + "/" + f) } }
        for p in pending.printFiles { for f in p.files { keep.insert("print/" + f) } }
        for channel in Channel.allCases {
            for name in spool.stagedNames(channel) where !keep.contains(channel.rawValue + "/" + name.rawValue) {
                spool.discardStaged(name, channel: channel)
                result.discarded += 1
            }
        }

        var batch = LedgerBatch()
        var archived: [(PendingWork.Delivery, [SpoolFileName])] = []
        for d in pending.deliveries {
            let files = try d.files.map { try SpoolFileName($0) }
            let delivery = StagedDelivery(channel: d.key.channel, files: files, sha256: d.sha256)
            if try delivery.publish(to: spool) { result.republished += 1 } else { result.confirmed += 1 }
            if d.key.channel == .archive { archived.append((d, files)) }
            batch.delivered.append(d.key)
        }
        for p in pending.printFiles {
            let files = try p.files.map { try SpoolFileName($0) }
            if try StagedDelivery(channel: .print, files: files, sha256: p.sha256).publish(to: spool) {
                result.republished += 1
            } else {
                result.confirmed += 1
            }
            batch.deliveredPrintFiles.append(p.sequence)
        }
        // The renames must be durable before they are marked delivered (per-batch durability: one syncfs).
        try spool.syncPublished()
        try spool.syncStaging()
        if !archived.isEmpty {
            let logged = try archiveLog.loggedFiles(among: Set(archived.compactMap { $0.1.last?.rawValue }))
            var entries: [ArchiveLog.Entry] = []
            for (d, files) in archived {
                guard let pdf = files.last, !logged.contains(pdf.rawValue), files.count == 2 else { continue }
                let index = files[0]
                let indexBytes = try spool.readPublished(index, channel: .archive) ?? []
                entries.append(ArchiveLog.Entry(file: pdf, sha256: d.sha256, index: index, indexSHA256: SHA256.hex(indexBytes)))
            }
            try archiveLog.append(entries)
            result.archiveLinesAdded = entries.count
        }
        try ledger.commit(runID, batch)
        return result
    }
}
