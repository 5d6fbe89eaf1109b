import Foundation
import Testing
@testable import PressChannels
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SpoolTests {
    @Test func stagePublishIsAtomicAndLeavesNoTemporaries() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path + "/spool")
        let name = try SpoolFileName("run1-r00000001-RE-1.eml")
        try spool.stage(Array("hello".utf8), name: name, channel: .email)
        try spool.syncStaging()
        #expect(spool.isStaged(name, channel: .email))
        #expect(!spool.isPublished(name, channel: .email))
        #expect(tmp.files("spool/email").isEmpty)
        #expect(try spool.publish(name, channel: .email) == .published)
        #expect(try spool.publish(name, channel: .email) == .notStaged)
        #expect(tmp.files("spool/email") == ["run1-r00000001-RE-1.eml"])
        #expect(tmp.files("spool/.staging/email").isEmpty)
        #expect(try spool.readPublished(name, channel: .email) == Array("hello".utf8))
    }

    @Test func perBatchStagingWritesTheStagedNameDirectlyAndReplacesATornLeftover() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path + "/spool", durability: .perBatch)
        let name = try SpoolFileName("run1-r00000002-RE-2.pdf")
        // A torn file of a killed attempt under the same staged name (never promised) is replaced.
        FileManager.default.createFile(atPath: spool.stagingFolder(.archive) + "/" + name.rawValue, contents: Data([1, 2, 3, 4, 5, 6, 7]))
        try spool.stage(Array("%PDF".utf8), name: name, channel: .archive)
        #expect(tmp.files("spool/.staging/archive") == [name.rawValue])
        #expect(try spool.publish(name, channel: .archive) == .published)
        #expect(try spool.readPublished(name, channel: .archive) == Array("%PDF".utf8))
    }

    @Test func publishIntoAMissingChannelFolderIsAnErrorNotNotStaged() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path + "/spool", durability: .perBatch)
        let name = try SpoolFileName("run1-r00000003-RE-3.eml")
        try spool.stage(Array("x".utf8), name: name, channel: .email)
        try FileManager.default.removeItem(atPath: spool.channelFolder(.email))
        // rename(2) says ENOENT for the missing target folder too: the staged file is still there, so this
        // must not pass for "published earlier".
        #expect(throws: ChannelError.self) { try spool.publish(name, channel: .email) }
        #expect(spool.isStaged(name, channel: .email))
    }

    @Test func createsMissingParentsOfTheSpoolRoot() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path + "/out/nightly/spool")
        for channel in Channel.allCases {
            var st = stat()
            #expect(stat(spool.channelFolder(channel), &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR)
        }
        // A file where a parent folder should be is an error naming that path, not a crash.
        #expect(FileManager.default.createFile(atPath: tmp.path + "/blocked", contents: Data([1])))
        #expect(throws: (any Error).self) { try Spool(root: tmp.path + "/blocked/spool") }
    }

    @Test func removesTemporariesOfAKilledWriter() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        FileManager.default.createFile(atPath: spool.stagingFolder(.print) + "/.tmp-1-1-x.pdf", contents: Data([1]))
        FileManager.default.createFile(atPath: spool.channelFolder(.archive) + "/.tmp-1-2-y.pdf", contents: Data([1]))
        #expect(spool.removeTemporaries() == 2)
        #expect(tmp.files(".staging/print").isEmpty)
    }

    @Test(arguments: ["../../etc/passwd", "..", ".hidden", "a/b", "", "name with space", "x\u{0}y", "Łódź", "a..b",
                      String(repeating: "a", count: 201)])
    func unsafeNamesAreRefused(_ name: String) {
        #expect(throws: ChannelError.self) { try SpoolFileName(name) }
        #expect(!SpoolFileName.isSafe(name))
    }

    @Test func safeNamesPass() throws {
        #expect(try SpoolFileName("RE-2024-000001.pdf").rawValue == "RE-2024-000001.pdf")
        #expect(SpoolFileName.isSafe("K-12345_a.b"))
    }

    @Test func nothingIsWrittenOutsideTheSpoolRoot() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path + "/spool")
        let attempt = { () throws -> Void in
            try spool.stage([1, 2, 3], name: try SpoolFileName("../../etc/passwd"), channel: .archive)
        }
        #expect(throws: ChannelError.self) { try attempt() }
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/etc/passwd"))
        #expect(tmp.files("spool/.staging/archive").isEmpty)
    }

    @Test func readOnlySpoolGivesAClearError() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let root = tmp.path + "/ro"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Root ignores permission bits; `chattr +i` (immutable) stops root too on ext4. Without either, skip.
        var undo: (() -> Void)?
        if geteuid() == 0 {
            guard (try? run("/usr/bin/chattr", ["+i", root]))?.0 == 0 else { return }
            undo = { _ = try? run("/usr/bin/chattr", ["-i", root]) }
        } else {
            chmod(root, 0o555)
            undo = { chmod(root, 0o755) }
        }
        defer { undo?() }
        do {
            _ = try Spool(root: root)
            Issue.record("expected an error for a read-only spool")
        } catch let error as ChannelError {
            #expect(error.code == .notWritable)
            #expect(error.stopsRun)
            #expect(error.message.contains(root))
        }
    }

    @Test func errnoMapping() {
        #expect(POSIXFile.error(ENOSPC, "write", "/x").code == .diskFull)
        #expect(POSIXFile.error(EDQUOT, "write", "/x").code == .diskFull)
        #expect(POSIXFile.error(EROFS, "create", "/x").code == .notWritable)
        #expect(POSIXFile.error(EIO, "write", "/x").code == .io)
        #expect(POSIXFile.error(ENOSPC, "write", "/x").description.contains("/x"))
    }

    @Test func writeAtomicallyIntoSubfolder() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try spool.writeAtomically(Array("{}".utf8), folder: try SpoolFileName("reports"), name: try SpoolFileName("r.json"))
        #expect(tmp.files("reports") == ["r.json"])
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(long) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var split = SHA256()
        split.update(long[0..<1]); split.update(long[1..<130]); split.update(long[130...])
        #expect(SHA256.hexString(split.finalize()) == SHA256.hex(long))
    }
}
