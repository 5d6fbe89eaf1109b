extension PDFWriter {
    /// Writes the sRGB ICC profile stream and a `GTS_PDFA1` output intent that points to it, and
    /// returns the intent's reference for ``CatalogWriter/outputIntents(_:)``. PDF/A requires
    /// such an intent when device colour spaces (DeviceRGB/DeviceGray) are used (ISO 19005-2 §6.2.3).
    /// `compressedProfile` lets a caller pass cached zlib bytes of ``SRGBProfile/bytes``.
    public mutating func sRGBOutputIntent(compressedProfile: [UInt8]? = nil) -> ObjectRef {
        let profile = newRef()
        let intent = newRef()
        let data: StreamData = compressedProfile.map { .flate($0) } ?? .raw(SRGBProfile.bytes)
        iccProfile(profile, data, components: 3, alternate: .deviceRGB)
        outputIntent(intent) { oi in
            oi.subtype(.pdfA)
            oi.outputConditionIdentifier(TextString(SRGBProfile.identifier))
            oi.registryName(TextString("http://www.color.org"))
            oi.info(TextString(SRGBProfile.identifier))
            oi.destOutputProfile(profile)
        }
        return intent
    }
}
